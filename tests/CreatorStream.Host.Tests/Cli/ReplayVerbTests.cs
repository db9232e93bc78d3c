using System.Text;
using System.Text.Json;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Verbs;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Host.Tests.Cli;

public sealed class ReplayVerbTests
{
    [Fact]
    public async Task RunAsync_FileWithABadLine_WritesTheReportAndTheDeadLetters()
    {
        using var dir = new TempDirectory("replay-");
        var events = dir.Combine("events.jsonl");
        var campaigns = dir.Combine("campaigns.json");
        var report = dir.Combine("report.json");
        var deadLetters = dir.Combine("dead.jsonl");
        await File.WriteAllTextAsync(campaigns, TestCampaigns.SpringJson);
        await File.WriteAllLinesAsync(events, [Encoding.UTF8.GetString(Line(Impression("u1", T0))), Encoding.UTF8.GetString(Line(Click("u1", T0 + 5))), "{bad"]);
        var error = new StringWriter();
        var verb = new ReplayVerb(TextWriter.Null, error, TimeProvider.System);

        var code = await verb.RunAsync(ParsedArgs.Parse(["--events", events, "--campaigns", campaigns, "--out", report, "--dead-letters", deadLetters], verb.Options), CancellationToken.None);

        Assert.Equal(ExitCodes.Success, code);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var totals = document.RootElement.GetProperty("campaigns").GetProperty("spring").GetProperty("totals");
        Assert.Equal(1, totals.GetProperty("impressions").GetInt64());
        Assert.Equal(1.0, totals.GetProperty("ctr").GetDouble());
        Assert.Equal(1, document.RootElement.GetProperty("dead_letters").GetInt64());
        var letter = JsonDocument.Parse((await File.ReadAllLinesAsync(deadLetters)).Single()).RootElement;
        Assert.Equal("INVALID_JSON", letter.GetProperty("reason").GetString());
        Assert.Equal("{bad", letter.GetProperty("value").GetString());
        Assert.Equal(2, letter.GetProperty("offset").GetInt64());
        Assert.Contains("replay: done: 3 records", error.ToString(), StringComparison.Ordinal);
    }
}
