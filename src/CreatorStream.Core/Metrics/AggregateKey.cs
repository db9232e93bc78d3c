using CreatorStream.Core.Events;

namespace CreatorStream.Core.Metrics;

/// <summary>
/// Names one aggregate: a scope, its ids, and either a one-minute event-time bucket or the campaign to date.
/// Ids that a scope does not use are empty. Immutable.
/// <para>The ids' hash is computed once, when the key is made, and <see cref="BucketStart"/> (the one part a
/// <c>with</c> may change) is mixed in when asked: an event's keys are looked up a dozen times or more in the tables of
/// a batch and of the open windows, and hashing three strings at every lookup was most of what counting an event cost
/// (docs/benchmarks.md, session 22). The ids are read-only, so no copy can carry a stale hash.</para>
/// </summary>
public readonly record struct AggregateKey(
    AggregateScope Scope,
    string CampaignId,
    string CreatorId,
    string ContentId,
    Platform Platform,
    long BucketStart)
{
    private readonly int _idsHash = HashCode.Combine(Scope, CampaignId, CreatorId, ContentId, Platform);

    public AggregateScope Scope { get; } = Scope;

    public string CampaignId { get; } = CampaignId;

    public string CreatorId { get; } = CreatorId;

    public string ContentId { get; } = ContentId;

    public Platform Platform { get; } = Platform;

    public bool Equals(AggregateKey other) =>
        BucketStart == other.BucketStart && _idsHash == other._idsHash && Scope == other.Scope && Platform == other.Platform
        && string.Equals(CampaignId, other.CampaignId, StringComparison.Ordinal)
        && string.Equals(CreatorId, other.CreatorId, StringComparison.Ordinal)
        && string.Equals(ContentId, other.ContentId, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(_idsHash, BucketStart);

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
