using System.Runtime.CompilerServices;

namespace CreatorStream.Core.Conversions;

/// <summary>
/// The journeys' records and the index that finds a user's (docs/design.md, "Per-event cost"). Each record has a slot
/// for life in one array (the journeys' arrivals name records by slot); slots of records let go are given out again,
/// last freed first. The users listed now are found through an open-addressing index of 8-byte entries (linear probing
/// from the user's mixed hash, at most three quarters full, no tombstones): the slot plus one in the low half, the
/// mixed hash's high half beside it, so a probe reads a record only when those match, and the record's id decides
/// (two users whose hashes collide stay two). A <see cref="Dictionary{TKey, TValue}"/> kept the 32-byte key a second
/// time beside the record: about 76 bytes a user where the index takes 11 to 21 (3/8 to 3/4 full) and the records'
/// array 8 to 16, with millions of users held for the lookback, most of them seen once (docs/benchmarks.md, session
/// 58). Listed users are walked in slot order. Mutable;
/// not thread-safe.
/// </summary>
internal sealed class JourneyTable
{
    private const int MinIndexSize = 16;
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1;

    private UserTouches?[] _records = new UserTouches?[MinIndexSize];
    private int _slotsMade; // slots ever given out: the records array's length in use
    private readonly Stack<int> _freeSlots = new();
    private ulong[] _index = new ulong[MinIndexSize]; // 0: empty; else (mixed hash's high 32 bits) << 32 | (slot + 1)
    private int _mask = MinIndexSize - 1;

    /// <summary>Users listed.</summary>
    public int Count { get; private set; }

    /// <summary>Records that hold a slot: listed users, records let go that arrivals still name, and spares (for tests).</summary>
    public int RecordSlots => _slotsMade - _freeSlots.Count;

    /// <summary>Slots ever given out, which freed slots keep from growing (for tests).</summary>
    public int SlotsMade => _slotsMade;

    /// <summary>Every slot given out, in order: a record, or null for a freed slot (a snapshot's walk over all records).</summary>
    public ReadOnlySpan<UserTouches?> Records => _records.AsSpan(0, _slotsMade);

    /// <summary>The record in <paramref name="slot"/>.</summary>
    public UserTouches this[int slot] => _records[slot]!;

    /// <summary>Gives <paramref name="record"/> a slot (a freed one if any); it is not listed yet.</summary>
    public UserTouches Slotted(UserTouches record)
    {
        if (!_freeSlots.TryPop(out var slot))
        {
            if (_slotsMade == _records.Length)
            {
                Array.Resize(ref _records, _records.Length * 2);
            }

            slot = _slotsMade++;
        }

        record.Slot = slot;
        _records[slot] = record;
        return record;
    }

    /// <summary>Takes the slot of a record let go (not listed, no arrival naming it), for the next new record.</summary>
    /// <exception cref="InvalidOperationException">The record is listed, or its slot is not its own (freed already).</exception>
    public void Free(UserTouches record)
    {
        Own(record, listed: false);
        _records[record.Slot] = null;
        _freeSlots.Push(record.Slot);
    }

    /// <summary>
    /// Hints the cache at what <see cref="Find"/> of <paramref name="key"/> will read (<see cref="Sketches.CacheLine"/>):
    /// at <paramref name="stage"/> 0 its index slot; at 1 the record reference the slot names; at 2 the record.
    /// </summary>
    public void Prefetch(HashedId key, int stage)
    {
        var mixed = Mix(key);
        var at = (int)mixed & _mask;
        if (stage == 0)
        {
            Sketches.CacheLine.Prefetch(ref _index[at]);
        }
        else if (_index[at] is var entry and not 0 && (entry >> 32) == (mixed >> 32))
        {
            ref var record = ref _records[(int)(uint)entry - 1];
            if (stage == 1)
            {
                Sketches.CacheLine.Prefetch(ref record);
            }
            else if (record is { } held)
            {
                Sketches.CacheLine.Prefetch(ref held.Paths);
            }
        }
    }

