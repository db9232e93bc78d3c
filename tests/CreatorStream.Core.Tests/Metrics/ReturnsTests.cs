using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.Tests.Metrics;

public sealed class ReturnsTests
{
    [Fact]
    public void Of_RevenueAboveCost_GivesHandComputedRatios()
    {
        // 150 earned on 100 spent, from 4 conversions: ROI 50 / 100, ROAS 150 / 100, CPA 100 / 4.
        var returns = Returns.Of(revenue: 150, conversions: 4, cost: 100);

        Assert.Equal(new Returns(0.5, 1.5, 25), returns);
    }

    [Fact]
    public void Of_NothingSpent_HasNoRoiOrRoas_ButACpaOfZero()
    {
        Assert.Equal(new Returns(null, null, 0), Returns.Of(revenue: 80, conversions: 2, cost: 0));
    }

    [Fact]
    public void Of_NoConversions_HasNoCpa_AndLosesEverythingSpent()
    {
        Assert.Equal(new Returns(-1, 0, null), Returns.Of(revenue: 0, conversions: 0, cost: 250));
    }
}
