using CreatorStream.Core.Snapshots;

namespace CreatorStream.Core.Windows;

/// <summary>
/// The exact tier of deduplication for ids of 128 bits (packed ids and UUIDs; docs/design.md, "Event time" and
/// "Per-event cost"): each id with the event time it was last counted at, and the order ids came in, so the oldest leave
/// first. Flat, in two arrays instead of a dictionary and a queue:
/// <list type="bullet">
/// <item>a log in arrival order, in chunks of 2,048 entries of 24 bytes (id and time; 48 KB, below the large object
/// heap), added at the tail and dropped from the head, the dropped ones kept as spares for the tail up to an eighth of
/// the chunks in use (at least one), so a log holds at most an eighth more chunks than its entries fill, plus three, and
/// a steady one allocates nothing: eviction comes in bursts (a sweep a minute drops several chunks at once) while
/// arrivals are steady, and with one spare every burst's other chunks were made again (as <see cref="ChunkedQueue{T}"/>'s
/// were, docs/benchmarks.md, session 54);</item>
/// <item>an open-addressing index of 4-byte log positions (linear probing, at most half full, deletion by shifting back,
/// so no tombstones), looked up by the id's bits mixed with a per-process seed.</item>
/// </list>
/// A large log costs 24 bytes an id in the log and 8 to 16 in the index, against 83 for a dictionary and a queue
/// (docs/benchmarks.md, session 34). The index keeps a position modulo 2³² − 1 (plus one, so 0 is an empty slot): the log
/// never holds that many entries at once, so a stored position resolves uniquely against the head's.
/// An id counted again after the horizon gets a new entry and the index moves to it; the id leaves when that newest
/// entry reaches the head (an older entry of it, even at the same time, is skipped). Mutable; not thread-safe.
/// </summary>
internal sealed class ExactIds
{
    private const int ChunkBits = 11;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;
    private const int MinIndexSize = 16;
    private const long Modulus = uint.MaxValue; // positions are stored mod 2^32 - 1, plus one
    private const int EntryBytes = 3 * sizeof(long);
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1;

    private readonly List<Entry[]> _chunks = []; // _chunks[0] holds logical positions from _firstChunk * ChunkSize
    private readonly Stack<Entry[]> _spares = new(); // spent chunks kept for the tail to reuse
    private long _firstChunk;
    private long _head; // logical position of the oldest entry in the log
    private long _tail; // logical position the next entry takes
    private uint _headMod; // _head mod Modulus
    private uint _tailMod; // _tail mod Modulus
    private uint[] _index = new uint[MinIndexSize]; // 0: empty; else the entry's position (mod Modulus) + 1
    private int _mask = MinIndexSize - 1;

    public ExactIds()
        : this(0)
    {
    }

    /// <summary>A table whose log starts at <paramref name="start"/> (tests: positions near the modulus's wrap).</summary>
    internal ExactIds(long start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        _head = _tail = start;
        _firstChunk = start >> ChunkBits;
        _headMod = _tailMod = (uint)(start % Modulus);
    }

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
        long? replaced = position >= 0 ? At(position).Ts : null;
        if (replaced is { } seenTs && Math.Abs(ts - seenTs) <= horizonMs)
        {
            return (true, null);
        }

