namespace CreatorStream.Core.Windows;

/// <summary>
/// A first-in first-out queue of (slot, event time) pairs at 8 bytes a pair, for the journeys' arrivals: an entry a
/// touch, held for the lookback (docs/design.md, "Per-event cost"). A pair of an object reference and a time took 16
/// bytes, a fifth of the heap in the soak at 3,000 events a second (docs/benchmarks.md, session 58). Here a pair is
/// one <see cref="ulong"/> in a <see cref="ChunkedQueue{T}"/>: the slot (a number the owner gives each of its records)
/// in the high half and the time in the low half, as a signed 32-bit offset in milliseconds from a base. When a time is
/// out of that reach (more than <see cref="int.MaxValue"/> milliseconds after the base, about 24.8 days, or more than
/// 2^31 before it), a base of that time goes in first as two marker entries, whose high halves (0xFFFFFFFF, then
/// 0xFFFFFFFE) no slot can have, holding its high and low 32 bits; the head takes it up as it passes them. So any time is held exactly,
/// in order, whatever the spread. Slots are from 0 to <see cref="MaxSlot"/>. Mutable; not thread-safe.
/// </summary>
internal sealed class SlotTimeQueue
{
    /// <summary>The largest slot a pair may carry (a slot's 32 bits never reach the markers' high halves).</summary>
    public const int MaxSlot = int.MaxValue;

    private const uint BaseHigh = uint.MaxValue; // a marker: the next base's high 32 bits
    private const uint BaseLow = uint.MaxValue - 1; // a marker: its low 32 bits, after the high

    private readonly ChunkedQueue<ulong> _entries = new();
    private long _tailBase;
    private long _headBase;
    private bool _based; // whether the tail has a base yet

    /// <summary>Pairs held (the base markers not counted).</summary>
    public int Count { get; private set; }

    /// <summary>Entries held, markers included (for tests).</summary>
    internal int Entries => _entries.Count;

    /// <summary>Chunks held, spares included (for tests).</summary>
    internal int Chunks => _entries.Chunks;

    public void Enqueue(int slot, long ts)
    {
        if ((uint)slot > MaxSlot)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"must be between 0 and {MaxSlot}");
        }

        if (!_based || !TryOffset(ts, _tailBase, out _))
        {
            _tailBase = ts;
            _based = true;
            _entries.Enqueue(((ulong)BaseHigh << 32) | (uint)((ulong)ts >> 32));
            _entries.Enqueue(((ulong)BaseLow << 32) | (uint)ts);
        }

        TryOffset(ts, _tailBase, out var offset);
        _entries.Enqueue(((ulong)(uint)slot << 32) | (uint)offset);
        Count++;
    }

    /// <summary>The oldest pair, left in place; false when the queue is empty.</summary>
    public bool TryPeek(out int slot, out long ts)
    {
        if (Count == 0)
        {
            (slot, ts) = (0, 0);
            return false;
        }

        SettleHead();
        _entries.TryPeek(out var entry);
        (slot, ts) = Read(entry, _headBase);
        return true;
    }

    /// <summary>Removes the oldest pair.</summary>
    /// <exception cref="InvalidOperationException">The queue is empty.</exception>
    public void Dequeue()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("the queue is empty");
        }

        SettleHead();
        _entries.Dequeue();
        Count--;
    }

    /// <summary>
    /// The pairs as they stand, copied (a block copy of the entries, markers and all), to be walked later while the queue
    /// goes on changing: a snapshot copies the journeys' arrivals inside its batch and writes them beside the stage
    /// (decision 0033). With <paramref name="capture"/>, the copy is in an array lent by its pool until it is finished.
    /// </summary>
    public Frozen Freeze(Snapshots.SnapshotCapture? capture = null)
    {
        var length = _entries.Count;
        var entries = Snapshots.SnapshotCapture.RentOrMake<ulong>(capture, length);
        _entries.CopyTo(entries);
        return new Frozen(entries, length, _headBase, Count);
    }

    // Takes up the base markers at the head, so the head is a pair (the queue holds one after them).
    private void SettleHead()
    {
        while (_entries.TryPeek(out var entry) && (uint)(entry >> 32) == BaseHigh)
        {
            _entries.Dequeue();
            var low = _entries.Dequeue();
            _headBase = (long)(((entry & uint.MaxValue) << 32) | (low & uint.MaxValue));
        }
    }

    private static (int Slot, long Ts) Read(ulong entry, long baseTs) => ((int)(entry >> 32), baseTs + (int)(uint)entry);

    // The time as a signed 32-bit offset from the base; false when it is further than that (no overflow either way).
    private static bool TryOffset(long ts, long baseTs, out int offset)
    {
        var distance = ts >= baseTs ? (ulong)ts - (ulong)baseTs : (ulong)baseTs - (ulong)ts;
        var fits = ts >= baseTs ? distance <= int.MaxValue : distance <= 1UL << 31;
        offset = fits ? (int)(ts - baseTs) : 0;
        return fits;
    }

    /// <summary>The pairs of a queue at the moment it was frozen, oldest first.</summary>
    public sealed class Frozen(ulong[] entries, int length, long headBase, int count)
    {
        /// <summary>Pairs held (the base markers not counted).</summary>
        public int Count => count;

        public Enumerator GetEnumerator() => new(entries, length, headBase);

        /// <summary>Walks the pairs from the head, taking up the bases on the way; a struct, so a walk allocates nothing.</summary>
        public struct Enumerator(ulong[] entries, int length, long headBase)
        {
            private int _at = -1;
            private long _base = headBase;

            public (int Slot, long Ts) Current { get; private set; }

            public bool MoveNext()
            {
                while (++_at < length)
                {
                    var entry = entries[_at];
                    if ((uint)(entry >> 32) == BaseHigh)
                    {
                        _base = (long)(((entry & uint.MaxValue) << 32) | (entries[++_at] & uint.MaxValue));
                        continue;
                    }

                    Current = Read(entry, _base);
                    return true;
                }

                return false;
            }
        }
    }
}
