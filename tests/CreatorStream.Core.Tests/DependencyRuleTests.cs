using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.Tests;

public sealed class DependencyRuleTests
{
    [Fact]
    public void CoreAssembly_ReferencesNoInfrastructure()
    {
        var forbidden = new[] { "Confluent", "StackExchange", "System.Reactive", "Microsoft.AspNetCore", "Microsoft.Extensions" };

        var references = typeof(StreamProcessor).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.Contains("System.Text.Json", references);
        Assert.DoesNotContain(references, name => forbidden.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)));
    }
}
