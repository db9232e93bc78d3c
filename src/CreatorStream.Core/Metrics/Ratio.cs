namespace CreatorStream.Core.Metrics;

/// <summary>Ratios as docs/design.md, "Metrics" reports them: a zero denominator gives null, never infinity or NaN.</summary>
public static class Ratio
{
    public static double? Of(double numerator, double denominator) => denominator == 0 ? null : numerator / denominator;
}
