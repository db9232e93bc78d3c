namespace CreatorStream.Core.Forecasts;

/// <summary>
/// Diminishing returns from a creator's own audience (docs/design.md, "Forecasts"). Impressions land on an audience of
/// <c>N</c> people at random, so <c>x</c> impressions reach <c>R(x) = N (1 − e^(−x/N))</c> of them; <c>N</c> is the one
/// size at which that curve passes through the creator's measured impressions and reach. Extra spend buys impressions at
/// the creator's price so far, and converts as their new reach does: a second showing to the same person adds nothing.
/// With no repeat showing measured (reach equal to impressions) the audience is taken as unbounded and returns as linear.
/// Pure and thread-safe.
/// </summary>
public static class AudienceSaturation
{
    /// <summary>The reach sketch's relative standard error past its exact range (1.04 / √2^14, docs/design.md, "Metrics").</summary>
    public const double SketchError = 0.0081;

    /// <summary>
    /// The audience size whose random-exposure curve reaches <paramref name="reach"/> people with
    /// <paramref name="impressions"/> impressions; +∞ when reach is not below impressions (no saturation measured).
    /// </summary>
    public static double Audience(double impressions, double reach)
    {
        if (reach <= 0 || impressions <= 0 || reach >= impressions)
        {
            return double.PositiveInfinity;
        }

        // R_N(I) grows with N from I (1 − e^-1) at N = I towards I as N → ∞; below N = reach it is below reach.
        var (low, high) = (reach, reach);
        while (Reached(high, impressions) < reach && high < 1e15)
        {
            high *= 2;
        }

        for (var i = 0; i < 200 && high - low > 1e-9 * high; i++)
        {
            var middle = (low + high) / 2;
            (low, high) = Reached(middle, impressions) < reach ? (middle, high) : (low, middle);
        }

        return (low + high) / 2;
    }

    /// <summary>People an audience of <paramref name="audience"/> has seen after <paramref name="impressions"/> random impressions.</summary>
    public static double Reached(double audience, double impressions) =>
        double.IsPositiveInfinity(audience) ? impressions : audience * -double.ExpM1(-impressions / audience);

    /// <summary>
    /// How much more new reach the rest of the period brings when <paramref name="multiplier"/> times the impressions
    /// the creator's pace gives (<paramref name="paceImpressions"/>) land on the audience: 1 at a multiplier of 1, the
    /// multiplier itself for an unbounded audience, less for a saturating one. New reach after I impressions is
    /// N e^(−I/N) (1 − e^(−P/N)), so the ratio does not depend on the impressions so far, and expm1 keeps it exact
    /// however saturated the audience already is.
    /// </summary>
    public static double Response(double audience, double paceImpressions, double multiplier)
    {
        if (multiplier == 1 || paceImpressions <= 0 || double.IsPositiveInfinity(audience))
        {
            return multiplier;
        }

        var atPace = double.ExpM1(-paceImpressions / audience);
        return atPace < 0 ? double.ExpM1(-paceImpressions * multiplier / audience) / atPace : multiplier;
    }
}
