using System.Text;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Testing;
using static CreatorStream.Testing.CommissionScenario;

namespace CreatorStream.Processing.Tests.Commissions;

/// <summary>
/// Commission statements through the whole pipeline (docs/design.md, "Commissions"), every figure of
/// <see cref="CommissionScenario"/> computed by hand: the attributor's credit under each plan's model, direct sales,
/// the bounty, the refund taken back, the hold window and flat amounts by day.
/// </summary>
public sealed class CommissionReplayTests
{
    [Fact]
    public async Task Replay_HoldsPassed_EveryOrderIsPayableLessItsRefund()
    {
        var statements = await ReplayAsync(Events(T0 + (73 * Hour)), batchSize: 1_000_000);

        // anna, linear: o1 ½ × 100 less 40 % = 30, o2 200 → 10 % of 230 = 23, cleared at 51 h and 53 h; 20 flat a day,
        // payable once the day has ended (the fourth day has not).
        Assert.Equal(
            [(0, 43.0, 0.0, 43.0), (1, 20.0, 0.0, 20.0), (2, 20.0, 0.0, 20.0), (3, 20.0, 20.0, 0.0)],
            Figures(statements, "anna"));

        // ben, last touch: 50 % of his code's 200 = 100, 10 % of o1's 60 left = 6, one signup × 5; all cleared a day on.
        Assert.Equal([(0, 111.0, 0.0, 111.0), (1, 0.0, 0.0, 0.0), (2, 0.0, 0.0, 0.0), (3, 0.0, 0.0, 0.0)], Figures(statements, "ben"));
        var ben = statements.Single(s => s.CreatorId == "ben" && s.PeriodStart == T0);
        Assert.Equal(["percent", "percent", "bounty"], ben.Lines.Select(l => l.Kind));
        Assert.Equal([100.0, 6.0, 5.0], ben.Lines.Select(l => Math.Round(l.Accrued, 9)));
        Assert.Equal(T0 + Day, ben.PeriodEnd);
    }

    [Fact]
    public async Task Replay_InsideTheHoldWindow_HeldUntilEachOrdersHoldEnds()
    {
        var statements = await ReplayAsync(Events(T0 + (30 * Hour)), batchSize: 1_000_000);

        // At 30 h: anna's orders clear at 51 h and 53 h (held); the first day's flat is payable, the second's held.
        Assert.Equal([(0, 43.0, 23.0, 20.0), (1, 20.0, 20.0, 0.0)], Figures(statements, "anna"));

        // ben's o1 cleared at 27 h, o2 at 29 h; the signup (7 h) clears at 31 h: its 5 is held.
        Assert.Equal([(0, 111.0, 5.0, 106.0), (1, 0.0, 0.0, 0.0)], Figures(statements, "ben"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Replay_AnyBatchSize_GivesTheSameStatements(int batchSize)
    {
        var events = Events(T0 + (73 * Hour));
        var whole = await ReplayAsync(events, batchSize: 1_000_000);

        var split = await ReplayAsync(events, batchSize);

        Assert.Equal(Json(whole), Json(split));
    }

    private static List<(int Day, double Accrued, double Held, double Payable)> Figures(IEnumerable<StatementReport> statements, string creator) =>
        [.. statements.Where(s => s.CreatorId == creator).Select(s => ((int)((s.PeriodStart - T0) / Day), Math.Round(s.Accrued, 9), Math.Round(s.Held, 9), Math.Round(s.Payable, 9)))];

    private static string Json(List<StatementReport> statements) =>
        string.Join('\n', statements.Select(s => $"{s.CreatorId} {s.PeriodStart} {s.Accrued:R} {s.Held:R} {s.Payable:R} {string.Join(' ', s.Lines.Select(l => $"{l.Accrued:R}/{l.Payable:R}"))}"));

    private static async Task<List<StatementReport>> ReplayAsync(Core.Events.StreamEvent[] events, int batchSize)
    {
        var text = string.Join('\n', events.Select(e => Encoding.UTF8.GetString(EventBuilder.Line(e))));
        var outcome = await new Replayer(Catalog(), ProcessorOptions.Default, TimeProvider.System) { BatchSize = batchSize }
            .RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), null, CancellationToken.None);
        return outcome.Report.Campaigns["spring"].Commissions!.Statements;
    }
}
