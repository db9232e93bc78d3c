namespace CreatorStream.Core.Configuration;

/// <summary>What the campaign is for (<c>sales</c>, <c>awareness</c>, …), its target KPI and an optional baseline.</summary>
public sealed record CampaignGoal
{
    public string Type { get; set; } = "";
    public GoalTarget? Target { get; set; }
    public double? Baseline { get; set; }
}
