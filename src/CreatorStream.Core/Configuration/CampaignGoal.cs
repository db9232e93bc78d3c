namespace CreatorStream.Core.Configuration;

/// <summary>What the campaign is for (<c>sales</c>, <c>awareness</c>, …), its target KPI and an optional baseline.</summary>
public sealed record CampaignGoal
{
    public string Type { get; init; } = "";
    public GoalTarget? Target { get; init; }
    public double? Baseline { get; init; }
}
