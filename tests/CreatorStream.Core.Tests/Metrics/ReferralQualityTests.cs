using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Tests.Metrics;

/// <summary>docs/design.md, "Outcomes", referral quality: the figures from sessions or, without any, from clicks, by hand.</summary>
public sealed class ReferralQualityTests
{
    [Fact]
    public void QualityWeightedTraffic_TenThousandClicksAtNinetyPercentBounce_IsWorthLessThanThreeThousandAtFourMinutes()
    {
        // The seeds' example: 10,000 visits of which 9,000 bounce (5 s) and 1,000 stay two minutes, against 3,000 visits
        // of four minutes of which a fifth bounce. 1,000 × 1 against 2,400 × 1.
        var bouncy = default(Counters);
        var engaged = default(Counters);
        for (var i = 0; i < 10_000; i++)
        {
            bouncy.AddSession(i < 9_000 ? 5_000 : 120_000, i < 9_000 ? 1 : 3, bounced: i < 9_000);
        }

        for (var i = 0; i < 3_000; i++)
        {
            engaged.AddSession(240_000, 4, bounced: i < 600);
        }

        var (many, few) = (View(bouncy), View(engaged));

        Assert.Equal(1_000.0, many.QualityWeightedTraffic);
        Assert.Equal(2_400.0, few.QualityWeightedTraffic);
        Assert.Equal((10_000L, 0.9), (many.Sessions, many.BounceRate!.Value));
        Assert.Equal((3_000L, 0.2, 240_000.0, 4.0), (few.Sessions, few.BounceRate!.Value, few.AvgTimeOnSiteMs!.Value, few.PagesPerSession!.Value));
    }

    [Fact]
    public void QualityWeightedTraffic_AShortVisit_CountsItsShareOfAMinute()
    {
        var counters = default(Counters);
        counters.AddSession(15_000, 2, bounced: false);
        counters.AddSession(45_000, 1, bounced: false);
        counters.AddSession(90_000, 1, bounced: true); // a bounce is worth nothing however long

        Assert.Equal(1.0, View(counters).QualityWeightedTraffic!.Value, 12);
    }

    [Fact]
    public void ReferralFigures_SessionsPresent_ComeFromSessionsNotClicks()
    {
        var counters = default(Counters);
        counters.AddClick(10_000, 5);
        counters.AddClick(20_000, 1);
        Assert.Equal(ReferralSource.Clicks, View(counters).ReferralSource);
        Assert.Equal((2L, 0.5, 15_000.0, 3.0), Figures(View(counters)));
        Assert.Equal(10_000.0 / 60_000, View(counters).QualityWeightedTraffic!.Value, 12); // the one-page click bounced

        counters.AddSession(30_000, 2, bounced: false);

        Assert.Equal(ReferralSource.Sessions, View(counters).ReferralSource);
        Assert.Equal((1L, 0.0, 30_000.0, 2.0), Figures(View(counters)));
        Assert.Equal(0.5, View(counters).QualityWeightedTraffic!.Value, 12);
    }

    [Fact]
    public void ReferralFigures_ClicksWithPagesAlone_HaveNoTimeAndNoQualityWeightedTraffic()
    {
        var counters = default(Counters);
        counters.AddClick(null, 3);

        Assert.Null(View(counters).AvgTimeOnSiteMs);
        Assert.Null(View(counters).QualityWeightedTraffic);
        Assert.Equal(ReferralSource.None, View(default).ReferralSource);
    }

    private static (long Sessions, double? Bounce, double? Time, double? Pages) Figures(AggregateView view) =>
        (view.Sessions, view.BounceRate, view.AvgTimeOnSiteMs, view.PagesPerSession);

    private static AggregateView View(Counters counters) => AggregateView.Empty with { Counters = counters };
}
