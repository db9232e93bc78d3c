namespace CreatorStream.Core.Recommendations;

/// <summary>Where the campaign stands against its goal: the target KPI's current value and the share of the target reached.</summary>
public sealed record GoalProgress
{
    public string Type { get; init; } = "";
    public string Kpi { get; init; } = "";
    public double Target { get; init; }
    public double? Current { get; init; }
    public double? Progress { get; init; }
    public double? Baseline { get; init; }
}
