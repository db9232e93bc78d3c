namespace CreatorStream.Core.Recommendations;

/// <summary>A creator's standing: ROI, CPA and authentic engagement rate, and its rank by each (1 = best; null when unmeasured).</summary>
public sealed record CreatorRanking
{
    public string CreatorId { get; init; } = "";
    public double? Roi { get; init; }
    public double? Cpa { get; init; }
    public double? EngagementRate { get; init; }
    public int? RoiRank { get; init; }
    public int? CpaRank { get; init; }
    public int? EngagementRateRank { get; init; }
}
