using CreatorStream.Core.Events;

namespace CreatorStream.Core.Windows;

/// <summary>
/// Remembers the <c>event_id</c>s counted on one partition for <see cref="Horizon"/> of event time
/// (docs/design.md, "Event time"), so a redelivered or re-sent event is counted once.
/// Memory is bounded by the ids of one horizon; ids are evicted as the watermark moves. Ids are held exactly, as the
/// 128 bits of their <see cref="EventIdKey"/> where they have them (short ids and UUIDs: 56 bytes an id, in tables
/// without references for the GC to trace, against about 160 as strings); any other id as its string.
/// Mutable; not thread-safe.
/// </summary>
public sealed class Deduplicator(TimeSpan horizon)
{
    private readonly Seen<(ulong, ulong)> _packed = new(null);
    private readonly Seen<(ulong, ulong)> _uuids = new(null);
    private readonly Seen<string> _kept = new(StringComparer.Ordinal);

    public TimeSpan Horizon { get; } = horizon;

    public int Count => _packed.Count + _uuids.Count + _kept.Count;

    /// <summary>Records the id; returns false if it was already seen within the horizon (a duplicate).</summary>
    public bool TryAdd(string eventId, long ts) => TryAdd(EventIdKey.Of(eventId), ts);

    /// <summary>Records the id; returns false if it was already seen within the horizon (a duplicate).</summary>
    public bool TryAdd(EventIdKey eventId, long ts)
    {
        var horizonMs = (long)Horizon.TotalMilliseconds;
        if (eventId.TryGetBits(out var bits, out var isUuid))
        {
            return (isUuid ? _uuids : _packed).TryAdd(bits, ts, horizonMs);
        }

        return _kept.TryAdd(eventId.ToString(), ts, horizonMs);
    }

    /// <summary>Forgets ids older than <paramref name="watermark"/> minus the horizon.</summary>
    public void Evict(long watermark)
    {
        if (watermark == long.MinValue)
        {
            return; // before any event time; the subtraction below would overflow
        }

        var horizonStart = watermark - (long)Horizon.TotalMilliseconds;
        _packed.Evict(horizonStart);
        _uuids.Evict(horizonStart);
        _kept.Evict(horizonStart);
    }

    /// <summary>Writes the ids remembered and their order (docs/design.md, "Recovery").</summary>
    public void Save(Snapshots.SnapshotWriter writer)
    {
        _packed.Save(writer, static (w, id) => { w.Write(id.Item1); w.Write(id.Item2); });
        _uuids.Save(writer, static (w, id) => { w.Write(id.Item1); w.Write(id.Item2); });
        _kept.Save(writer, static (w, id) => w.Write(id));
    }

    /// <summary>Reads into this fresh instance what <see cref="Save"/> wrote.</summary>
    public void Load(Snapshots.SnapshotReader reader)
    {
        _packed.Load(reader, static r => (r.ULong(), r.ULong()));
        _uuids.Load(reader, static r => (r.ULong(), r.ULong()));
        _kept.Load(reader, static r => r.String());
    }

    // (Not UInt128 for the bits: it is 16-byte aligned, which pads every dictionary entry by 8 bytes.)
    // One shape of id: when each was last counted, and the order they came in.
    private sealed class Seen<TId>(IEqualityComparer<TId>? comparer)
        where TId : notnull
    {
        private readonly Dictionary<TId, long> _seen = new(comparer);
        private readonly Queue<(TId Id, long Ts)> _order = new();

        public int Count => _seen.Count;

        public bool TryAdd(TId id, long ts, long horizonMs)
        {
            if (_seen.TryGetValue(id, out var seenTs) && Math.Abs(ts - seenTs) <= horizonMs)
            {
                return false;
            }

            _seen[id] = ts;
            _order.Enqueue((id, ts));
            return true;
        }

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

        public void Evict(long horizonStart)
        {
            // Arrival order is close to event-time order; an early out-of-order id lingers until those before it go.
            while (_order.TryPeek(out var oldest) && oldest.Ts < horizonStart)
            {
                _order.Dequeue();
                if (_seen.TryGetValue(oldest.Id, out var ts) && ts == oldest.Ts)
                {
                    _seen.Remove(oldest.Id);
                }
            }
        }
    }
}
