using CreatorStream.Core.Metrics;

namespace CreatorStream.Processing.State;

/// <summary>One campaign's aggregates in the memory store: to date, and one-minute buckets by start time.</summary>
internal sealed class CampaignAggregates
{
    public Dictionary<AggregateKey, Aggregate> ToDate { get; } = [];

    public SortedDictionary<long, Dictionary<AggregateKey, Aggregate>> Buckets { get; } = [];

    public Aggregate GetOrAdd(AggregateKey key)
    {
        Dictionary<AggregateKey, Aggregate> target;
        if (key.IsToDate)
        {
            target = ToDate;
        }
        else if (!Buckets.TryGetValue(key.BucketStart, out target!))
        {
            target = [];
            Buckets.Add(key.BucketStart, target);
        }

        if (!target.TryGetValue(key, out var aggregate))
        {
            aggregate = new Aggregate();
            target.Add(key, aggregate);
        }

        return aggregate;
    }

    /// <summary>Drops buckets that start before <paramref name="cutoff"/>: no rolling view reaches them.</summary>
    public void DropBucketsBefore(long cutoff)
    {
        while (Buckets.Count > 0 && Buckets.Keys.First() < cutoff)
        {
            Buckets.Remove(Buckets.Keys.First());
        }
    }
}
