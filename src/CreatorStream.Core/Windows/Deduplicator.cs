using CreatorStream.Core.Events;
using CreatorStream.Core.Sketches;

namespace CreatorStream.Core.Windows;

/// <summary>What <see cref="Deduplicator.Check(EventIdKey, long)"/> found.</summary>
public enum DedupOutcome : byte
{
    /// <summary>Not seen within the horizon: count it.</summary>
    New,

    /// <summary>Seen before, exactly: a copy.</summary>
    Duplicate,

    /// <summary>Probably seen before: its event-time hour's filter says so (wrong with probability at most the filter's rate).</summary>
    ProbableDuplicate,
}

/// <summary>
/// Remembers the <c>event_id</c>s counted by one brand processor for <see cref="Horizon"/> of event time
/// (docs/design.md, "Event time"; decision 0014), so a redelivered or re-sent event is counted once, in memory that
/// stays small for the whole horizon. Two tiers:
/// <list type="bullet">
/// <item><b>Exact</b>: ids whose event time is within <see cref="ExactSpan"/> of the watermark, held exactly, as the 128
/// bits of their <see cref="EventIdKey"/> where they have them (short ids and UUIDs, in the flat <see cref="ExactIds"/>:
/// about 34 bytes an id, in arrays without references for the GC to trace), any other id as its string. A copy is found here whatever event time it carries.</item>
/// <item><b>Filters</b>: when ids leave the exact tier they go into a Bloom filter for their event-time hour, sized when
/// the hour first leaves for every id of it the tier then holds, at <see cref="FalsePositiveRate"/> (2.4 bytes an id at
/// 1 in 10,000). Ids of the hour that leave after the filter is full (events that came late) go into another filter of
/// the hour, so no filter holds more than it was sized for. An id older than the exact tier's start (the last eviction's
/// watermark minus the exact span) and not held exactly is looked up in its own hour's filters only (a re-sent copy
/// carries its event time): never a copy missed, and a new event taken for a copy with probability at most the rate per
/// filter consulted, only when it arrives more than the exact span behind the watermark (never on one partition, where
/// that is later than the allowed lateness). Such verdicts are <see cref="DedupOutcome.ProbableDuplicate"/>, and
/// <see cref="FilterLookups"/> counts the filters consulted, so the rate times it bounds the expected wrong verdicts.</item>
/// </list>
/// A filter is dropped whole once its hour has left the horizon, so an id can be remembered up to an hour longer than
/// the horizon. With the exact span equal to the horizon (the default of the one-argument constructor) there are no
/// filters. Mutable; not thread-safe.
/// </summary>
public sealed class Deduplicator
{
    /// <summary>The filters' false-positive rate unless told otherwise (decision 0014).</summary>
    public const double DefaultFalsePositiveRate = 1e-4;

    private const long HourMs = 3_600_000;

    // Tags that keep the three id shapes apart inside a filter (a packed id and a UUID can have the same 128 bits).
    private const ulong UuidTag = 0x5bd1e9955bd1e995;
    private const ulong StringTag = 0xc2b2ae3d27d4eb4f;

    private readonly ExactIds _packed = new();
    private readonly ExactIds _uuids = new();
    private readonly Seen<string> _kept = new(StringComparer.Ordinal);

    // By event-time hour (its start): the filter of ids that left the exact tier, and how many ids the exact tier holds.
    private readonly SortedDictionary<long, List<HourFilter>> _filters = [];
    private readonly Dictionary<long, long> _exactPerHour = [];
    private readonly List<(long Hour, ulong High, ulong Low)> _leaving = []; // reused by each eviction
    private readonly Dictionary<long, long> _leavingPerHour = []; // reused by each eviction
    private ulong[]? _spareWords; // the largest array of the filters the horizon last dropped, for the next hour's filter
    private readonly bool _tiered;
    private long _exactStart = long.MinValue; // ids older than this have left the exact tier

    /// <summary>Every id held exactly for the whole horizon (no filters).</summary>
    public Deduplicator(TimeSpan horizon)
        : this(horizon, horizon)
    {
    }

    public Deduplicator(TimeSpan horizon, TimeSpan exactSpan, double falsePositiveRate = DefaultFalsePositiveRate)
    {
        if (exactSpan < TimeSpan.Zero || exactSpan > horizon)
        {
            throw new ArgumentOutOfRangeException(nameof(exactSpan), exactSpan, $"must be between 0 and the horizon {horizon}");
        }

        Horizon = horizon;
        ExactSpan = exactSpan;
        FalsePositiveRate = falsePositiveRate;
        _tiered = exactSpan < horizon;
    }

