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
}
