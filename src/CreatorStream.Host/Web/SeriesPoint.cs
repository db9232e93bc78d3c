namespace CreatorStream.Host.Web;

/// <summary>
/// One minute of a campaign's trend: its figures (conversions: orders credited to the campaign, in the order's minute),
/// when it last changed, and when a late event corrected it (null if never).
/// </summary>
public sealed record SeriesPoint(
    long Start,
    long Impressions,
    long Reach,
    long Engagements,
    long AuthenticEngagements,
    long Clicks,
    long Conversions,
    long? UpdatedAt,
    long? CorrectedAt);
