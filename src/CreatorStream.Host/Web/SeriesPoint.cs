namespace CreatorStream.Host.Web;

/// <summary>One minute of a campaign's trend: its figures, when it last changed, and when a late event corrected it (null if never).</summary>
public sealed record SeriesPoint(
    long Start,
    long Impressions,
    long Reach,
    long Engagements,
    long AuthenticEngagements,
    long Clicks,
    long? UpdatedAt,
    long? CorrectedAt);
