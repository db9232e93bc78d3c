namespace CreatorStream.Core.Reporting;

/// <summary>One creator's figures in a campaign, to date.</summary>
public sealed record CreatorReport : OutcomeReport
{
    public long Impressions { get; init; }
    public long Reach { get; init; }
    public EngagementCounts Engagements { get; init; } = new();
    public long AuthenticEngagements { get; init; }

    /// <summary>authentic_engagements / reach (an addition to the design's document: managers rank creators by it).</summary>
    public double? EngagementRate { get; init; }

    public double? AuthenticityScore { get; init; }
    /// <summary>What the authentic comments say (docs/design.md, "Content").</summary>
    public CommentsReport Comments { get; init; } = new();

    public long Clicks { get; init; }
    public double? Ctr { get; init; }
    public SortedDictionary<string, ModelCredit>? Attribution { get; init; }
    public long? AssistedConversions { get; init; }
    public double? Cost { get; init; }
    public double? Roi { get; init; }
    public double? Roas { get; init; }
    public double? Cpa { get; init; }
    public double Emv { get; init; }
}
