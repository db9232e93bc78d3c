using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.Tests.Metrics;

/// <summary>Φ⁻¹ against published values of the standard normal quantile (to 15 digits).</summary>
public sealed class NormalQuantileTests
{
    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.9875, 2.241402727604947)]
    [InlineData(0.995, 2.575829303548901)]
    [InlineData(0.999, 3.090232306167813)]
    [InlineData(0.001, -3.090232306167813)]
    [InlineData(0.0001, -3.719016485455709)]
    [InlineData(0.8413447460685429, 1.0)]
    [InlineData(0.02, -2.053748910631823)]
    public void Of_KnownProbabilities_GivesTheirQuantiles(double p, double z)
    {
        Assert.Equal(z, NormalQuantile.Of(p), 1e-8); // Acklam: relative error under 1.2e-9
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Of_NoProbabilityStrictlyInside_Throws(double p)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalQuantile.Of(p));
    }
}
