using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;
using CreatorStream.Core.Trends;

namespace CreatorStream.Core.Tests.Trends;

/// <summary>Rate drops over hand-made hourly series (docs/design.md, "Trends"), each verdict computed by hand.</summary>
public sealed class RateDropsTests
{
    private const long H = SeriesPeriods.HourMs;
    private const long Start = 1_767_225_600_000; // 2026-01-01T00:00Z

    /// <summary>Hours of <paramref name="impressions"/> each, with the given clicks per hour, from <see cref="Start"/>.</summary>
    private static List<PeriodView> Hours(long impressions, params long[] clicks) =>
        [.. clicks.Select((c, i) => new PeriodView(Start + (i * H), new Counters { Impressions = impressions, Clicks = c }))];

    private static long[] Repeat(long value, int count) => Enumerable.Repeat(value, count).ToArray();

    [Fact]
    public void Find_ClickThroughRateFallsFromFiveToOnePercent_OpensWhenTheFallIsMaterialAndHoldsToTheEnd()
    {
        // 30 steady hours of 50 clicks per 1,000, then 7 hours of 10: judged at Start + 37 h 10 min, hours 0-36 complete.
        var hours = Hours(1_000, [.. Repeat(50, 30), .. Repeat(10, 7)]);

        var drop = Assert.Single(RateDrops.Find("anna", hours, Start + (37 * H) + 600_000, RateDropOptions.Default));

        // Window ending at hour 31 holds one low hour: 260 against 300 expected, a 13 % fall (not material); at 32, 27 %;
        // at 33 (hours 27-32), 180 of 6,000 against 1,350 of 27,000 in hours 0-26: 40 % lower. Steady baseline: dispersion 1.
        // k = 1,530, share 6,000 / 33,000, mean 278.18, sd sqrt(1,530 × share × (1 − share)).
        var share = 6_000.0 / 33_000;
        var z = (180 - (1_530 * share)) / Math.Sqrt(1_530 * share * (1 - share));
        Assert.Equal((TrendRate.Ctr, "anna", Start + (27 * H), Start + (37 * H)), (drop.Rate, drop.CreatorId, drop.WindowStart, drop.WindowEnd));
        Assert.Equal((180L, 6_000L, 1_350L, 27_000L), (drop.Numerator, drop.Denominator, drop.BaselineNumerator, drop.BaselineDenominator));
        Assert.Equal(z, drop.Z, 9);
        Assert.Equal(0.4, drop.RelativeDrop, 12);
        Assert.Equal("ctr_drop", drop.Kind);
    }

    [Fact]
    public void Find_HourNotSettled_IsNotJudged()
    {
        var hours = Hours(1_000, [.. Repeat(50, 30), .. Repeat(10, 3)]);

        // Hour 32 ends at Start + 33 h, but the newest event is only 4 minutes past it: hours 0-31 are judged, whose last
        // window (hours 26-31) is 27 % lower (not material).
        Assert.Empty(RateDrops.Find(null, hours, Start + (33 * H) + 240_000, RateDropOptions.Default));
        Assert.Single(RateDrops.Find(null, hours, Start + (33 * H) + 300_000, RateDropOptions.Default));
    }

    [Fact]
    public void Find_LessThanADayOfBaseline_IsNotJudged()
    {
        // 20 steady hours, then 9 at a fifth of the rate: every window's baseline has at most 23 hours with impressions.
        var hours = Hours(1_000, [.. Repeat(50, 20), .. Repeat(10, 9)]);
        Assert.Empty(RateDrops.Find(null, hours, Start + (29 * H) + 600_000, RateDropOptions.Default));

        // One more low hour: the window ending at hour 30 has a baseline of 24 hours, and is judged.
        var longer = Hours(1_000, [.. Repeat(50, 20), .. Repeat(10, 10)]);
        Assert.Single(RateDrops.Find(null, longer, Start + (30 * H) + 600_000, RateDropOptions.Default));
    }

    [Fact]
    public void Find_TooFewExpected_IsNotJudgedEvenAtZero()
    {
        // 3 clicks an hour: a window of 6 hours expects 18, under the minimum of 20, so a fall to zero says nothing.
        var hours = Hours(60, [.. Repeat(3, 30), .. Repeat(0, 6)]);

        Assert.Empty(RateDrops.Find(null, hours, Start + (36 * H) + 600_000, RateDropOptions.Default));
    }

    [Fact]
    public void Find_ClicksSpreadFarMoreThanChanceInTheBaseline_NeedsALargerFall()
    {
        // Baseline hours alternate 0 and 100 clicks per 1,000 (the same 5 % on average): each hour's Pearson residual is
        // 50² / 50, a dispersion of about 52, so a window at 3 % (40 % lower, z −6.5 on Poisson terms) is within what this
        // scope's hours do (−0.9). The same fall from steady hours opens a drop.
        var hours = Hours(1_000, [.. Enumerable.Range(0, 30).Select(i => i % 2 == 0 ? 0L : 100L), .. Repeat(30, 6)]);

        Assert.Empty(RateDrops.Find(null, hours, Start + (36 * H) + 600_000, RateDropOptions.Default));
        var steady = Hours(1_000, [.. Repeat(50, 30), .. Repeat(30, 6)]);
        Assert.Single(RateDrops.Find(null, steady, Start + (36 * H) + 600_000, RateDropOptions.Default));
    }

    [Fact]
    public void Find_OrdersPerAuthenticClickFall_IsAConversionRateDropAndBoughtClicksDoNotCount()
    {
        // 30 hours of 100 clicks (20 of them judged inauthentic) and 8 orders, then 7 hours of 100 clicks and 2 orders: the
        // rate is orders per authentic click, 8/80 against 2/80.
        var hours = Enumerable.Range(0, 37).Select(i => new PeriodView(
            Start + (i * H),
            new Counters { Impressions = 1_000, Clicks = 100, InauthenticClicks = 20, Conversions = i < 30 ? 8 : 2 })).ToList();

        var drop = Assert.Single(RateDrops.Find(null, hours, Start + (37 * H) + 600_000, RateDropOptions.Default));

        Assert.Equal(TrendRate.ConversionRate, drop.Rate);
        Assert.Equal("conversion_rate_drop", drop.Kind);
        Assert.Equal(480, drop.Denominator); // 6 hours of 80 authentic clicks
        Assert.True(drop.RelativeDrop >= 0.3);
    }

    [Fact]
    public void Find_RateRecovers_EndsTheDropAtTheLastWindowThatHeld()
    {
        // A 12-hour fall to nothing, then 20 steady hours: the drop closes once its windows are back within chance.
        var hours = Hours(1_000, [.. Repeat(50, 30), .. Repeat(0, 12), .. Repeat(50, 20)]);

        var drop = Assert.Single(RateDrops.Find(null, hours, Start + (62 * H) + 600_000, RateDropOptions.Default));

        Assert.True(drop.WindowStart >= Start + (24 * H) && drop.WindowStart <= Start + (30 * H), $"opened at hour {(drop.WindowStart - Start) / H}");
        Assert.True(drop.WindowEnd > Start + (42 * H) && drop.WindowEnd < Start + (48 * H), $"closed at hour {(drop.WindowEnd - Start) / H}");
    }
}
