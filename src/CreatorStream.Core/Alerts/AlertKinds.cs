namespace CreatorStream.Core.Alerts;

/// <summary>Alert kinds, by wire name (docs/design.md, "Replay report" lists the first three; drops are an addition).</summary>
public static class AlertKinds
{
    public const string EngagementSpike = "engagement_spike";
    public const string EngagementDrop = "engagement_drop";
    public const string InauthenticEngagement = "inauthentic_engagement";
    public const string CpaAboveBenchmark = "cpa_above_benchmark";

    /// <summary>The campaign's goal is behind its pace: even the top of its projection misses the target (docs/design.md, "Goals").</summary>
    public const string GoalOffPace = "goal_off_pace";

    /// <summary>A campaign's or creator's click-through rate fell far below its past week's (docs/design.md, "Trends").</summary>
    public const string CtrDrop = "ctr_drop";

    /// <summary>A campaign's or creator's orders per click fell far below its past week's (docs/design.md, "Trends").</summary>
    public const string ConversionRateDrop = "conversion_rate_drop";

    /// <summary>A creator's deliverable passed its due time without the posts it needs (docs/design.md, "Content").</summary>
    public const string DeliverableMissing = "deliverable_missing";

    /// <summary>A post's authentic comments turned negative within a minute (docs/design.md, "Content").</summary>
    public const string NegativeSentimentSpike = "negative_sentiment_spike";

    /// <summary>Too many of a creator's promo-code uses look leaked to a coupon site or beyond the audience (docs/design.md, "Estimates").</summary>
    public const string CodeLeak = "code_leak";
}
