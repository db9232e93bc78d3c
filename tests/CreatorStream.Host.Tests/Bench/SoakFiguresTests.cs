using CreatorStream.Bench;

namespace CreatorStream.Host.Tests.Bench;

/// <summary>
/// The soak bench's verdicts, by hand: the least-squares slope of the live heap against hours, and the pipeline's bytes
/// allocated a record.
/// </summary>
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

    [Fact]
    public void BytesPerRecord_FromTheFirstSampleToTheLast_NotTheMiddle()
    {
        // (1,000,000 + 300 × 10,000) − 1,000,000 bytes over 40,000 − 30,000 records = 300 bytes a record.
        SoakSample[] samples = [Allocated(25, 30_000, 1_000_000), Allocated(26, 35_000, 9_999_999_999), Allocated(27, 40_000, 1_000_000 + (300 * 10_000))];

        Assert.Equal(300.0, SoakFigures.BytesPerRecord(samples));
    }

    [Fact]
    public void BytesPerRecord_FewerThanTwoSamplesOrNoRecordBetween_IsNull()
    {
        Assert.Null(SoakFigures.BytesPerRecord([]));
        Assert.Null(SoakFigures.BytesPerRecord([Allocated(25, 100, 5)]));
        Assert.Null(SoakFigures.BytesPerRecord([Allocated(25, 100, 5), Allocated(26, 100, 50)]));
    }

    private static SoakSample Allocated(double hours, long committed, long allocated) => new(hours, committed, committed, new HeapSize(0, 0, 0, 0, 0), 0, allocated);

    private static SoakSample Sample(double hours, long liveMib) => new(hours, 0, 0, new HeapSize(liveMib * MiB, 0, 0, 0, 0), 0);
}
