using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.Trends;

/// <summary>
/// A rate in two periods: each (null without a denominator), the relative change (null without a previous rate above
/// zero), the z of the current count against the previous rate (<see cref="RateTest"/>), and whether that is beyond
/// chance. Immutable.
/// </summary>
public sealed record RateChange(double? Current, double? Previous, double? Change, double Z, bool Significant)
{
    public static RateChange Of(long currentCount, long currentExposure, long previousCount, long previousExposure)
    {
        var current = Ratio.Of(currentCount, currentExposure);
        var previous = Ratio.Of(previousCount, previousExposure);
        double? change = current is { } c && previous is { } p && p > 0 ? (c / p) - 1 : null;
        var z = RateTest.Z(currentCount, currentExposure, previousCount, previousExposure);
        return new RateChange(current, previous, change, z, Math.Abs(z) >= PeriodComparison.SignificantZ);
    }
}
