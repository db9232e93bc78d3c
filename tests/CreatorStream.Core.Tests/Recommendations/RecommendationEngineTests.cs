using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Recommendations;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;
using CreatorStream.Testing;

namespace CreatorStream.Core.Tests.Recommendations;

public sealed class RecommendationEngineTests
{
    private const long T0 = EventBuilder.T0; // 2026-01-01T00:00Z, a Thursday

    /// <summary>anna: cost 1,000, revenue 500 on 10 conversions (ROAS 0.5, CPA 100); ben: cost 400, revenue 1,200 on 40 (ROAS 3, CPA 10).</summary>
    private static CampaignReport Figures() => new()
    {
        Totals = new TotalsReport { Revenue = new SortedDictionary<string, double> { ["last_touch"] = 1700 } },
        Creators = new SortedDictionary<string, CreatorReport>(StringComparer.Ordinal)
        {
            ["anna"] = Creator(cost: 1000, revenue: 500, conversions: 10, engagementRate: 0.08),
            ["ben"] = Creator(cost: 400, revenue: 1200, conversions: 40, engagementRate: 0.05),
        },
    };

    [Fact]
    public void Build_TwoCreators_ShiftsAQuarterOfTheWeakerCostWithTheRangeAndConfidence()
    {
        var advice = RecommendationEngine.Build(TestCampaigns.Spring().Campaigns[0], Figures(), State());

        var shift = Assert.IsType<BudgetShift>(advice.BudgetShift);
        Assert.Equal(("anna", "ben", 250.0), (shift.FromCreatorId, shift.ToCreatorId, shift.Amount));

        // 250 × (3 − 0.5) = 625; standard error 250 × √(3²/40 + 0.5²/10) = 125; 95% range ±245.
        Assert.Equal(625, shift.ExpectedRevenueChange, 9);
        Assert.Equal((380.0, 870.0), (Math.Round(shift.ExpectedRevenueChangeLow, 9), Math.Round(shift.ExpectedRevenueChangeHigh, 9)));
        Assert.Equal("medium", shift.Confidence); // the thinner side has 10 conversions: not low, not yet high
        Assert.Contains("Move 250 USD from anna", shift.Rationale, StringComparison.Ordinal);
        Assert.Null(advice.BudgetShiftNote);
    }

    [Fact]
    public void Build_CpaAboveTheBenchmark_FlagsOnlyThatCreatorAndRanksByEachFigure()
    {
        var advice = RecommendationEngine.Build(TestCampaigns.Spring().Campaigns[0], Figures(), State());

        var flag = Assert.Single(advice.Flags);
        Assert.Equal(("anna", "cpa_above_benchmark", 100.0, 25.0), (flag.CreatorId, flag.Kind, flag.Value, flag.Threshold));
        Assert.Equal(["ben", "anna"], advice.Ranking.Select(r => r.CreatorId));
        var anna = advice.Ranking.Single(r => r.CreatorId == "anna");
        Assert.Equal((2, 2, 1), (anna.RoiRank, anna.CpaRank, anna.EngagementRateRank));
    }

    [Fact]
    public void Build_OneCreatorWithCosts_ExplainsWhyThereIsNoShift()
    {
        var figures = Figures();
        figures.Creators.Remove("ben");

        var advice = RecommendationEngine.Build(TestCampaigns.Spring().Campaigns[0], figures, State());

        Assert.Null(advice.BudgetShift);
        Assert.Contains("fewer than two creators", advice.BudgetShiftNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PostsAtTwoHours_PicksTheHourAndFormatWithTheBestEngagementRate()
    {
        var advice = RecommendationEngine.Build(TestCampaigns.Spring().Campaigns[0], Figures(), State());

        // post-1 went up Thursday 00:00 UTC (2 of 100 reached engaged); post-2 Thursday 18:00 (9 of 100).
        var window = Assert.Single(advice.PostingWindows);
        Assert.Equal(("anna", 90, "Thursday 18:00 UTC", 0.09), (window.CreatorId, window.HourOfWeek, window.Label, window.EngagementRate));
        var best = Assert.Single(advice.ContentFormats, f => f.Best);
        Assert.Equal(("instagram", "story", 0.09), (best.Platform, best.ContentFormat, best.EngagementRate));
        Assert.Equal(2, advice.ContentFormats.Count);
    }

    [Fact]
    public void Build_RevenueGoal_ReportsTheShareReached()
    {
        var goal = RecommendationEngine.Build(TestCampaigns.Spring().Campaigns[0], Figures(), State()).Goal!;

        Assert.Equal(("revenue", 50_000.0, 1700.0), (goal.Kpi, goal.Target, goal.Current));
        Assert.Equal(1700 / 50_000.0, goal.Progress!.Value, 12);
    }

    [Theory]
    [InlineData(T0, 72)] // Thursday 00:00
    [InlineData(T0 + (4 * 86_400_000L) + (3 * 3_600_000L), 3)] // Monday 03:00
    [InlineData(T0 + (3 * 86_400_000L) + (23 * 3_600_000L), 167)] // Sunday 23:00
    public void HourOfWeek_AnyTime_CountsFromMondayMidnightUtc(long ts, int expected)
    {
        Assert.Equal(expected, RecommendationEngine.HourOfWeek(ts));
    }

    private static CreatorReport Creator(double cost, double revenue, double conversions, double engagementRate) => new()
    {
        Cost = cost,
        Roas = revenue / cost,
        Roi = (revenue - cost) / cost,
        Cpa = cost / conversions,
        EngagementRate = engagementRate,
        Attribution = new SortedDictionary<string, ModelCredit>(StringComparer.Ordinal) { ["last_touch"] = new() { Conversions = conversions, Revenue = revenue } },
    };

    private static CampaignState State()
    {
        AggregateView Post(long firstTs, long authentic, ContentFormat format) =>
            new(new Counters { AuthenticEngagements = authentic, Likes = authentic }, 100, firstTs, 0, format) { FirstEventTs = firstTs };

        var content = new Dictionary<ContentRef, AggregateView>
        {
            [new ContentRef("anna", "post-1", Platform.Instagram)] = Post(T0, 2, ContentFormat.Reel),
            [new ContentRef("anna", "post-2", Platform.Instagram)] = Post(T0 + (18 * 3_600_000L), 9, ContentFormat.Story),
        };
        return new CampaignState("spring", StateWindow.CampaignToDate, AggregateView.Empty, new Dictionary<string, AggregateView>(), content, T0);
    }
}
