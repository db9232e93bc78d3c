using CreatorStream.Kafka;
using CreatorStream.Processing.State;
using CreatorStream.Processing.Summaries;
using CreatorStream.Testing;
using static CreatorStream.Testing.CommissionScenario;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// docs/design.md, "Commissions": <see cref="CommissionScenario"/> through the broker and both stages of a worker; the
/// store's statements equal the replay report's (live equals replay), each figure as computed by hand in
/// CommissionReplayTests.
/// </summary>
public sealed class CommissionLiveTests
{
    [Fact]
    public async Task Worker_CommissionScenario_StoresTheStatementsTheReplayReportHas()
    {
        var (difference, replay, _) = await ScenarioLiveRun.RunAsync(Events(T0 + (30 * Hour)), Topics.All, Catalog());

        Assert.True(difference is null, $"live and replay differ at {difference}");
        var statements = replay["campaigns"]!["spring"]!["commissions"]!["statements"]!.AsArray();
        var ben = statements.Single(s => s!["creator_id"]!.GetValue<string>() == "ben" && s["period_start"]!.GetValue<long>() == T0)!;
        // The closing tick the run adds is minutes after 30 h: ben's signup (7 h, held a day) is still held.
        Assert.Equal((111.0, 106.0), (Math.Round(ben["accrued"]!.GetValue<double>(), 9), Math.Round(ben["payable"]!.GetValue<double>(), 9)));
    }

    [Fact]
    public async Task Worker_CommissionScenario_ItsStoreGivesTheSummariesAReplaysGives_ByteForByte()
    {
        var (live, replay) = (new InMemoryStateStore(), new InMemoryStateStore());
        var (difference, _, _) = await ScenarioLiveRun.RunAsync(Events(T0 + (80 * Hour)), Topics.All, Catalog(), live, replay);
        Assert.True(difference is null, $"live and replay differ at {difference}");
        using var fromLive = new TempDirectory("outbox-live-");
        using var fromReplay = new TempDirectory("outbox-replay-");

        var written = (await new SummaryOutbox(fromLive.Path).WriteDueAsync(live, Catalog(), CancellationToken.None)).Written;
        await new SummaryOutbox(fromReplay.Path).WriteDueAsync(replay, Catalog(), CancellationToken.None);

        // Three finished days for each of anna and ben (docs/design.md, "Creator summaries"; figures in CreatorSummaryTests).
        Assert.Equal(6, written);
        Assert.Equal(Files(fromReplay.Path), Files(fromLive.Path));
        Assert.Contains("Clicks: 2", Files(fromLive.Path)["spring/anna/2026-03-02/summary.txt"], StringComparison.Ordinal);
    }

    private static SortedDictionary<string, string> Files(string directory) => new(
        Directory.GetFiles(directory, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(directory, f).Replace('\\', '/'), File.ReadAllText),
        StringComparer.Ordinal);
}
