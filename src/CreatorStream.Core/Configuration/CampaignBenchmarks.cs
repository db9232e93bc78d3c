namespace CreatorStream.Core.Configuration;

/// <summary>Reference prices: target CPA, CPM per platform, and the value of one engagement of each kind (for EMV).</summary>
public sealed record CampaignBenchmarks
{
    public double? Cpa { get; set; }
    public Dictionary<string, double> Cpm { get; set; } = [];
    public Dictionary<string, double> EngagementValue { get; set; } = [];
}
