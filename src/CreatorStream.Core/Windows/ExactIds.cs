using CreatorStream.Core.Snapshots;

namespace CreatorStream.Core.Windows;

/// <summary>
/// The exact tier of deduplication for ids of 128 bits (packed ids and UUIDs; docs/design.md, "Event time" and
/// "Per-event cost"): each id with the event time it was last counted at, and the order ids came in, so the oldest leave
/// first. Flat, in two arrays instead of a dictionary and a queue of objects' worth of entries:
/// <list type="bullet">
/// <item>a log in arrival order, in chunks of 65,536 entries of 24 bytes (id and time): it grows at the tail and is
/// dropped from the head a chunk at a time, so it holds no more than a chunk beyond what it keeps;</item>
/// <item>an open-addressing index of 4-byte log positions (linear probing, at most half full, deletion by shifting back,
/// so no tombstones), looked up by the id's bits mixed with a per-process seed.</item>
/// </list>
/// About 32 bytes an id against 56 for a dictionary and a queue (docs/benchmarks.md, sessions 11 and 34). A position
/// is kept modulo 2³²: the log never holds 2³² entries at once, so the index's positions resolve uniquely against the
/// head. An id counted again after the horizon gets a new entry; its old one is skipped when it reaches the head.
/// Mutable; not thread-safe.
/// </summary>
internal sealed class ExactIds
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;
    private const int MinIndexSize = 1 << 10;
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1;

    private readonly List<Entry[]> _chunks = []; // _chunks[0] holds logical positions from _firstChunk * ChunkSize
    private readonly Stack<Entry[]> _spare = new(); // at most one chunk kept for the tail to reuse
    private long _firstChunk;
    private long _head; // logical position of the oldest entry in the log
    private long _tail; // logical position the next entry takes
    private uint[] _index = new uint[MinIndexSize]; // 0: empty; else the entry's position (mod 2^32) + 1
    private int _mask = MinIndexSize - 1;

    /// <summary>Ids held (each once, however often it was counted).</summary>
    public int Count { get; private set; }

    /// <summary>Whether <paramref name="id"/> was counted within <paramref name="horizonMs"/> of <paramref name="ts"/>.</summary>
    public bool Contains((ulong High, ulong Low) id, long ts, long horizonMs) =>
        Find(id, out _) is var position and >= 0 && Math.Abs(ts - At(position).Ts) <= horizonMs;

    /// <summary>
    /// <see cref="Contains"/>, then <see cref="Add"/> if not, in one lookup: whether the id is a copy, and if it is not,
    /// the event time its entry replaced (an id seen again after the horizon), if any.
    /// </summary>
    public (bool Copy, long? Replaced) Record((ulong High, ulong Low) id, long ts, long horizonMs)
    {
        var position = Find(id, out var slot);
        if (position >= 0)
        {
            var seenTs = At(position).Ts;
            if (Math.Abs(ts - seenTs) <= horizonMs)
            {
                return (true, null);
            }

            _index[slot] = Append(id, ts);
            return (false, seenTs);
        }

        Insert(slot, id, ts);
        return (false, null);
    }

    /// <summary>Records the id; returns the event time it replaces (an id seen again after the horizon), if any.</summary>
    public long? Add((ulong High, ulong Low) id, long ts)
    {
        var position = Find(id, out var slot);
        if (position >= 0)
        {
            var earlier = At(position).Ts;
            _index[slot] = Append(id, ts);
            return earlier;
        }

        Insert(slot, id, ts);
        return null;
    }

    /// <summary>The event times of the ids held.</summary>
    public IEnumerable<long> Times()
    {
        for (var position = _head; position < _tail; position++)
        {
            if (IsLive(position))
            {
                yield return At(position).Ts;
            }
        }
    }

    /// <summary>Removes the ids counted before <paramref name="start"/>, telling <paramref name="left"/> of each.</summary>
    public void Evict<TState>(long start, TState state, Action<TState, (ulong, ulong), long> left)
    {
        // Arrival order is close to event-time order; an early out-of-order id lingers until those before it go.
        while (_head < _tail && At(_head) is var oldest && oldest.Ts < start)
        {
            var id = (oldest.High, oldest.Low);
            if (Find(id, out var slot) == _head)
            {
                Remove(slot);
                left(state, id, oldest.Ts);
            }

            _head++;
            if ((_head & ChunkMask) == 0)
            {
                DropSpentChunk();
            }
        }
    }

    /// <summary>
    /// As the dictionary and queue it replaces wrote them (the snapshot format is unchanged): the ids held with their
    /// times, then every entry of the log in order.
    /// </summary>
    public void Save(SnapshotWriter writer)
    {
        writer.Write(Count);
        for (var position = _head; position < _tail; position++)
        {
            if (IsLive(position))
            {
                WriteEntry(writer, At(position));
            }
        }

        writer.Write(checked((int)(_tail - _head)));
        for (var position = _head; position < _tail; position++)
        {
            WriteEntry(writer, At(position));
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote (or the dictionary and queue before it) into an empty table.</summary>
    public void Load(SnapshotReader reader)
    {
        var held = new Dictionary<(ulong, ulong), long>();
        reader.Into(held, static r => (r.ULong(), r.ULong()), static r => r.Long());
        var entries = reader.Int();
        for (var i = 0; i < entries; i++)
        {
            var id = (reader.ULong(), reader.ULong());
            var ts = reader.Long();
            var position = Append(id, ts);
            if (held.TryGetValue(id, out var heldTs) && heldTs == ts)
            {
                // The log's last entry of an id at its held time is the live one (an id counted again has a new time).
                if (Find(id, out var slot) >= 0)
                {
                    _index[slot] = position;
                }
                else
                {
                    _index[slot] = position;
                    Count++;
                    GrowIfFull();
                }
            }
        }
    }

    private static void WriteEntry(SnapshotWriter writer, Entry entry)
    {
        writer.Write(entry.High);
        writer.Write(entry.Low);
        writer.Write(entry.Ts);
    }

    private bool IsLive(long position)
    {
        ref readonly var entry = ref At(position);
        return Find((entry.High, entry.Low), out _) == position;
    }

    private ref Entry At(long position) => ref _chunks[(int)((position >> ChunkBits) - _firstChunk)][position & ChunkMask];

    // The log position the index holds for the id (or -1), and the slot it is in (or the empty slot where it would go).
    private long Find((ulong High, ulong Low) id, out int slot)
    {
        slot = (int)(Mix(id) & (ulong)_mask);
        while (_index[slot] is var stored and not 0)
        {
            var position = Resolve(stored);
            ref readonly var entry = ref At(position);
            if (entry.High == id.High && entry.Low == id.Low)
            {
                return position;
            }

            slot = (slot + 1) & _mask;
        }

        return -1;
    }

    // A position kept mod 2^32 (plus one), as the one within 2^32 at or after the head.
    private long Resolve(uint stored) => _head + (uint)(stored - 1 - (uint)_head);

    private void Insert(int slot, (ulong High, ulong Low) id, long ts)
    {
        _index[slot] = Append(id, ts);
        Count++;
        GrowIfFull();
    }

    private uint Append((ulong High, ulong Low) id, long ts)
    {
        var position = _tail;
        var chunk = (int)((position >> ChunkBits) - _firstChunk);
        if (chunk == _chunks.Count)
        {
            _chunks.Add(_spare.Count > 0 ? _spare.Pop() : new Entry[ChunkSize]);
        }

        _chunks[chunk][position & ChunkMask] = new Entry(id.High, id.Low, ts);
        _tail++;
        return (uint)position + 1;
    }

    // The head has passed the first chunk: it goes (one is kept for the tail, so a steady log allocates none).
    private void DropSpentChunk()
    {
        var spent = _chunks[0];
        _chunks.RemoveAt(0);
        _firstChunk++;
        if (_spare.Count == 0)
        {
            _spare.Push(spent);
        }
    }

    // Linear probing's deletion: later entries of the run move back into the hole, so lookups never need tombstones.
    private void Remove(int slot)
    {
        Count--;
        var hole = slot;
        var next = (hole + 1) & _mask;
        while (_index[next] is var stored and not 0)
        {
            ref readonly var entry = ref At(Resolve(stored));
            var home = (int)(Mix((entry.High, entry.Low)) & (ulong)_mask);
            // Moves back when its home is not cyclically within (hole, next].
            if (((next - home) & _mask) >= ((next - hole) & _mask))
            {
                _index[hole] = stored;
                hole = next;
            }

            next = (next + 1) & _mask;
        }

        _index[hole] = 0;
    }

    private void GrowIfFull()
    {
        if (Count * 2 <= _index.Length)
        {
            return;
        }

        var old = _index;
        _index = new uint[old.Length * 2];
        _mask = _index.Length - 1;
        foreach (var stored in old)
        {
            if (stored != 0)
            {
                ref readonly var entry = ref At(Resolve(stored));
                var slot = (int)(Mix((entry.High, entry.Low)) & (ulong)_mask);
                while (_index[slot] != 0)
                {
                    slot = (slot + 1) & _mask;
                }

                _index[slot] = stored;
            }
        }
    }

    private static ulong Mix((ulong High, ulong Low) id) => Sketches.UserHash.Mix(id.High ^ Sketches.UserHash.Mix(id.Low ^ Seed));

    private readonly record struct Entry(ulong High, ulong Low, long Ts);
}
