namespace CreatorStream.Core.Trends;

/// <summary>The rates a drop is judged on (docs/design.md, "Trends"), each a numerator over a denominator of <see cref="Metrics.Counters"/>.</summary>
public enum TrendRate
{
    /// <summary>Clicks per impression.</summary>
    Ctr,

    /// <summary>Credited orders per click (orders in their own hour, clicks in theirs).</summary>
    ConversionRate,
}
