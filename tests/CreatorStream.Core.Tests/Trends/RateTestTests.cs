using CreatorStream.Core.Trends;

namespace CreatorStream.Core.Tests.Trends;

public sealed class RateTestTests
{
    [Fact]
    public void Z_WindowBelowTheBaselineRate_IsTheBinomialStandardScoreByHand()
    {
        // 1 click in 10 impressions against 2 in 10: k = 3, share 1/2, mean 1.5, sd sqrt(3 × 1/2 × 1/2).
        Assert.Equal((1 - 1.5) / Math.Sqrt(0.75), RateTest.Z(1, 10, 2, 10), 12);
    }

    [Fact]
    public void Z_RatesAboveOne_AreJudgedAsRatesNotProportions()
    {
        // 30 orders on 10 clicks against 60 on 40: k = 90, share 10/50, mean 18, sd sqrt(90 × 0.2 × 0.8) = 3.7947.
        Assert.Equal((30 - 18) / Math.Sqrt(14.4), RateTest.Z(30, 10, 60, 40), 12);
    }

    [Theory]
    [InlineData(0, 10, 0, 10)]
    [InlineData(1, 0, 2, 10)]
    [InlineData(1, 10, 2, 0)]
    public void Z_NoEventsOrNoExposure_IsZero(long k1, long n1, long k0, long n0)
    {
        Assert.Equal(0, RateTest.Z(k1, n1, k0, n0));
    }

    [Fact]
    public void Dispersion_HoursSpreadMoreThanPoisson_IsPearsonChiSquarePerDegreeOfFreedom()
    {
        // Rate 0.1 on 100 each: expected 10 an hour; counts 0, 20, 10 give χ² = 10 + 10 + 0 over 2 degrees of freedom.
        Assert.Equal(10, RateTest.Dispersion([0, 20, 10], [100, 100, 100], 0.1), 12);
    }

    [Fact]
    public void Dispersion_SteadyHoursOrTooFew_IsOne()
    {
        Assert.Equal(1, RateTest.Dispersion([10, 10, 10], [100, 100, 100], 0.1));
        Assert.Equal(1, RateTest.Dispersion([0, 50], [100, 0], 0.1)); // one hour with exposure: nothing to spread
    }
}
