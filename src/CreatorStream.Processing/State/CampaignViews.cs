using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;
using CreatorStream.Core.Windows;

namespace CreatorStream.Processing.State;

/// <summary>
/// Turns a campaign's stored aggregates into what readers see (<see cref="CampaignState"/>), the same way for every
/// store: rolling windows are merges of one-minute buckets ending at the campaign's newest bucket, and platform views
/// are unions of post aggregates (sketches merge losslessly, so reach stays deduplicated). Stateless and thread-safe.
/// </summary>
public static class CampaignViews
{
    /// <summary>The first bucket start a rolling view of <paramref name="span"/> includes, given the newest bucket.</summary>
    public static long WindowStart(long newestBucketStart, TimeSpan span) =>
        newestBucketStart + EventTime.BucketMs - (long)span.TotalMilliseconds;

    /// <summary>Merges bucket aggregates into their to-date keys (a rolling view).</summary>
    public static Dictionary<AggregateKey, Aggregate> MergeBuckets(IEnumerable<KeyValuePair<AggregateKey, Aggregate>> bucketAggregates)
    {
        var merged = new Dictionary<AggregateKey, Aggregate>();
        foreach (var (key, aggregate) in bucketAggregates)
        {
            MergeInto(merged, key.AsToDate(), aggregate);
        }

        return merged;
    }

    /// <summary>The reader's view of a campaign's aggregates (to-date keys) over <paramref name="window"/>.</summary>
    public static CampaignState Build(
        string campaignId,
        StateWindow window,
        IReadOnlyDictionary<AggregateKey, Aggregate> aggregates,
        CampaignAttribution attribution,
        long watermark)
    {
        var totals = AggregateView.Empty;
        var creators = new Dictionary<string, AggregateView>(StringComparer.Ordinal);
        var content = new Dictionary<ContentRef, AggregateView>();
        var platforms = new Dictionary<Platform, Aggregate>();
        var creatorPlatforms = new Dictionary<(string, Platform), Aggregate>();
        foreach (var (key, aggregate) in aggregates)
        {
            var view = AggregateView.Of(aggregate);
            switch (key.Scope)
            {
                case AggregateScope.Campaign: totals = view; break;
                case AggregateScope.Creator: creators[key.CreatorId] = view; break;
                default:
                    content[new ContentRef(key.CreatorId, key.ContentId, key.Platform)] = view;
                    MergeInto(platforms, key.Platform, aggregate);
                    MergeInto(creatorPlatforms, (key.CreatorId, key.Platform), aggregate);
                    break;
            }
        }

        return new CampaignState(campaignId, window, totals, creators, content, watermark)
        {
            Attribution = attribution,
            Platforms = platforms.ToDictionary(p => p.Key, p => AggregateView.Of(p.Value)),
            CreatorPlatforms = creatorPlatforms.ToDictionary(p => p.Key, p => AggregateView.Of(p.Value)),
        };
    }

    /// <summary>An empty campaign (nothing stored yet).</summary>
    public static CampaignState Empty(string campaignId, StateWindow window, long watermark) =>
        new(campaignId, window, AggregateView.Empty, new Dictionary<string, AggregateView>(), new Dictionary<ContentRef, AggregateView>(), watermark);

    private static void MergeInto<TKey>(Dictionary<TKey, Aggregate> sums, TKey key, Aggregate aggregate)
        where TKey : notnull
    {
        if (!sums.TryGetValue(key, out var sum))
        {
            sum = new Aggregate();
            sums.Add(key, sum);
        }

        sum.MergeFrom(aggregate);
    }
}
