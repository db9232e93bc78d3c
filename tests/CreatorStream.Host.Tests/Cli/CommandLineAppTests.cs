using CreatorStream.Host.Cli;
using CreatorStream.Host.Verbs;

namespace CreatorStream.Host.Tests.Cli;

public sealed class CommandLineAppTests
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    private CommandLineApp App() => new([new ReplayVerb(_output, _error, TimeProvider.System), new BrokerVerb(_output, TextReader.Null)], _output, _error);

    [Fact]
    public async Task RunAsync_UnknownVerb_ExitsWithUsageAndNamesTheVerbs()
    {
        Assert.Equal(ExitCodes.Usage, await App().RunAsync(["fly"], CancellationToken.None));
        Assert.Contains("unknown verb 'fly'", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("replay", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_VerbHelp_ListsEveryOptionWithItsDefault()
    {
        Assert.Equal(ExitCodes.Success, await App().RunAsync(["replay", "--help"], CancellationToken.None));

        var help = _output.ToString();
        Assert.Contains("--events FILE", help, StringComparison.Ordinal);
        Assert.Contains("--watermark-delay-ms MS", help, StringComparison.Ordinal);
        Assert.Contains("(default: 5000)", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingRequiredOption_NamesIt()
    {
        Assert.Equal(ExitCodes.Usage, await App().RunAsync(["replay", "--events", "x.jsonl"], CancellationToken.None));
        Assert.Contains("--campaigns is required", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownOption_IsRefused()
    {
        Assert.Equal(ExitCodes.Usage, await App().RunAsync(["broker", "--partitons", "3"], CancellationToken.None));
        Assert.Contains("unknown option --partitons", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BadNumber_SaysWhatIsAllowed()
    {
        Assert.Equal(ExitCodes.Usage, await App().RunAsync(["broker", "--partitions", "zero"], CancellationToken.None));
        Assert.Contains("--partitions must be a whole number between 1 and 1024", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BadCampaignFile_StopsNamingTheField()
    {
        using var dir = new Testing.TempDirectory("cli-app-");
        var campaigns = dir.Combine("campaigns.json");
        var events = dir.Combine("events.jsonl");
        await File.WriteAllTextAsync(events, "");
        await File.WriteAllTextAsync(campaigns, Testing.TestCampaigns.SpringJson.Replace("\"USD\"", "\"usd\"", StringComparison.Ordinal));

        var code = await App().RunAsync(["replay", "--events", events, "--campaigns", campaigns], CancellationToken.None);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("configuration error at campaigns[0].currency", _error.ToString(), StringComparison.Ordinal);
    }
}