    public TimeSpan Horizon { get; }

    /// <summary>How far behind the watermark ids stay exact.</summary>
    public TimeSpan ExactSpan { get; }

    public double FalsePositiveRate { get; }

    /// <summary>Ids held exactly.</summary>
    public int Count => _packed.Count + _uuids.Count + _kept.Count;

    /// <summary>Ids held in filters now (the hours behind the exact tier, up to the horizon).</summary>
    public long FilterKeys => _filters.Values.Sum(h => h.Sum(f => f.Count));

    /// <summary>Filters held now (an hour has more than one when ids of it left after its first filter was full).</summary>
    public int Filters => _filters.Values.Sum(h => h.Count);

    /// <summary>Bytes the filters' bit arrays take (a filter on a lent array counts the words it uses).</summary>
    public long FilterBytes => _filters.Values.Sum(h => h.Sum(f => f.Filter.Bits / 8));

    /// <summary>Filters made on the array of one the horizon dropped (for tests).</summary>
    internal int LentFilters { get; private set; }

    /// <summary>Filters consulted so far (each by an id older than the exact tier, not held exactly): the expected false verdicts are at most the rate times this.</summary>
    public long FilterLookups { get; private set; }

    /// <summary>Records the id; returns false if it was seen within the horizon (a duplicate, exact or probable).</summary>
    public bool TryAdd(string eventId, long ts) => Check(EventIdKey.Of(eventId), ts) == DedupOutcome.New;

    /// <summary>Records the id; returns false if it was seen within the horizon (a duplicate, exact or probable).</summary>
    public bool TryAdd(EventIdKey eventId, long ts) => Check(eventId, ts) == DedupOutcome.New;

    /// <summary>Hints the cache at what <see cref="Check"/> of the id will read first (<see cref="ExactIds.Prefetch"/>), for a packed id or UUID in the exact tier.</summary>
    public void Prefetch(EventIdKey eventId, long ts, int stage)
    {
        if (ts >= _exactStart && eventId.TryGetBits(out var bits, out var isUuid))
        {
            (isUuid ? _uuids : _packed).Prefetch(bits, stage);
        }
    }

    /// <summary>Whether the id was seen within the horizon, and how surely; a new id is recorded.</summary>
    public DedupOutcome Check(EventIdKey eventId, long ts)
    {
        var horizonMs = (long)Horizon.TotalMilliseconds;
        var packed = eventId.TryGetBits(out var bits, out var isUuid);
        if (ts >= _exactStart)
        {
            // Answered by the exact tier alone (the common case): one lookup both finds and records the id.
            var (copy, earlier) = packed ? (isUuid ? _uuids : _packed).Record(bits, ts, horizonMs) : _kept.Record(eventId.ToString(), ts, horizonMs);
            if (copy)
            {
                return DedupOutcome.Duplicate;
            }

            CountExact(earlier, ts);
            return DedupOutcome.New;
        }

        var seen = packed ? (isUuid ? _uuids : _packed).Contains(bits, ts, horizonMs) : _kept.Contains(eventId.ToString(), ts, horizonMs);
        if (seen)
        {
            return DedupOutcome.Duplicate;
        }

        // Older than the exact tier's start (anything newer was answered above), so it may have left into its hour's filters.
        if (_filters.TryGetValue(HourOf(ts), out var filters))
        {
            var (high, low) = packed ? FilterKey(bits, isUuid) : StringKey(eventId.ToString());
            foreach (var filter in filters)
            {
                FilterLookups++;
                if (filter.Filter.MayContain(high, low))
                {
                    return DedupOutcome.ProbableDuplicate;
                }
            }
        }

        CountExact(packed ? (isUuid ? _uuids : _packed).Add(bits, ts) : _kept.Add(eventId.ToString(), ts), ts);
        return DedupOutcome.New;
    }

    /// <summary>Counts a new id of <paramref name="ts"/> in its hour of the exact tier, and one fewer in the hour of the entry it replaced, if any.</summary>
    private void CountExact(long? replaced, long ts)
    {
        if (_tiered)
        {
            if (replaced is { } earlier)
            {
                Increment(_exactPerHour, HourOf(earlier), -1); // the id seen a horizon ago: its entry now counts here
            }

            Increment(_exactPerHour, HourOf(ts), 1);
        }
    }

