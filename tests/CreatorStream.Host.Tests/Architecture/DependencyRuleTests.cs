using System.Reflection;

namespace CreatorStream.Host.Tests.Architecture;

/// <summary>
/// The dependency rule (STYLE.md, "Layout": a project exists to isolate a dependency), checked on what each of our
/// assemblies really references once compiled, not on what its project file says. Every assembly the executable
/// carries must have a rule here, so a new project cannot slip past.
/// </summary>
public sealed class DependencyRuleTests
{
    private const string AspNet = "Microsoft.AspNetCore";
    private const string Extensions = "Microsoft.Extensions";
    private const string Kafka = "Confluent";
    private const string Redis = "StackExchange";
    private const string Rx = "System.Reactive";

    /// <summary>Per assembly: which of our assemblies it may use, and which infrastructure it must not.</summary>
    private static readonly Dictionary<string, (string[] Ours, string[] Forbidden)> Rules = new()
    {
        // Pure values and functions: no packages at all.
        ["CreatorStream.Core"] = ([], [AspNet, Extensions, Kafka, Redis, Rx]),
        // The generator: pure like Core, which it builds on.
        ["CreatorStream.Simulation"] = (["CreatorStream.Core"], [AspNet, Extensions, Kafka, Redis, Rx]),
        // Rx pipelines over Core: no edges.
        ["CreatorStream.Processing"] = (["CreatorStream.Core"], [AspNet, Kafka, Redis]),
        // The Kafka edge knows nothing of Redis or the web.
        ["CreatorStream.Kafka"] = (["CreatorStream.Core", "CreatorStream.Processing"], [AspNet, Redis]),
        // The Redis edge knows nothing of Kafka or the web.
        ["CreatorStream.Redis"] = (["CreatorStream.Core", "CreatorStream.Processing"], [AspNet, Kafka]),
        // The bench drives Kafka and Redis but not the web role (the Host starts that for it, behind ILiveTarget).
        ["CreatorStream.Bench"] = (["CreatorStream.Core", "CreatorStream.Processing", "CreatorStream.Kafka", "CreatorStream.Redis", "CreatorStream.Simulation"], [AspNet]),
    };

    public static TheoryData<string> Assemblies() => [.. Rules.Keys];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Assembly_ReferencesOnlyWhatItsRuleAllows(string name)
    {
        var (ours, forbidden) = Rules[name];

        var references = Assembly.Load(name).GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.Contains("System.Runtime", references); // the list is real: every assembly references the runtime
        Assert.DoesNotContain(references, r => forbidden.Any(prefix => r.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.DoesNotContain(references, r => IsOurs(r) && !ours.Contains(r));
    }

    [Fact]
    public void Rules_CoverEveryAssemblyTheExecutableCarries()
    {
        var host = typeof(Host.Cli.CommandLineApp).Assembly;
        var ours = new HashSet<string>();
        var pending = new Stack<AssemblyName>(host.GetReferencedAssemblies());
        while (pending.TryPop(out var reference))
        {
            if (IsOurs(reference.Name ?? "") && ours.Add(reference.Name!))
            {
                foreach (var next in Assembly.Load(reference).GetReferencedAssemblies())
                {
                    pending.Push(next);
                }
            }
        }

        Assert.Equal(Rules.Keys.Order(StringComparer.Ordinal), ours.Order(StringComparer.Ordinal));
    }

    private static bool IsOurs(string assemblyName) => assemblyName.StartsWith("CreatorStream.", StringComparison.Ordinal);
}
