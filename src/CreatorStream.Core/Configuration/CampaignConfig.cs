namespace CreatorStream.Core.Configuration;

/// <summary>One campaign: its brand, goal, attribution settings, benchmarks and paid creators.</summary>
public sealed record CampaignConfig
{
    public string CampaignId { get; init; } = "";
    public string BrandId { get; init; } = "";
    public string Name { get; init; } = "";
    public string Currency { get; init; } = "USD";
    public CampaignGoal? Goal { get; init; }
    public AttributionSettings Attribution { get; init; } = new();
    public CampaignBenchmarks Benchmarks { get; init; } = new();
    public List<CreatorConfig> Creators { get; init; } = [];
}
