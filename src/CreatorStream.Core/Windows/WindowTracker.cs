using CreatorStream.Core.Metrics;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.Windows;

/// <summary>
/// Holds this worker's one-minute buckets from their first event until the allowed lateness has passed, so
/// that each is published once when the watermark closes it and again, as a correction, whenever a late event
/// changes it. Memory is bounded by (watermark delay + allowed lateness) of buckets. Mutable; not thread-safe.
/// </summary>
public sealed class WindowTracker(TimeSpan allowedLateness)
{
    private readonly SortedDictionary<long, Dictionary<AggregateKey, BucketState>> _byStart = [];

    public int OpenBuckets => _byStart.Values.Sum(group => group.Count);

    /// <summary>Adds one event's delta to its bucket, given the watermark before the event.</summary>
    public void Record(AggregateKey key, AggregateDelta delta, long watermark, long wallClockMs)
    {
        if (!_byStart.TryGetValue(key.BucketStart, out var group))
        {
            group = [];
            _byStart.Add(key.BucketStart, group);
        }

        if (!group.TryGetValue(key, out var bucket))
        {
            bucket = new BucketState();
            group.Add(key, bucket);
        }

        bucket.Aggregate.Apply(delta, wallClockMs);
        if (EventTime.BucketEnd(key.BucketStart) <= watermark)
        {
            // The bucket's window already closed: this is a late event within the allowed lateness.
            bucket.Dirty = true;
        }
    }

    private long _closedThrough = long.MinValue;

    /// <summary>Whether the minute starting at <paramref name="bucketStart"/> was already closed (a change to it now is a correction).</summary>
    public bool IsClosed(long bucketStart) => _closedThrough != long.MinValue && EventTime.BucketEnd(bucketStart) <= _closedThrough;

    /// <summary>Publishes buckets the watermark has closed, and corrections of changed ones; drops expired ones.</summary>
    public void Advance(long watermark, List<ClosedWindow> output)
    {
        var lateness = (long)allowedLateness.TotalMilliseconds;
        _closedThrough = Math.Max(_closedThrough, watermark);
        var expired = new List<long>();
        foreach (var (start, group) in _byStart)
        {
            if (EventTime.BucketEnd(start) > watermark)
            {
                break;
            }

            foreach (var (key, bucket) in group)
            {
                if (!bucket.Closed || bucket.Dirty)
                {
                    var aggregate = bucket.Aggregate;
                    output.Add(new ClosedWindow(key, aggregate.Counters, aggregate.Reach.Count(), IsCorrection: bucket.Closed, watermark));
                    bucket.Closed = true;
                    bucket.Dirty = false;
                }
            }

            if (EventTime.BucketEnd(start) + lateness < watermark)
            {
                expired.Add(start);
            }
        }

        foreach (var start in expired)
        {
            _byStart.Remove(start);
        }
    }

    /// <summary>Writes the open and recently closed buckets (docs/design.md, "Recovery").</summary>
    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(_closedThrough);
        writer.Write(_byStart, static (w, start) => w.Write(start), static (w, group) => w.Write(group, static (g, key) => g.Write(key), static (g, bucket) =>
        {
            g.Write(bucket.Closed);
            g.Write(bucket.Dirty);
            bucket.Aggregate.Save(g);
        }));
    }

    /// <summary>Reads into this fresh tracker what <see cref="Save"/> wrote.</summary>
    public void Load(Snapshots.SnapshotReader reader)
    {
        _closedThrough = reader.Long();
        reader.Into(_byStart, static r => r.Long(), static r =>
        {
            var group = new Dictionary<AggregateKey, BucketState>();
            r.Into(group, static b => b.AggregateKey(), static b =>
            {
                var closed = b.Bool();
                var dirty = b.Bool();
                return new BucketState(Aggregate.Load(b)) { Closed = closed, Dirty = dirty };
            });
            return group;
        });
    }
}
