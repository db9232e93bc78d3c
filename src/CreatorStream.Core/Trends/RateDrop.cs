namespace CreatorStream.Core.Trends;

/// <summary>
/// A fall of a rate for a campaign (<see cref="CreatorId"/> null) or one creator, from the first window that opened it
/// to the end of the last window it held in (ms, hour-aligned). The figures are those of the opening window: its counts,
/// the baseline's, and how many standard deviations below the expected count it was. Immutable.
/// </summary>
public sealed record RateDrop(
    TrendRate Rate,
    string? CreatorId,
    long WindowStart,
    long WindowEnd,
    long Numerator,
    long Denominator,
    long BaselineNumerator,
    long BaselineDenominator,
    double Z)
{
    public double RateValue => (double)Numerator / Denominator;

    public double BaselineRate => (double)BaselineNumerator / BaselineDenominator;

    /// <summary>The fall as a share of the baseline rate (0.4: 40 % lower).</summary>
    public double RelativeDrop => 1 - (RateValue / BaselineRate);

    /// <summary>The alert kind's wire name.</summary>
    public string Kind => Rate == TrendRate.Ctr ? Alerts.AlertKinds.CtrDrop : Alerts.AlertKinds.ConversionRateDrop;
}
