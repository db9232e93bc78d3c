using CreatorStream.Core.Events;

namespace CreatorStream.Core.Metrics;

/// <summary>
/// Names one aggregate: a scope, its ids, and either a one-minute event-time bucket or the campaign to date.
/// Ids that a scope does not use are empty. Immutable.
/// </summary>
public readonly record struct AggregateKey(
    AggregateScope Scope,
    string CampaignId,
    string CreatorId,
    string ContentId,
    Platform Platform,
    long BucketStart)
{
    /// <summary>The <see cref="BucketStart"/> of a campaign-to-date aggregate.</summary>
    public const long ToDate = -1;

    public bool IsToDate => BucketStart == ToDate;

    public static AggregateKey Campaign(string campaignId, long bucketStart = ToDate) =>
        new(AggregateScope.Campaign, campaignId, string.Empty, string.Empty, default, bucketStart);

    public static AggregateKey Creator(string campaignId, string creatorId, long bucketStart = ToDate) =>
        new(AggregateScope.Creator, campaignId, creatorId, string.Empty, default, bucketStart);

    public static AggregateKey Content(string campaignId, string creatorId, string contentId, Platform platform, long bucketStart = ToDate) =>
        new(AggregateScope.Content, campaignId, creatorId, contentId, platform, bucketStart);

    /// <summary>The same aggregate, campaign to date.</summary>
    public AggregateKey AsToDate() => this with { BucketStart = ToDate };
}
