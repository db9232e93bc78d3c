namespace CreatorStream.Core.Metrics;

/// <summary>
/// What a spend returned (docs/design.md, "Metrics"): ROI = (revenue − cost) / cost, ROAS = revenue / cost and
/// CPA = cost / conversions, each null when its denominator is zero. The one place these are computed: the report, the
/// live snapshot and the model switcher all read them from here. Immutable.
/// </summary>
public readonly record struct Returns(double? Roi, double? Roas, double? Cpa)
{
    public static Returns Of(double revenue, double conversions, double cost) =>
        new(Ratio.Of(revenue - cost, cost), Ratio.Of(revenue, cost), Ratio.Of(cost, conversions));
}