    /// <summary>
    /// Moves the ids older than <paramref name="watermark"/> minus the exact span into their hours' filters, and drops the
    /// filters of hours wholly older than the watermark minus the horizon.
    /// </summary>
    public void Evict(long watermark)
    {
        if (watermark == long.MinValue)
        {
            return; // before any event time; the subtraction below would overflow
        }

        var exactStart = watermark - (long)ExactSpan.TotalMilliseconds;
        _exactStart = Math.Max(_exactStart, exactStart);
        var horizonStart = watermark - (long)Horizon.TotalMilliseconds;
        var eviction = (Self: this, HorizonStart: horizonStart);
        _packed.Evict(exactStart, eviction, static (e, id, ts) => e.Self.Leave(id, ts, e.HorizonStart));
        _uuids.Evict(exactStart, eviction, static (e, id, ts) => e.Self.Leave(FilterKey(id, isUuid: true), ts, e.HorizonStart));
        _kept.Evict(exactStart, eviction, static (e, id, ts) => e.Self.Leave(StringKey(id), ts, e.HorizonStart));
        if (_leaving.Count > 0)
        {
            foreach (var (hour, _, _) in _leaving)
            {
                Increment(_leavingPerHour, hour, 1);
            }

            // _leavingPerHour now counts, per hour, the ids of this eviction not yet added.
            foreach (var (hour, high, low) in _leaving)
            {
                if (!_filters.TryGetValue(hour, out var filters))
                {
                    _filters[hour] = filters = [];
                }

                if (filters.Count == 0 || filters[^1].Count >= filters[^1].Capacity)
                {
                    // Sized for every id of the hour known now: those still to leave in this eviction and those the
                    // exact tier still holds. A later one that overflows it gets a filter of its own.
                    var capacity = Math.Max(1, _leavingPerHour[hour] + _exactPerHour.GetValueOrDefault(hour));
                    var filter = BloomFilter.For(capacity, FalsePositiveRate, _spareWords);
                    if (ReferenceEquals(filter.Words, _spareWords))
                    {
                        _spareWords = null;
                        LentFilters++;
                    }

                    filters.Add(new HourFilter(filter, capacity));
                }

                filters[^1].Filter.Add(high, low);
                filters[^1].Count++;
                _leavingPerHour[hour]--;
            }

            _leaving.Clear();
            _leavingPerHour.Clear();
        }

        while (_filters.Count > 0 && _filters.Keys.First() is var oldest && oldest + HourMs <= horizonStart)
        {
            // An hour's filter is about the size of the next one at a steady rate: its array serves that one (sized as ever).
            foreach (var dropped in _filters[oldest])
            {
                if (_spareWords is null || dropped.Filter.Words.LongLength > _spareWords.LongLength)
                {
                    _spareWords = dropped.Filter.Words;
                }
            }

            _filters.Remove(oldest);
        }

        foreach (var hour in _exactPerHour.Where(h => h.Value <= 0 || h.Key + HourMs <= horizonStart).Select(h => h.Key).ToList())
        {
            _exactPerHour.Remove(hour);
        }
    }

    /// <summary>Writes both tiers (docs/design.md, "Recovery").</summary>
    public void Save(Snapshots.SnapshotWriter writer)
    {
        SaveExactIds(writer);
        writer.Write(_exactStart);
        writer.Write(_filters.Sum(h => h.Value.Count));
        foreach (var (hour, filters) in _filters)
        {
            foreach (var filter in filters)
            {
                writer.Write(hour);
                writer.Write(filter.Capacity);
                writer.Write(filter.Count);
                filter.Filter.Save(writer);
            }
        }

        writer.Write(FilterLookups);
    }

    /// <summary>The exact tier alone: all that brand task snapshot format 2 held of deduplication.</summary>
    internal void SaveExactIds(Snapshots.SnapshotWriter writer)
    {
        _packed.Save(writer);
        _uuids.Save(writer);
        _kept.Save(writer, static (w, id) => w.Write(id));
    }

    /// <summary>
    /// Reads into this fresh instance what <see cref="Save"/> wrote; <paramref name="withFilters"/> false reads a snapshot
    /// written before there were filters (exact ids only: they leave into filters as the watermark moves).
    /// </summary>
    public void Load(Snapshots.SnapshotReader reader, bool withFilters = true)
    {
        _packed.Load(reader);
        _uuids.Load(reader);
        _kept.Load(reader, static r => r.String());
        foreach (var ts in _tiered ? _packed.Times().Concat(_uuids.Times()).Concat(_kept.Times()) : [])
        {
            Increment(_exactPerHour, HourOf(ts), 1);
        }

        if (!withFilters)
        {
            return;
        }

        _exactStart = reader.Long();
        var filters = reader.Int();
        for (var i = 0; i < filters; i++)
        {
            var hour = reader.Long();
            var capacity = reader.Long();
            var count = reader.Long();
            var filter = new HourFilter(BloomFilter.Load(reader), capacity) { Count = count };
            if (!_filters.TryGetValue(hour, out var ofHour))
            {
                _filters[hour] = ofHour = [];
            }

            ofHour.Add(filter);
        }

        FilterLookups = reader.Long();
    }

