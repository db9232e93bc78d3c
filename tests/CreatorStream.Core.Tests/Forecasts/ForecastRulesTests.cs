using CreatorStream.Core.Estimates;
using CreatorStream.Core.Forecasts;

namespace CreatorStream.Core.Tests.Forecasts;

/// <summary>
/// docs/design.md, "Forecasts": the prediction interval against simulated Poisson futures, the audience fit against
/// random exposure of a known audience, and a creator's projection by hand.
/// </summary>
public sealed class ForecastRulesTests
{
    [Fact]
    public void Dispersion_IsPearsonsChiSquarePerDegreeOfFreedom_AtLeastOne()
    {
        // Mean 4: (16 + 0 + 16) / 4 = 8 over 2 degrees of freedom.
        Assert.Equal(4, ForecastRules.Dispersion([0, 4, 8]), 12);
        Assert.Equal(1, ForecastRules.Dispersion([3, 5, 4]));
        Assert.Equal(1, ForecastRules.Dispersion([7]));
        Assert.Equal(1, ForecastRules.Dispersion([0, 0, 0]));
    }

    [Theory]
    [InlineData(0.2, 1)]
    [InlineData(1, 1)]
    [InlineData(5, 0.5)]
    [InlineData(5, 3)]
    [InlineData(40, 1)]
    [InlineData(400, 2)]
    public void FutureOrders_CoversAboutNinetyPercentOfSimulatedFutures(double expected, double ratio)
    {
        // A steady Poisson rate: the past has `expected` orders on average over 10 hours, the future `ratio` times as
        // long. 4,000 draws of both; the interval made from the past must hold the future about 90 % of the time (at
        // least 87 %: discrete counts make it cover more, never much less).
        var random = new Random(7);
        var (hours, covered, trials) = (10.0, 0, 4_000);
        for (var i = 0; i < trials; i++)
        {
            var past = Poisson(random, expected);
            var future = Poisson(random, expected * ratio);
            covered += ForecastRules.FutureOrders(past, hours, hours * ratio, 1).Covers(future) ? 1 : 0;
        }

        Assert.InRange(covered / (double)trials, 0.87, 0.995);
    }

    [Fact]
    public void FutureOrders_LargeCounts_GiveTheNormalIntervalOfTheSum()
    {
        // 10,000 orders in 10 hours, 10 more hours: 10,000 ± 1.645 √(10,000 (1 + 1)) = ± 232.6, within a percent.
        var orders = ForecastRules.FutureOrders(10_000, 10, 10, 1);

        Assert.Equal(10_000, orders.Estimate);
        Assert.InRange(orders.High - orders.Estimate, 232.6 * 0.99, 232.6 * 1.01);
        Assert.InRange(orders.Estimate - orders.Low, 232.6 * 0.99, 232.6 * 1.01);
        var wider = ForecastRules.FutureOrders(10_000, 10, 10, 4);
        Assert.InRange(wider.High - wider.Estimate, 2 * 232.6 * 0.98, 2 * 232.6 * 1.03);
    }

    [Fact]
    public void FutureOrders_NoneYet_StillHasAHighEnd_AndNoTimeLeftHasNone()
    {
        var none = ForecastRules.FutureOrders(0, 10, 10, 1);
        Assert.Equal((0.0, 0.0), (none.Estimate, none.Low));
        Assert.InRange(none.High, 3, 6);
        Assert.Equal(new Interval(0, 0, 0), ForecastRules.FutureOrders(12, 10, 0, 1));
    }

    [Fact]
    public void Audience_FittedToReachFromRandomExposure_FindsTheAudienceItWasDrawnFrom()
    {
        // 3,000 impressions on 2,000 people at random reach about 2,000 (1 - e^-1.5) = 1,554 of them.
        var random = new Random(11);
        var seen = new HashSet<int>();
        for (var i = 0; i < 3_000; i++)
        {
            seen.Add(random.Next(2_000));
        }

        Assert.InRange(AudienceSaturation.Audience(3_000, seen.Count), 1_900, 2_100);
        Assert.Equal(double.PositiveInfinity, AudienceSaturation.Audience(500, 500));
        Assert.Equal(1_000 * (1 - Math.Exp(-2)), AudienceSaturation.Reached(1_000, 2_000), 9);
    }

