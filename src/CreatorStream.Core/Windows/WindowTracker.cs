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
    private readonly SortedDictionary<long, MinuteGroup> _byStart = [];
    private readonly List<long> _expired = [];

    // The minutes' reach sketches take their arrays from here and give them back when their minute goes (session 47).
    private readonly Sketches.SketchArrays _arrays = new();

    // A minute that went leaves its buckets (emptied) and its table for the minutes to come: every minute makes about
    // as many as one that goes, and each was an object, an aggregate and a sketch made anew (session 55).
    private readonly Stack<BucketState> _spareBuckets = new();
    private readonly Stack<MinuteGroup> _spareGroups = new();

    /// <summary>Buckets kept for later minutes at most (a minute with more leaves the rest to the collector).</summary>
    internal const int MaxSpareBuckets = 16_384;

    /// <summary>Buckets kept now for later minutes: for tests.</summary>
    internal int SpareBuckets => _spareBuckets.Count;

    public int OpenBuckets => _byStart.Values.Sum(group => group.Buckets.Count);

    /// <summary>Reach sketches' arrays lent again once their minute had gone: for tests.</summary>
    internal long SketchArraysReused => _arrays.Reused;

    /// <summary>Adds one event's delta to its bucket, given the watermark before the event.</summary>
    public void Record(AggregateKey key, AggregateDelta delta, long watermark, long wallClockMs) =>
        Record(BucketOf(key), key.BucketStart, delta, watermark, wallClockMs);

    /// <summary>
    /// A number that changes whenever a bucket or a minute's table this tracker gave out may have been let go (a minute
    /// went, a restore): what <see cref="BucketOf"/> found stays its key's while the number is the same.
    /// </summary>
    internal long Generation { get; private set; } = 1;

    /// <summary>The bucket of <paramref name="key"/>, made (and owed its publication) if it is new.</summary>
    internal BucketState BucketOf(AggregateKey key)
    {
        var group = MinuteOf(key.BucketStart);
        if (!group.Buckets.TryGetValue(key, out var bucket))
        {
            bucket = _spareBuckets.TryPop(out var spare) ? spare : new BucketState(new Aggregate(_arrays));
            group.Buckets.Add(key, bucket);
            group.Owed++; // not yet published
        }

        return bucket;
    }

    /// <summary>
    /// As <see cref="Record(AggregateKey, AggregateDelta, long, long)"/>, into a bucket <see cref="BucketOf"/> found (of
    /// the minute from <paramref name="bucketStart"/>). Its minute's table is found again only for a late event, which
    /// is rare: so a caller keeping buckets does not keep tables, which a minute that went would leave full.
    /// </summary>
    internal void Record(BucketState bucket, long bucketStart, AggregateDelta delta, long watermark, long wallClockMs)
    {
        bucket.Aggregate.Apply(delta, wallClockMs);
        if (EventTime.BucketEnd(bucketStart) <= watermark)
        {
            // The bucket's window already closed: this is a late event within the allowed lateness. A bucket already
            // published now owes a correction; one not yet published owed its publication already.
            if (bucket.Closed && !bucket.Dirty)
            {
                MinuteOf(bucketStart).Owed++; // the bucket's: held, since the minute has not gone
            }

            bucket.Dirty = true;
        }
    }

    // The minute last found: an event's minute keys share their minute, so one ordered-table lookup serves them all
    // (docs/design.md, "Per-event cost"). Forgotten when its minute goes, since a minute's table is reused.
    private long _lastStart;
    private MinuteGroup? _lastGroup;

    private MinuteGroup MinuteOf(long bucketStart) => _lastGroup is not null && _lastStart == bucketStart ? _lastGroup : GroupOf(bucketStart);

    private MinuteGroup GroupOf(long bucketStart)
    {
        if (!_byStart.TryGetValue(bucketStart, out var group))
        {
            group = _spareGroups.TryPop(out var spare) ? spare : new MinuteGroup([]);
            _byStart.Add(bucketStart, group);
        }

        _lastStart = bucketStart;
        _lastGroup = group;
        return group;
    }

    private long _closedThrough = long.MinValue;

    /// <summary>Whether the minute starting at <paramref name="bucketStart"/> was already closed (a change to it now is a correction).</summary>
    public bool IsClosed(long bucketStart) => _closedThrough != long.MinValue && EventTime.BucketEnd(bucketStart) <= _closedThrough;

    /// <summary>Publishes buckets the watermark has closed, and corrections of changed ones; drops expired ones.</summary>
    public void Advance(long watermark, List<ClosedWindow> output)
    {
        var lateness = (long)allowedLateness.TotalMilliseconds;
        _closedThrough = Math.Max(_closedThrough, watermark);
        _expired.Clear();
        foreach (var (start, group) in _byStart)
        {
            if (EventTime.BucketEnd(start) > watermark)
            {
                break;
            }

            // Only a minute that owes a publication is walked: most of the hour of closed minutes held for late
            // events owes nothing, and this runs for every batch.
            if (group.Owed > 0)
            {
                foreach (var (key, bucket) in group.Buckets)
                {
                    if (!bucket.Closed || bucket.Dirty)
                    {
                        var aggregate = bucket.Aggregate;
                        output.Add(new ClosedWindow(key, aggregate.Counters, aggregate.Reach.Count(), IsCorrection: bucket.Closed, watermark));
                        bucket.Closed = true;
                        bucket.Dirty = false;
                    }
                }

                group.Owed = 0;
            }

            if (EventTime.BucketEnd(start) + lateness < watermark)
            {
                _expired.Add(start);
            }
        }

        Generation += _expired.Count > 0 ? 1 : 0; // their buckets and tables are let go or kept for later minutes
        foreach (var start in _expired)
        {
            var group = _byStart[start];
            foreach (var bucket in group.Buckets.Values)
            {
                // Held by nothing else: a closed window published its counts and its reach, not the bucket. A bucket
                // restored from a snapshot has a sketch of its own, and goes to the collector.
                if (_spareBuckets.Count < MaxSpareBuckets && bucket.Aggregate.Clearable)
                {
                    bucket.Clear();
                    _spareBuckets.Push(bucket);
                }
                else
                {
                    bucket.Aggregate.GiveBack();
                }
            }

            _byStart.Remove(start);
            if (ReferenceEquals(group, _lastGroup))
            {
                _lastGroup = null;
            }

            if (_spareGroups.Count < 2)
            {
                group.Buckets.Clear(); // its table keeps its size for a later minute
                group.Owed = 0;
                _spareGroups.Push(group);
            }
        }
    }

    /// <summary>Writes the open and recently closed buckets (docs/design.md, "Recovery").</summary>
    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(_closedThrough);
        writer.Write(_byStart, static (w, start) => w.Write(start), static (w, group) => w.Write(group.Buckets, static (g, key) => g.Write(key), static (g, bucket) =>
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
        _lastGroup = null;
        Generation++;
        reader.Into(_byStart, static r => r.Long(), static r =>
        {
            var buckets = new Dictionary<AggregateKey, BucketState>();
            r.Into(buckets, static b => b.AggregateKey(), static b =>
            {
                var closed = b.Bool();
                var dirty = b.Bool();
                return new BucketState(Aggregate.Load(b)) { Closed = closed, Dirty = dirty };
            });
            var group = new MinuteGroup(buckets);
            foreach (var bucket in buckets.Values)
            {
                group.Owed += !bucket.Closed || bucket.Dirty ? 1 : 0;
            }

            return group;
        });
    }
}

/// <summary>One minute's buckets, and how many of them owe a publication (not yet published, or changed since).</summary>
internal sealed class MinuteGroup(Dictionary<AggregateKey, BucketState> buckets)
{
    public Dictionary<AggregateKey, BucketState> Buckets { get; } = buckets;

    public int Owed { get; set; }
}
