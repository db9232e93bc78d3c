using CreatorStream.Core.Configuration;
using CreatorStream.Core.Recommendations;
using CreatorStream.Core.Reporting;

namespace CreatorStream.Core.Tests.Recommendations;

/// <summary>A goal's pace and projection (docs/design.md, "Goals"), every figure computed by hand.</summary>
public sealed class GoalPaceTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly long Day = (long)TimeSpan.FromDays(1).TotalMilliseconds;

    /// <summary>
    /// Revenue 400 from 16 conversions half-way through a 10-day goal of 1,000: projected 800, relative deviation
    /// sqrt(0.5 / 16) = 0.1768, so 800 ± 1.96 × 0.1768 × 800 = 800 ± 277.2: the target is within reach, on pace.
    /// </summary>
    [Fact]
    public void Of_HalfWayWithFewConversions_ProjectsWithAWideIntervalAndIsOnPace()
    {
        var goal = GoalPace.Of(Campaign("revenue", 1000), Figures(revenue: 400, conversions: 16), Start.ToUnixTimeMilliseconds() + (5 * Day))!;

        var spread = 1.96 * Math.Sqrt(0.5 / 16) * 800;
        Assert.Equal(0.5, goal.Elapsed);
        Assert.Equal(0.4, goal.Progress);
        Assert.Equal(800, goal.Projection!.Value, 9);
        Assert.Equal(800 - spread, goal.Projection.Low, 9);
        Assert.Equal(800 + spread, goal.Projection.High, 9);
        Assert.Equal(GoalPace.OnPace, goal.Pace);
    }

    [Theory]
    [InlineData(400, 100, "behind")] // 800 ± 110.9: even 910.9 misses 1,000
    [InlineData(700, 100, "ahead")] // 1,400 ± 194.0: even 1,206 reaches it
    [InlineData(450, 100, "on_pace")] // 900 ± 124.7
    public void Of_HalfWayWithManyConversions_JudgesByTheWholeInterval(double revenue, double conversions, string pace)
    {
        var goal = GoalPace.Of(Campaign("revenue", 1000), Figures(revenue, conversions), Start.ToUnixTimeMilliseconds() + (5 * Day))!;

        Assert.Equal(pace, goal.Pace);
    }

    [Fact]
    public void Of_PeriodOver_ProjectsTheFigureItselfWithNoSpread()
    {
        var goal = GoalPace.Of(Campaign("revenue", 1000), Figures(revenue: 990, conversions: 50), Start.ToUnixTimeMilliseconds() + (12 * Day))!;

        Assert.Equal(1.0, goal.Elapsed);
        Assert.Equal((990.0, 990.0, 990.0), (goal.Projection!.Value, goal.Projection.Low, goal.Projection.High));
        Assert.Equal(GoalPace.Behind, goal.Pace);
    }

    [Fact]
    public void Of_BeforeTheStartOrWithoutDates_HasNoPace()
    {
        var early = GoalPace.Of(Campaign("revenue", 1000), Figures(400, 16), Start.ToUnixTimeMilliseconds() - Day)!;
        var undated = GoalPace.Of(Campaign("revenue", 1000, dated: false), Figures(400, 16), Start.ToUnixTimeMilliseconds() + Day)!;

        Assert.Equal((0.0, null, null), (early.Elapsed!.Value, early.Pace, early.Projection));
        Assert.Equal((null, null, null), (undated.Elapsed, undated.Pace, undated.Projection));
        Assert.Equal(0.4, undated.Progress);
    }

    [Fact]
    public void Of_Reach_IsNeitherProjectedNorPaced()
    {
        var goal = GoalPace.Of(Campaign("reach", 10_000, type: "awareness"), Figures(reach: 2_000), Start.ToUnixTimeMilliseconds() + (5 * Day))!;

        Assert.Equal((0.2, null, null), (goal.Progress!.Value, goal.Pace, goal.Projection));
        Assert.Equal(2_000.0, goal.Primary["reach"]);
    }

    [Theory]
    [InlineData(20.0, "on_pace", 1.25)]
    [InlineData(30.0, "behind", 25.0 / 30)]
    public void Of_CostCeiling_IsMetAtOrBelowTheTarget(double cpa, string pace, double progress)
    {
        var goal = GoalPace.Of(Campaign("cpa", 25), Figures(cpa: cpa), Start.ToUnixTimeMilliseconds() + (5 * Day))!;

        Assert.Equal(pace, goal.Pace);
        Assert.Equal(progress, goal.Progress!.Value, 12);
    }

    [Fact]
    public void Of_PercentageOverBaselineSecondaryAndBudget_ResolvesEach()
    {
        var campaign = Campaign("conversions", value: null, increasePct: 50, baseline: 120, budget: 4000, secondary: new GoalTarget { Kpi = "roas", Value = 3 });

        var goal = GoalPace.Of(campaign, Figures(revenue: 5000, conversions: 90, roas: 2.5, cost: 2000), Start.ToUnixTimeMilliseconds() + (5 * Day))!;

        Assert.Equal(180.0, goal.Target); // 120 raised by 50 %
        Assert.Equal(0.5, goal.Progress);
        Assert.Equal(("roas", 3.0, 2.5, false), (goal.Secondary!.Kpi, goal.Secondary.Target, goal.Secondary.Current, goal.Secondary.Met));
        Assert.Equal((4000.0, 2000.0, 0.5), (goal.Budget!.Value, goal.Spent!.Value, goal.BudgetUsed!.Value));
        Assert.Equal(new[] { "conversions", "revenue" }, goal.Primary.Keys);
    }

    [Fact]
    public void GoalAlerts_Behind_RaisesOneCampaignAlertOverThePeriodSoFar()
    {
        var now = Start.ToUnixTimeMilliseconds() + (5 * Day);
        var behind = GoalPace.Of(Campaign("revenue", 1000), Figures(400, 100), now);
        var onPace = GoalPace.Of(Campaign("revenue", 1000), Figures(400, 16), now);

        var alert = Assert.Single(ReportBuilder.GoalAlerts(behind));
        Assert.Empty(ReportBuilder.GoalAlerts(onPace));
        Assert.Equal(("goal_off_pace", null, Start.ToUnixTimeMilliseconds(), now), (alert.Kind, alert.CreatorId, alert.WindowStart, alert.WindowEnd));
        Assert.Equal(1000.0, (double)alert.Details["target"]!);
    }

    private static CampaignConfig Campaign(
        string kpi, double? value, string type = "sales", bool dated = true, double? increasePct = null, double? baseline = null, double? budget = null, GoalTarget? secondary = null) =>
        new()
        {
            CampaignId = "spring",
            BrandId = "acme",
            Goal = new CampaignGoal
            {
                Type = type,
                Target = new GoalTarget { Kpi = kpi, Value = value, IncreasePct = increasePct },
                Secondary = secondary,
                Baseline = baseline,
                Start = dated ? Start : null,
                End = dated ? Start.AddDays(10) : null,
                Budget = budget,
            },
        };

    private static CampaignReport Figures(double revenue = 0, double conversions = 0, long reach = 0, double? cpa = null, double? roas = null, double cost = 0) => new()
    {
        Totals = new TotalsReport
        {
            Reach = reach,
            Conversions = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["last_touch"] = conversions },
            Revenue = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["last_touch"] = revenue },
            Cpa = cpa,
            Roas = roas,
            Cost = cost,
        },
    };
}
