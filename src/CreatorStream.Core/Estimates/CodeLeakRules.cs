namespace CreatorStream.Core.Estimates;

/// <summary>
/// When a use of a creator's promo code looks leaked, and when the leaked share is worth an alert (docs/design.md,
/// "Estimates", code leaks; decision 0026). A use is suspicious when a coupon site referred it, or when no touchpoint of
/// the creator reached the buyer in the lookback and the use also came from outside the creator's audience or long after
/// the creator last posted. An alert needs enough suspicious uses that a background rate of innocent look-alikes cannot
/// explain them. Chosen on training seeds of the leak generator (tests/CreatorStream.Processing.Tests, PlantedEffectsTests),
/// measured on held-out seeds and a leak family left out of tuning.
/// </summary>
public static class CodeLeakRules
{
    /// <summary>Impressions with a country a creator needs before a country can be called outside the audience.</summary>
    public const long MinAudienceImpressions = 200;

    /// <summary>A country with less than this share of the creator's impressions is outside the audience.</summary>
    public const double ForeignShare = 0.02;

    /// <summary>A use this long after the creator's latest post (or before the first) does not follow the posting.</summary>
    public const long OffPatternMs = 96 * HaloEstimator.HourMs;

    /// <summary>Fewest suspicious uses for an alert.</summary>
    public const long AlertMinSuspicious = 5;

    /// <summary>The share of innocent uses that look suspicious (an audience's long tail, travellers): the alert's null hypothesis.</summary>
    public const double BackgroundShare = 0.10;

    /// <summary>How improbable the suspicious count must be under the background share for an alert.</summary>
    public const double AlertTail = 1e-3;

    /// <summary>Whether <paramref name="suspicious"/> of <paramref name="uses"/> is a leak worth an alert.</summary>
    public static bool Alerts(long suspicious, long uses) =>
        suspicious >= AlertMinSuspicious && Spikes.Binomial.TailAtLeast(suspicious, uses, BackgroundShare) <= AlertTail;

    /// <summary>The 90 % Wilson interval of a share of <paramref name="k"/> in <paramref name="n"/>.</summary>
    public static Interval Share(long k, long n) => n <= 0 ? new Interval(0, 0, 1) : Interval.Wilson(k, n, Interval.Z90);
}
