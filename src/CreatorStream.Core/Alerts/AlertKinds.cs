namespace CreatorStream.Core.Alerts;

/// <summary>Alert kinds, by wire name (docs/design.md, "Replay report" lists the first three; drops are an addition).</summary>
public static class AlertKinds
{
    public const string EngagementSpike = "engagement_spike";
    public const string EngagementDrop = "engagement_drop";
    public const string InauthenticEngagement = "inauthentic_engagement";
    public const string CpaAboveBenchmark = "cpa_above_benchmark";
}
