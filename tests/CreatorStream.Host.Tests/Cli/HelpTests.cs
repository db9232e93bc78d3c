using CreatorStream.Host.Cli;
using CreatorStream.Host.Verbs;

namespace CreatorStream.Host.Tests.Cli;

public sealed class HelpTests
{
    private static readonly IReadOnlyList<IVerb> Verbs = VerbCatalog.All(TextWriter.Null, TextWriter.Null, TextReader.Null, TimeProvider.System);

    public static TheoryData<string> VerbNames => [.. Verbs.Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(VerbNames))]
    public void VerbHelp_EveryOption_IsDescribedWithItsDefaultOrAsRequired(string name)
    {
        var verb = Verbs.Single(v => v.Name == name);
        var help = CommandLineApp.VerbHelp(verb);

        Assert.Equal(verb.Options.Count, verb.Options.Select(o => o.Name).Distinct().Count());
        foreach (var option in verb.Options)
        {
            Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{name} --{option.Name} has no description");
            Assert.False(string.IsNullOrEmpty(option.DefaultNote), $"{name} --{option.Name} says neither its default nor that it is required");
            var line = help.Split('\n').Single(l => l.TrimStart().StartsWith(option.Usage + " ", StringComparison.Ordinal));
            Assert.Contains($"({option.DefaultNote})", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GeneralHelp_ListsEveryVerbTheSecretVariablesAndTheExitCodes()
    {
        var output = new StringWriter();

        var code = await new CommandLineApp(Verbs, output, TextWriter.Null).RunAsync(["--help"], CancellationToken.None);

        Assert.Equal(ExitCodes.Success, code);
        var help = output.ToString();
        Assert.All(Verbs, v => Assert.Contains($"  {v.Name} ", help, StringComparison.Ordinal));
        Assert.Contains("CREATORSTREAM_API_KEY", help, StringComparison.Ordinal);
        Assert.Contains("CREATORSTREAM_REDIS_PASSWORD", help, StringComparison.Ordinal);
        Assert.Contains("CREATORSTREAM_KAFKA_SASL_PASSWORD", help, StringComparison.Ordinal);
        Assert.Contains("3    Kafka, Redis or the listen address could not be reached or used", help, StringComparison.Ordinal);
        Assert.Contains("130  interrupted", help, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("worker", "--kafka")]
    [InlineData("replay", "--events")]
    [InlineData("produce", "--kafka")]
    [InlineData("web", "--campaigns")]
    public void Parse_WithoutARequiredOption_NamesItBeforeAnythingStarts(string name, string option)
    {
        var e = Assert.Throws<UsageException>(() => ParsedArgs.Parse([], Verbs.Single(v => v.Name == name).Options));

        Assert.StartsWith($"option {option} is required", e.Message, StringComparison.Ordinal);
    }
}