    private static long HourOf(long ts) => EventTime.Floor(ts, HourMs);

    private static (ulong, ulong) FilterKey((ulong High, ulong Low) bits, bool isUuid) => isUuid ? (bits.High ^ UuidTag, bits.Low) : bits;

    private static (ulong, ulong) StringKey(string id)
    {
        var hash = UserHash.Of(id);
        return (hash, UserHash.Mix(hash ^ StringTag));
    }

    private static void Increment(Dictionary<long, long> counts, long key, long by)
    {
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
        count += by;
    }

    // An id leaves the exact tier in an eviction whose horizon starts at horizonStart.
    private void Leave((ulong High, ulong Low) filterKey, long ts, long horizonStart)
    {
        if (_tiered)
        {
            var hour = HourOf(ts);
            Increment(_exactPerHour, hour, -1);
            if (hour + HourMs > horizonStart)
            {
                // Not for an hour already past the horizon: its filter would be dropped by the same eviction. (The end of a
                // replay moves event time past everything: every id went into a filter only to be dropped, a list and
                // filters for the whole exact tier made for nothing: docs/benchmarks.md, session 34.)
                _leaving.Add((hour, filterKey.High, filterKey.Low));
            }
        }
    }

    // One filter of an hour: how many ids it was sized for, and how many it holds.
    private sealed class HourFilter(BloomFilter filter, long capacity)
    {
        public BloomFilter Filter { get; } = filter;

        public long Capacity { get; } = capacity;

        public long Count { get; set; }
    }

    // Ids that are neither packed nor UUIDs (rare): when each was last counted, and the order they came in.
    private sealed class Seen<TId>(IEqualityComparer<TId>? comparer)
        where TId : notnull
    {
        private readonly Dictionary<TId, long> _seen = new(comparer);
        private readonly Queue<(TId Id, long Ts)> _order = new();

        public int Count => _seen.Count;

        public bool Contains(TId id, long ts, long horizonMs) => _seen.TryGetValue(id, out var seenTs) && Math.Abs(ts - seenTs) <= horizonMs;

        /// <summary>
        /// <see cref="Contains"/>, then <see cref="Add"/> if not, in one lookup: whether the id is a copy, and if it is not,
        /// the event time its entry replaced (an id seen again after the horizon), if any.
        /// </summary>
        public (bool Copy, long? Replaced) Record(TId id, long ts, long horizonMs)
        {
            ref var seenTs = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_seen, id, out var exists);
            if (exists && Math.Abs(ts - seenTs) <= horizonMs)
            {
                return (true, null);
            }

            long? replaced = exists ? seenTs : null;
            seenTs = ts;
            _order.Enqueue((id, ts));
            return (false, replaced);
        }

        /// <summary>Records the id; returns the event time it replaces (an id seen again after the horizon), if any.</summary>
        public long? Add(TId id, long ts)
        {
            long? replaced = _seen.TryGetValue(id, out var earlier) ? earlier : null;
            _seen[id] = ts;
            _order.Enqueue((id, ts));
            return replaced;
        }

        public IEnumerable<long> Times() => _seen.Values;

        public void Save(Snapshots.SnapshotWriter writer, Action<Snapshots.SnapshotWriter, TId> write)
        {
            writer.Write(_seen, write, static (w, ts) => w.Write(ts));
            writer.Write(_order.Count);
            foreach (var (id, ts) in _order)
            {
                write(writer, id);
                writer.Write(ts);
            }
        }

        public void Load(Snapshots.SnapshotReader reader, Func<Snapshots.SnapshotReader, TId> read)
        {
            reader.Into(_seen, read, static r => r.Long());
            reader.Each(r => _order.Enqueue((read(r), r.Long())));
        }

        /// <summary>Removes the ids counted before <paramref name="start"/>, telling <paramref name="left"/> of each.</summary>
        public void Evict<TState>(long start, TState state, Action<TState, TId, long> left)
        {
            // Arrival order is close to event-time order; an early out-of-order id lingers until those before it go.
            while (_order.TryPeek(out var oldest) && oldest.Ts < start)
            {
                _order.Dequeue();
                if (_seen.TryGetValue(oldest.Id, out var ts) && ts == oldest.Ts)
                {
                    _seen.Remove(oldest.Id);
                    left(state, oldest.Id, ts);
                }
            }
        }
    }
}
