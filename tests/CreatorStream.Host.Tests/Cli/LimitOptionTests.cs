using System.Text;
using System.Text.Json;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Composition;
using CreatorStream.Host.Verbs;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Host.Tests.Cli;

/// <summary>The input limits on the command line (decision 0008): defaults, validation, and what replay does with them.</summary>
public sealed class LimitOptionTests : IDisposable
{
    private readonly TempDirectory _dir = new("limits-");

    [Fact]
    public void Apply_NoLimitOptions_GivesTheDecoderDefaultsAndAFifteenMinuteSkew()
    {
        var options = LimitOptionSpecs.Apply(ParsedArgs.Parse([], LimitOptionSpecs.All), ProcessorOptions.Default);

        Assert.Equal(DecoderLimits.Default, options.Limits);
        Assert.Equal(TimeSpan.FromMinutes(15), options.MaxFutureSkew);
    }

    [Fact]
    public void Apply_GivenLimits_ReachTheProcessorOptions()
    {
        var args = ParsedArgs.Parse(["--max-record-bytes", "2048", "--max-id-bytes", "64", "--max-text-bytes", "512", "--max-future-skew-ms", "60000"], LimitOptionSpecs.All);

        var options = LimitOptionSpecs.Apply(args, ProcessorOptions.Default);

        Assert.Equal(DecoderLimits.Default with { MaxRecordBytes = 2048, MaxIdBytes = 64, MaxTextBytes = 512 }, options.Limits);
        Assert.Equal(TimeSpan.FromMinutes(1), options.MaxFutureSkew);
    }

    [Theory]
    [InlineData("max-record-bytes", "100")]
    [InlineData("max-record-bytes", "2000000")]
    [InlineData("max-id-bytes", "0")]
    [InlineData("max-text-bytes", "lots")]
    [InlineData("max-future-skew-ms", "-5")]
    public async Task RunAsync_LimitOutOfRange_StopsStartUpNamingTheOption(string name, string value)
    {
        var (events, campaigns) = await FilesAsync(Line(Impression("u1", T0)));
        var error = new StringWriter();
        var app = new CommandLineApp([new ReplayVerb(TextWriter.Null, error, TimeProvider.System)], TextWriter.Null, error);

        var code = await app.RunAsync(["replay", "--events", events, "--campaigns", campaigns, "--" + name, value], CancellationToken.None);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains($"option --{name} must be", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ReplayWithASmallRecordLimit_DeadLettersLongerLinesAsOversize()
    {
        var (events, campaigns) = await FilesAsync(Line(Impression("u1", T0)), Line(Impression(new string('u', 200), T0 + 1)));

        var report = await ReplayAsync(events, campaigns, "--max-record-bytes", "300");

        Assert.Equal(1, report.GetProperty("dead_letters_by_reason").GetProperty("OVERSIZE").GetInt64());
        Assert.Equal(1, report.GetProperty("campaigns").GetProperty("spring").GetProperty("totals").GetProperty("impressions").GetInt64());
    }

    [Fact]
    public async Task RunAsync_ReplayOfEventsFarAheadOfTheWallClock_CountsThem()
    {
        // A file is history (or `generate` output running ahead of now): the wall clock bounds nothing in replay.
        var (events, campaigns) = await FilesAsync(Line(Impression("u1", T0 + (2 * 86_400_000))));

        var report = await ReplayAsync(events, campaigns, "--max-future-skew-ms", "1000");

        Assert.Equal(0, report.GetProperty("dead_letters").GetInt64());
        Assert.Equal(1, report.GetProperty("campaigns").GetProperty("spring").GetProperty("totals").GetProperty("impressions").GetInt64());
    }

    public void Dispose() => _dir.Dispose();

    private static async Task<JsonElement> ReplayAsync(string events, string campaigns, params string[] extra)
    {
        var verb = new ReplayVerb(TextWriter.Null, TextWriter.Null, new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(T0)));
        var report = events + ".report.json";

        var code = await verb.RunAsync(ParsedArgs.Parse(["--events", events, "--campaigns", campaigns, "--out", report, .. extra], verb.Options), CancellationToken.None);

        Assert.Equal(ExitCodes.Success, code);
        return JsonDocument.Parse(await File.ReadAllTextAsync(report)).RootElement;
    }

    private async Task<(string Events, string Campaigns)> FilesAsync(params byte[][] lines)
    {
        var events = _dir.Combine("events.jsonl");
        var campaigns = _dir.Combine("campaigns.json");
        await File.WriteAllTextAsync(campaigns, TestCampaigns.SpringJson);
        await File.WriteAllLinesAsync(events, lines.Select(Encoding.UTF8.GetString));
        return (events, campaigns);
    }
}