    [Fact]
    public void Response_ByHand_DiminishesForASaturatingAudience()
    {
        // N = 1,000, 1,000 impressions so far, 1,000 more at the pace: reach 632.12 → 864.66; twice the pace → 950.21.
        // (950.21 - 632.12) / (864.66 - 632.12) = 1.3679.
        Assert.Equal((0.95021293 - 0.63212056) / (0.86466472 - 0.63212056), AudienceSaturation.Response(1_000, 1_000, 2), 6);
        Assert.Equal(1, AudienceSaturation.Response(1_000, 1_000, 1));
        Assert.Equal(2, AudienceSaturation.Response(double.PositiveInfinity, 1_000, 2));

        // The same in closed form: (1 - e^-2) / (1 - e^-1) = 1.3679, whatever the impressions so far.
        Assert.Equal((1 - Math.Exp(-2)) / (1 - Math.Exp(-1)), AudienceSaturation.Response(1_000, 1_000, 2), 9);
    }

    [Fact]
    public void Project_ByHand_AnUnboundedAudienceDoublesWithTwiceThePace()
    {
        // 40 orders in 20 hours, 20 credited for 1,000: 0.5 an order, 50 an order value. 20 hours left of a 40-hour
        // period: half of the fee of 400 (200) pays for the rest, so 200 extra buys twice the impressions. Reach equals
        // impressions: no repeat showing, so twice the impressions bring twice the orders: 40 × 0.5 × 2 = 40.
        var measure = new CreatorMeasure("anna", 20, 40, 1, 20, 1_000, 1_000, 1_000, ReachExact: true);
        var forecast = ForecastRules.Project(measure, new ForecastHorizon(20, 40), 200, 400, 0.1, null, null);

        Assert.Equal(2, forecast.ImpressionMultiplier);
        Assert.Null(forecast.Audience);
        Assert.Equal(new Interval(2, 2, 2), forecast.Response);
        Assert.Equal(40, forecast.AdditionalConversions.Estimate, 9);
        Assert.Equal(2_000, forecast.AdditionalRevenue!.Estimate, 9);
        Assert.Equal(60, forecast.Conversions.Estimate, 9);
        Assert.Equal(200 + (0.1 * 2_000), forecast.AdditionalCost, 9);
        Assert.True(forecast.AdditionalConversions.Low < 40 && forecast.AdditionalConversions.High > 40);

        // At the pace (no extra), the orders interval times the share: the share's interval widens it.
        var atPace = ForecastRules.Project(measure, new ForecastHorizon(20, 40), 0, 400, 0.1, null, null);
        var orders = ForecastRules.FutureOrders(40, 20, 20, 1);
        Assert.Equal(20, atPace.AdditionalConversions.Estimate, 9);
        Assert.True(atPace.AdditionalConversions.High > orders.High * 0.5);
        Assert.True(atPace.AdditionalConversions.Low < orders.Low * 0.5);
    }

    [Fact]
    public void Project_NoCreditYet_DoesNotPromiseNone()
    {
        // 20 orders touched, none credited so far under the model: the estimate is none, the high end is not.
        var measure = new CreatorMeasure("tariq", 50, 20, 1, 0, 0, 5_000, 3_000, ReachExact: false);
        var forecast = ForecastRules.Project(measure, new ForecastHorizon(50, 100), 0, 300, 0, 0.4, 80);

        Assert.Equal(0, forecast.AdditionalConversions.Estimate);
        // No credit yet: the product of the high ends, the orders' (at dispersion 1) times Wilson's for 0 of 20.
        var high = ForecastRules.FutureOrders(20, 50, 50, 1).High * Interval.Wilson(0, 20, Interval.Z90).High;
        Assert.Equal(high, forecast.AdditionalConversions.High, 9);
        Assert.True(high > 3, $"high {high}");
        Assert.Equal(80 * forecast.AdditionalConversions.High, forecast.AdditionalRevenue!.High, 9);
    }

    [Fact]
    public void Project_ExtraSpendWithoutAFee_IsRefused()
    {
        var measure = new CreatorMeasure("ben", 20, 4, 1, 2, 100, 100, 100, ReachExact: true);

        Assert.False(ForecastRules.CanScale(0, new ForecastHorizon(10, 20)));
        Assert.Throws<ArgumentException>(() => ForecastRules.Project(measure, new ForecastHorizon(10, 20), 50, 0, 0.2, null, null));
    }

    [Fact]
    public void Sum_AddsTheEnds_CreatorsMoveTogether()
    {
        var sum = ForecastRules.Sum([new Interval(10, 7, 14), new Interval(20, 16, 23)]);

        Assert.Equal(new Interval(30, 23, 37), sum);
    }

    private static int Poisson(Random random, double mean)
    {
        // Arrivals of a unit-rate process before `mean`: exact, and cheap for the means used here.
        var (count, time) = (0, -Math.Log(1 - random.NextDouble()));
        while (time < mean)
        {
            count++;
            time -= Math.Log(1 - random.NextDouble());
        }

        return count;
    }
}