        Point(slot, held: position >= 0, Append(id, ts));
        return (false, replaced);
    }

    /// <summary>Records the id; returns the event time it replaces (an id seen again after the horizon), if any.</summary>
    public long? Add((ulong High, ulong Low) id, long ts) => Record(id, ts, horizonMs: -1).Replaced; // no time is within -1

    /// <summary>
    /// Hints the cache at what <see cref="Record"/> of <paramref name="id"/> will read (<see cref="Sketches.CacheLine"/>):
    /// at <paramref name="stage"/> 0 the id's index slot; at 1, once that slot is loaded, the log entry it names.
    /// </summary>
    public void Prefetch((ulong High, ulong Low) id, int stage)
    {
        var slot = (int)(Mix(id) & (ulong)_mask);
        if (stage == 0)
        {
            Sketches.CacheLine.Prefetch(ref _index[slot]);
        }
        else if (_index[slot] is var stored and not 0)
        {
            Sketches.CacheLine.Prefetch(ref At(Resolve(stored)));
        }
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
            _headMod = _headMod + 1 == Modulus ? 0 : _headMod + 1;
            if ((_head & ChunkMask) == 0)
            {
                DropSpentChunk();
            }
        }
    }

    /// <summary>
    /// The log alone, in order (snapshot format <see cref="Dataflow.BrandTask.ExactIdsLogFormat"/>): its length, then its
    /// entries from the head in byte strings of 2,048 entries (the last one shorter), 24 bytes an entry (id high, id low,
    /// time; little-endian). Counted from the head, not from where the chunks of memory begin, so a restored table, whose
    /// log starts elsewhere, writes the same bytes. The index need not be written: an id is held by its newest entry,
    /// always (the index moves to a new entry when the id is counted again, and lets go only when that entry leaves the
    /// head, after every older one), so reading the log in order and pointing at each entry gives it back. Before that format the table was written as the dictionary and queue it
    /// replaced, the held ids first (a lookup each) and then the log: twice the bytes, and most of deduplication's share
    /// of a snapshot's time (docs/benchmarks.md, session 42).
    /// </summary>
    public void Save(SnapshotWriter writer)
    {
        writer.Write(checked((int)(_tail - _head)));
        for (var position = _head; position < _tail;)
        {
            var count = (int)Math.Min(ChunkSize, _tail - position);
            var offset = (int)(position & ChunkMask);
            var inFirst = Math.Min(count, ChunkSize - offset);
            var first = _chunks[(int)((position >> ChunkBits) - _firstChunk)].AsSpan(offset, inFirst);
            var second = inFirst == count ? [] : _chunks[(int)(((position + inFirst) >> ChunkBits) - _firstChunk)].AsSpan(0, count - inFirst);
            WriteEntries(writer, first, second);
            position += count;
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote (or the dictionary and queue of a format before it) into an empty table.</summary>
    public void Load(SnapshotReader reader)
    {
        if (reader.Format < Dataflow.BrandTask.ExactIdsLogFormat)
        {
            LoadHeldAndLog(reader);
            return;
        }

        var entries = reader.Int();
        if (entries < 0)
        {
            throw new InvalidDataException($"a deduplication log of {entries} entries");
        }

        var read = 0;
        while (read < entries)
        {
            var bytes = reader.Bytes();
            if (bytes.Length == 0 || bytes.Length % EntryBytes != 0 || read + (bytes.Length / EntryBytes) > entries)
            {
                throw new InvalidDataException($"a deduplication log's chunk of {bytes.Length} bytes does not hold whole entries within the {entries} written");
            }

            for (var at = 0; at < bytes.Length; at += EntryBytes)
            {
                var entry = bytes.AsSpan(at, EntryBytes);
                var id = (System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(entry), System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(entry[8..]));
                var stored = Append(id, System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(entry[16..]));
                var known = Find(id, out var slot) >= 0; // the index does not point at the new entry yet
                Point(slot, held: known, stored);
            }

            read += bytes.Length / EntryBytes;
        }
    }

    // One byte string of the entries of a piece, which may straddle two chunks of memory.
    private static void WriteEntries(SnapshotWriter writer, ReadOnlySpan<Entry> first, ReadOnlySpan<Entry> second)
    {
        if (BitConverter.IsLittleEndian)
        {
            // The entries' memory is their bytes.
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(first), System.Runtime.InteropServices.MemoryMarshal.AsBytes(second));
            return;
        }

        writer.Write((first.Length + second.Length) * EntryBytes);
        foreach (var entry in first)
        {
            WriteEntry(writer, entry);
        }

        foreach (var entry in second)
        {
            WriteEntry(writer, entry);
        }
    }

    /// <summary>The dictionary of held ids and the queue of a snapshot before <see cref="Dataflow.BrandTask.ExactIdsLogFormat"/>.</summary>
    private void LoadHeldAndLog(SnapshotReader reader)
    {
        var held = new Dictionary<(ulong, ulong), long>();
        reader.Into(held, static r => (r.ULong(), r.ULong()), static r => r.Long());
        var entries = reader.Int();
        for (var i = 0; i < entries; i++)
        {
            var id = (reader.ULong(), reader.ULong());
            var ts = reader.Long();
            var stored = Append(id, ts);
            if (held.TryGetValue(id, out var heldTs) && heldTs == ts)
            {
                // The id's newest entry at its held time is the one it is held by.
                var known = Find(id, out var slot) >= 0;
                Point(slot, held: known, stored);
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

    // A stored position (mod Modulus, plus one) as the one at or after the head within Modulus of it.
    private long Resolve(uint stored)
    {
        var offset = (long)(stored - 1) - _headMod;
        return _head + (offset < 0 ? offset + Modulus : offset);
    }

    // Points the index at an id's new log entry: from its own slot when it is held already (its older entry is skipped
    // when that reaches the head), else from the empty slot Find gave for it.
    private void Point(int slot, bool held, uint stored)
    {
        _index[slot] = stored;
        if (!held)
        {
            Count++;
            GrowIfFull();
        }
    }

    // Appends an entry at the tail; returns its position as the index stores it.
    private uint Append((ulong High, ulong Low) id, long ts)
    {
        var offset = (int)(_tail & ChunkMask);
        var chunk = (int)((_tail >> ChunkBits) - _firstChunk);
        if (chunk == _chunks.Count)
        {
            _chunks.Add(_spares.TryPop(out var spare) ? spare : new Entry[ChunkSize]);
        }

        var entries = _chunks[chunk];
        entries[offset] = new Entry(id.High, id.Low, ts);
        var stored = _tailMod + 1;
        _tail++;
        _tailMod = stored == Modulus ? 0 : stored;
        return stored;
    }

    // The head has passed the first chunk: it goes, kept as a spare for the tail, the spares first cut to the bound less
    // one (the bound falls as the log drains; its entries hold no references, so a spare needs no clearing).
    private void DropSpentChunk()
    {
        var spent = _chunks[0];
        _chunks.RemoveAt(0);
        _firstChunk++;
        var most = Math.Max(1, _chunks.Count / 8);
        while (_spares.Count >= most)
        {
            _spares.Pop(); // left to the collector
        }

        _spares.Push(spent);
    }

    /// <summary>Chunks held now, the spares included (for tests).</summary>
    internal int Chunks => _chunks.Count + _spares.Count;

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

        // The entries the index points at are marked in a bitmap over the log, which is then read in order: one random
        // read per entry was about half of a growth's cost (docs/benchmarks.md, session 68). The new index holds each live
        // entry once, so its slots are found without comparing ids.
        var old = _index;
        var live = new ulong[(int)(((_tail - _head) + 63) >> 6)];
        foreach (var stored in old)
        {
            if (stored != 0)
            {
                var offset = Resolve(stored) - _head;
                live[offset >> 6] |= 1UL << (int)(offset & 63);
            }
        }

        _index = new uint[old.Length * 2];
        _mask = _index.Length - 1;
        for (var word = 0; word < live.Length; word++)
        {
            for (var bits = live[word]; bits != 0; bits &= bits - 1)
            {
                var offset = ((long)word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                ref readonly var entry = ref At(_head + offset);
                var slot = (int)(Mix((entry.High, entry.Low)) & (ulong)_mask);
                while (_index[slot] != 0)
                {
                    slot = (slot + 1) & _mask;
                }

                _index[slot] = StoredAt(offset);
            }
        }
    }

    // How the index stores the position of the entry this many after the head (mod Modulus, plus one).
    private uint StoredAt(long offset) => (uint)(((_headMod + offset) % Modulus) + 1);

    private static ulong Mix((ulong High, ulong Low) id) => Sketches.UserHash.Mix(id.High ^ Sketches.UserHash.Mix(id.Low ^ Seed));

    // Sequential: Save writes the entries' memory as their bytes.
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private readonly record struct Entry(ulong High, ulong Low, long Ts);
}