    /// <summary>The listed record of <paramref name="key"/>, or null.</summary>
    public UserTouches? Find(HashedId key)
    {
        var mixed = Mix(key);
        for (var at = (int)mixed & _mask; _index[at] is var entry and not 0; at = (at + 1) & _mask)
        {
            if ((entry >> 32) == (mixed >> 32) && _records[(int)(uint)entry - 1] is { } record && record.Key.Equals(key))
            {
                return record;
            }
        }

        return null;
    }

    /// <summary>Lists <paramref name="record"/> (slotted) under its key, which must not be listed.</summary>
    /// <exception cref="ArgumentException">A record of the key is listed already.</exception>
    /// <exception cref="InvalidOperationException">The record is listed, or not slotted here.</exception>
    public void Add(UserTouches record)
    {
        Own(record, listed: false);
        var mixed = Mix(record.Key);
        var at = (int)mixed & _mask;
        for (; _index[at] is var entry and not 0; at = (at + 1) & _mask)
        {
            // A listed record of the key would be in this run: one walk checks for it and finds the empty slot.
            if ((entry >> 32) == (mixed >> 32) && _records[(int)(uint)entry - 1]!.Key.Equals(record.Key))
            {
                throw new ArgumentException($"the user {record.UserId} is listed already", nameof(record));
            }
        }

        _index[at] = (mixed & 0xFFFF_FFFF_0000_0000UL) | (uint)(record.Slot + 1);
        record.Listed = true;
        Count++;
        if (Count * 4 > _index.Length * 3)
        {
            Grow();
        }
    }

    /// <summary>Takes <paramref name="record"/> (listed) off the index; it keeps its slot.</summary>
    /// <exception cref="InvalidOperationException">The record is not listed here.</exception>
    public void Remove(UserTouches record)
    {
        Own(record, listed: true);
        var mixed = Mix(record.Key);
        var at = (int)mixed & _mask;
        while ((uint)_index[at] != (uint)(record.Slot + 1))
        {
            at = (at + 1) & _mask;
        }

        // Linear probing's deletion: later entries of the run move back into the hole, so lookups need no tombstones.
        var hole = at;
        for (var next = (hole + 1) & _mask; _index[next] is var entry and not 0; next = (next + 1) & _mask)
        {
            var home = (int)Mix(_records[(int)(uint)entry - 1]!.Key) & _mask;
            if (((next - home) & _mask) >= ((next - hole) & _mask)) // its home is not cyclically within (hole, next]
            {
                _index[hole] = entry;
                hole = next;
            }
        }

        _index[hole] = 0;
        record.Listed = false;
        Count--;
    }

    /// <summary>The listed records in slot order; the table must not change while this runs.</summary>
    public Enumerator GetEnumerator() => new(this);

    // Checked in every build: a record in another's slot, or listed twice, would mix two users' arrivals without a sign.
    private void Own(UserTouches record, bool listed)
    {
        if ((uint)record.Slot >= (uint)_slotsMade || !ReferenceEquals(_records[record.Slot], record) || record.Listed != listed)
        {
            throw new InvalidOperationException($"the record of user {record.UserId} is {(record.Listed ? "listed" : "not listed")} and {(record.Slot < _slotsMade && ReferenceEquals(_records[record.Slot], record) ? "holds" : "does not hold")} slot {record.Slot} here");
        }
    }

    private void Grow()
    {
        var old = _index;
        _index = new ulong[old.Length * 2];
        _mask = _index.Length - 1;
        foreach (var entry in old)
        {
            if (entry != 0)
            {
                var at = (int)Mix(_records[(int)(uint)entry - 1]!.Key) & _mask;
                while (_index[at] != 0)
                {
                    at = (at + 1) & _mask;
                }

                _index[at] = entry;
            }
        }
    }

    // The user's hash mixed with the process's seed, so ids chosen to collide in the table cannot be planned.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(HashedId key) => Sketches.UserHash.Mix(key.Hash ^ Seed);

    /// <summary>Walks the slots in order, yielding the listed records; a struct, so a walk allocates nothing.</summary>
    public struct Enumerator(JourneyTable table)
    {
        private int _slot = -1;

        public readonly UserTouches Current => table._records[_slot]!;

        public bool MoveNext()
        {
            while (++_slot < table._slotsMade)
            {
                if (table._records[_slot] is { Listed: true })
                {
                    return true;
                }
            }

            return false;
        }
    }
}
