namespace CreatorStream.Core.Reporting;

/// <summary>A campaign's totals. Conversions and revenue carry every attribution model, keyed by model name.</summary>
public sealed record TotalsReport : OutcomeReport
{
    public long Impressions { get; init; }
    public long Reach { get; init; }
    public EngagementCounts Engagements { get; init; } = new();
    public long AuthenticEngagements { get; init; }
    public double? EngagementRate { get; init; }
    /// <summary>What the authentic comments say (docs/design.md, "Content").</summary>
    public CommentsReport Comments { get; init; } = new();

    public long Clicks { get; init; }
    public double? Ctr { get; init; }
    public SortedDictionary<string, double>? Conversions { get; init; }
    public SortedDictionary<string, double>? Revenue { get; init; }
    public double? Cost { get; init; }
    public double? Roi { get; init; }
    public double? Roas { get; init; }
    public double? Cpa { get; init; }
    public double? Cpe { get; init; }
    public double? Cpm { get; init; }
    public double Emv { get; init; }
}
