using System.Text;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>A dated goal judged in the replay report (docs/design.md, "Goals"), by hand.</summary>
public sealed class GoalReplayTests
{
    private const long Hour = 3_600_000;

    [Fact]
    public async Task Replay_DatedGoalBehindItsPace_ReportsPaceProjectionBudgetAndAnAlert()
    {
        // 100 conversions wanted between T0 and T0 + 10 h; four by T0 + 5 h (the newest event): half the period gone.
        var json = TestCampaigns.SpringJson.Replace(
            "\"goal\":{\"type\":\"sales\",\"target\":{\"kpi\":\"revenue\",\"value\":50000},\"baseline\":null}",
            "\"goal\":{\"type\":\"sales\",\"target\":{\"kpi\":\"conversions\",\"value\":100},\"baseline\":null,"
            + "\"start\":\"2026-01-01T00:00:00Z\",\"end\":\"2026-01-01T10:00:00Z\",\"budget\":5000}",
            StringComparison.Ordinal);
        var events = new List<StreamEvent>();
        for (var i = 0; i < 4; i++)
        {
            events.Add(Click($"u{i}", T0 + (i * Hour), creator: "anna", content: "post-1", id: $"c{i}"));
            events.Add(Conversion($"u{i}", T0 + (i * Hour) + 60_000, 10m, id: $"o{i}"));
        }

        events.Add(Impression("u9", T0 + (5 * Hour), creator: "ben", content: "post-b", id: "last"));
        var text = string.Join('\n', events.Select(e => Encoding.UTF8.GetString(Line(e))));

        var report = (await new Replayer(CampaignCatalog.Parse(json), ProcessorOptions.Default, TimeProvider.System)
            .RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), null, CancellationToken.None)).Report;

        var spring = report.Campaigns["spring"];
        var goal = spring.Goal!;
        var spread = 1.96 * Math.Sqrt(0.5 / 4) * 8;
        Assert.Equal(("sales", "conversions", 100.0, 4.0), (goal.Type, goal.Kpi, goal.Target, goal.Current!.Value));
        Assert.Equal((T0, T0 + (10 * Hour), T0 + (5 * Hour), 0.5), (goal.Start!.Value, goal.End!.Value, goal.AsOf!.Value, goal.Elapsed!.Value));
        Assert.Equal(8, goal.Projection!.Value, 9);
        Assert.Equal(8 + spread, goal.Projection.High, 9);
        Assert.Equal("behind", goal.Pace);
        Assert.Equal(1874.0 / 5000, goal.BudgetUsed!.Value, 12); // anna 1,370 + 10 % of 40; ben 500
        Assert.Same(goal, spring.Recommendations!.Goal);

        var alert = Assert.Single(spring.Alerts, a => a.Kind == "goal_off_pace");
        Assert.Null(alert.CreatorId);
        Assert.Equal((T0, T0 + (5 * Hour)), (alert.WindowStart, alert.WindowEnd));
    }
}
