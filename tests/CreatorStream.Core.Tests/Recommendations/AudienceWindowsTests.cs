using CreatorStream.Core.Metrics;
using CreatorStream.Core.Recommendations;
using CreatorStream.Core.State;
using CreatorStream.Core.Trends;
using CreatorStream.Testing;

namespace CreatorStream.Core.Tests.Recommendations;

/// <summary>
/// When a creator's audience is responsive, from hand-made hours (docs/design.md, "Recommendations", audience windows).
/// T0 is Thursday 2026-01-01 00:00 UTC. anna, in two weeks: Monday 18:00 seen 1,000 times each week and engaged with 100
/// and 120 times; Tuesday 09:00, 1,000 each week, 20 and 30; Wednesday 12:00 only in the first week (3,000, 300);
/// Thursday 10:00 in both (400 and 400, 40 and 40).
/// </summary>
public sealed class AudienceWindowsTests
{
    private const long Hour = 3_600_000;
    private const long Day = 24 * Hour;
    private const long Week = 7 * Day;

    /// <summary>Φ⁻¹(1 − 0.05 / 2 / 2): the z of two hours judged together.</summary>
    private const double Z2 = 2.241402727604947;

    [Fact]
    public void Of_TwoWeeks_RanksTheHoursThatPassTheGates_ByTheLowEndOfTheirInterval()
    {
        var windows = AudienceWindows.Of(Series());

        // Wednesday has one week and Thursday 800 impressions: both left out.
        Assert.Equal([18, 33], windows.Select(w => w.HourOfWeek)); // Monday 18:00, Tuesday 09:00
        var monday = windows[0];
        Assert.Equal(("anna", "Monday 18:00 UTC", 2, 2_000L, 220L), (monday.CreatorId, monday.Label, monday.Weeks, monday.Impressions, monday.AuthenticEngagements));
        Assert.Equal(0.11, monday.EngagementRate, 12);
        Assert.Equal(650 / 7_800.0, monday.CreatorRate, 12);

        // Each hour about its own hour of the week's rate: Monday (0.11) 100/110 + 100/110, Tuesday (0.025) 25/25 + 25/25,
        // Thursday 0, Wednesday alone 0: χ² = 3.818 over 7 hours less 4 hours of the week.
        // Two hours judged: each interval at 1 − 0.05 / 2, two-sided, z = Φ⁻¹(0.9875).
        var dispersion = ((200 / 110.0) + 2) / 3;
        var spread = Z2 * Math.Sqrt(dispersion * 220) / 2_000;
        Assert.Equal(0.11 - spread, monday.EngagementRateLow, 1e-9); // z to Acklam's precision
        Assert.Equal(0.11 + spread, monday.EngagementRateHigh, 1e-9);
        Assert.True(monday.AboveAverage); // 0.0913 > 0.0833
        Assert.False(windows[1].AboveAverage);
    }

    [Fact]
    public void Of_TooFewRepeatedHours_MeasuresTheSpreadAboutTheCreatorsRate_WhichIsWider()
    {
        // One week only of Monday and Tuesday, gates opened to one week: no hour repeats, so no spread within an hour of
        // the week can be measured; the spread about the creator's rate (0.06) counts the Monday-Tuesday gap as noise.
        var hours = new List<PeriodView> { Hour1(4 * Day + 18 * Hour, 1_000, 100), Hour1(5 * Day + 9 * Hour, 1_000, 20) };
        var windows = AudienceWindows.Of(new CampaignSeries(EventBuilder.T0 + Week, hours, new Dictionary<string, IReadOnlyList<PeriodView>> { ["anna"] = hours }), minImpressions: 1_000, minWeeks: 1);

        var dispersion = ((40.0 * 40 / 60) + (40.0 * 40 / 60)) / 1; // χ² about 0.06, 2 hours less 1
        var spread = Z2 * Math.Sqrt(dispersion * 100) / 1_000; // 0.16: wider than the rate, so the low end stops at 0
        Assert.Equal((18, 0.0), (windows[0].HourOfWeek, windows[0].EngagementRateLow));
        Assert.Equal(0.1 + spread, windows[0].EngagementRateHigh, 1e-9);
        Assert.False(windows[0].AboveAverage);
    }

    private static CampaignSeries Series()
    {
        var hours = new List<PeriodView>
        {
            Hour1(4 * Day + 18 * Hour, 1_000, 100), Hour1(Week + 4 * Day + 18 * Hour, 1_000, 120),
            Hour1(5 * Day + 9 * Hour, 1_000, 20), Hour1(Week + 5 * Day + 9 * Hour, 1_000, 30),
            Hour1(6 * Day + 12 * Hour, 3_000, 300),
            Hour1(10 * Hour, 400, 40), Hour1(Week + 10 * Hour, 400, 40),
        };
        return new CampaignSeries(EventBuilder.T0 + 2 * Week, hours, new Dictionary<string, IReadOnlyList<PeriodView>> { ["anna"] = [.. hours.OrderBy(h => h.Start)] });
    }

    private static PeriodView Hour1(long offset, long impressions, long engagements) =>
        new(EventBuilder.T0 + offset, new Counters { Impressions = impressions, AuthenticEngagements = engagements, Likes = engagements });
}
