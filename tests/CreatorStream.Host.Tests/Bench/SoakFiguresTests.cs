using CreatorStream.Bench;

namespace CreatorStream.Host.Tests.Bench;

/// <summary>The soak bench's verdict on the curve: the least-squares slope of the live heap against hours, by hand.</summary>
public sealed class SoakFiguresTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void Slope_ThreePointsOnALine_IsItsGradient()
    {
        // 100, 103, 106 MiB at hours 25, 26, 27: 3 MiB an hour.
        Assert.Equal(3.0, SoakFigures.Slope([Sample(25, 100), Sample(26, 103), Sample(27, 106)])!.Value, 9);
    }

    [Fact]
    public void Slope_PointsAroundALevel_IsTheFittedGradient()
    {
        // x = 25..28, y = 200, 204, 198, 202: mean x 26.5, mean y 201; Σ(dx·dy) = (-1.5)(-1) + (-0.5)(3) + (0.5)(-3) + (1.5)(1) = 0.
        Assert.Equal(0.0, SoakFigures.Slope([Sample(25, 200), Sample(26, 204), Sample(27, 198), Sample(28, 202)])!.Value, 9);
    }

    [Fact]
    public void Slope_FewerThanTwoSamples_IsNull()
    {
        Assert.Null(SoakFigures.Slope([]));
        Assert.Null(SoakFigures.Slope([Sample(25, 100)]));
    }

    private static SoakSample Sample(double hours, long liveMib) => new(hours, 0, 0, new HeapSize(liveMib * MiB, 0, 0, 0, 0), 0);
}
