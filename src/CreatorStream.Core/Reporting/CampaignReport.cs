namespace CreatorStream.Core.Reporting;

/// <summary>One campaign's section of the report.</summary>
public sealed record CampaignReport
{
    public TotalsReport Totals { get; init; } = new();
    public SortedDictionary<string, CreatorReport> Creators { get; init; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, ContentReport> Content { get; init; } = new(StringComparer.Ordinal);
    public List<AlertReport> Alerts { get; init; } = [];

    /// <summary>Advice from these figures (docs/design.md, "Recommendations"): an addition to the design's document.</summary>
    public Recommendations.RecommendationsReport? Recommendations { get; init; }
}
