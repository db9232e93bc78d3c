using System.Runtime.CompilerServices;

namespace CreatorStream.Core.Sketches;

/// <summary>
/// A table of 64-bit keys to small struct values, flat: each key beside its value in one array of slots, open
/// addressing with linear probing from the key's Fibonacci slot (<see cref="FibonacciSlot"/>), a power of two of slots
/// at most three quarters full, and removal by shifting the entries after a removed one back (no tombstones). A slot
/// with key 0 is empty, so the key 0 is held apart. Against a <see cref="Dictionary{TKey, TValue}"/>: a lookup reads
/// one line instead of a bucket and then an entry, and a caller can hint that line ahead (<see cref="Prefetch"/>;
/// docs/design.md, "Per-event cost"). Enumerated in slot order, which depends on the table's history: a caller that
/// writes the table out sorts a copy (<see cref="SortedByKey"/>). Mutable; not thread-safe.
/// </summary>
internal sealed class FlatTable<TValue>
    where TValue : struct
{
    private const int MinSlots = 16;

    private Slot[] _slots = new Slot[MinSlots];
    private int _used; // occupied slots (the key 0 is not in a slot)
    private bool _holdsZero;
    private TValue _zeroValue;

    public int Count => _used + (_holdsZero ? 1 : 0);

    /// <summary>Hints the cache at the slot where a lookup of <paramref name="key"/> starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(ulong key) => CacheLine.Prefetch(ref _slots[FibonacciSlot.Of(key, _slots.Length)]);

    /// <summary>A reference to the value of <paramref name="key"/>, or a null reference (<see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>) if it is absent. Valid until the table next changes.</summary>
    public ref TValue Find(ulong key)
    {
        if (key == 0)
        {
            return ref _holdsZero ? ref _zeroValue : ref Unsafe.NullRef<TValue>();
        }

        return ref Probe(key, out var at) ? ref _slots[at].Value : ref Unsafe.NullRef<TValue>();
    }

    public bool ContainsKey(ulong key) => !Unsafe.IsNullRef(ref Find(key));

    public TValue GetValueOrDefault(ulong key)
    {
        ref var value = ref Find(key);
        return Unsafe.IsNullRef(ref value) ? default : value;
    }

    /// <summary>A reference to the value of <paramref name="key"/>, added as <c>default</c> if absent (<paramref name="existed"/> false). Valid until the table next changes.</summary>
    public ref TValue GetOrAdd(ulong key, out bool existed)
    {
        if (key == 0)
        {
            existed = _holdsZero;
            if (!_holdsZero)
            {
                (_holdsZero, _zeroValue) = (true, default);
            }

            return ref _zeroValue;
        }

        if (Probe(key, out var at))
        {
            existed = true;
            return ref _slots[at].Value;
        }

        existed = false;
        if ((_used + 1) * 4 > _slots.Length * 3)
        {
            Resize(_slots.Length * 2);
            return ref GetOrAdd(key, out existed);
        }

        _slots[at] = new Slot { Key = key };
        _used++;
        return ref _slots[at].Value;
    }

    /// <summary>Adds or replaces the value of <paramref name="key"/>.</summary>
    public void Set(ulong key, TValue value) => GetOrAdd(key, out _) = value;

    /// <summary>Adds <paramref name="key"/>, which must be absent, as <see cref="Dictionary{TKey, TValue}.Add"/> does.</summary>
    public void Add(ulong key, TValue value)
    {
        ref var held = ref GetOrAdd(key, out var existed);
        held = existed ? throw new ArgumentException($"the key {key} is held already", nameof(key)) : value;
    }

    public bool Remove(ulong key)
    {
        if (key == 0)
        {
            var held = _holdsZero;
            (_holdsZero, _zeroValue) = (false, default);
            return held;
        }

        if (!Probe(key, out var at))
        {
            return false;
        }

        RemoveAt(at);
        return true;
    }

    /// <summary>
    /// Removes every entry <paramref name="remove"/> says to (a pure test of the entry: it may be asked twice about one
    /// entry, when a removal shifts an entry already seen back past the array's end).
    /// </summary>
    public void RemoveAll<TState>(TState state, Func<ulong, TValue, TState, bool> remove)
    {
        if (_holdsZero && remove(0, _zeroValue, state))
        {
            (_holdsZero, _zeroValue) = (false, default);
        }

        var slots = _slots;
        for (var at = 0; at < slots.Length;)
        {
            // A removal shifts a later entry of the run into this slot: it is looked at before moving on.
            if (slots[at].Key != 0 && remove(slots[at].Key, slots[at].Value, state))
            {
                RemoveAt(at);
            }
            else
            {
                at++;
            }
        }
    }

    /// <summary>The entries in slot order (the key 0 first, if held): valid while the table does not change.</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <summary>
    /// <paramref name="entries"/> (a copy of a table's) sorted by key, in place: an order that depends on what the table
    /// held, not on its history, for writing it out.
    /// </summary>
    public static ReadOnlySpan<KeyValuePair<ulong, TValue>> SortedByKey(ArraySegment<KeyValuePair<ulong, TValue>> entries)
    {
        var span = entries.AsSpan();
        span.Sort(static (a, b) => a.Key.CompareTo(b.Key));
        return span;
    }

    // Where a key other than 0 is: true and its slot, or false and the empty slot that ends its run (where it would go).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Probe(ulong key, out int at)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (at = FibonacciSlot.Of(key, slots.Length); slots[at].Key != 0; at = (at + 1) & mask)
        {
            if (slots[at].Key == key)
            {
                return true;
            }
        }

        return false;
    }

    // Backward-shift deletion: each later entry of the run moves into the hole unless its own start lies cyclically in
    // (hole, entry], where it would no longer be found.
    private void RemoveAt(int hole)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var at = (hole + 1) & mask; slots[at].Key != 0; at = (at + 1) & mask)
        {
            var home = FibonacciSlot.Of(slots[at].Key, slots.Length);
            if (((at - home) & mask) >= ((at - hole) & mask))
            {
                slots[hole] = slots[at];
                hole = at;
            }
        }

        slots[hole] = default;
        _used--;
    }

    private void Resize(int length)
    {
        var old = _slots;
        var slots = new Slot[length];
        var mask = length - 1;
        foreach (ref readonly var slot in old.AsSpan())
        {
            if (slot.Key != 0)
            {
                var at = FibonacciSlot.Of(slot.Key, length);
                while (slots[at].Key != 0)
                {
                    at = (at + 1) & mask;
                }

                slots[at] = slot;
            }
        }

        _slots = slots;
    }

    private struct Slot
    {
        public ulong Key;
        public TValue Value;
    }

    public struct Enumerator(FlatTable<TValue> table) : IEnumerator<KeyValuePair<ulong, TValue>>
    {
        private int _at = table._holdsZero ? -2 : -1;

        public readonly KeyValuePair<ulong, TValue> Current => _at == -1
            ? new(0, table._zeroValue)
            : new(table._slots[_at].Key, table._slots[_at].Value);

        public bool MoveNext()
        {
            if (_at == -2)
            {
                _at = -1;
                return true;
            }

            var slots = table._slots;
            while (++_at < slots.Length)
            {
                if (slots[_at].Key != 0)
                {
                    return true;
                }
            }

            return false;
        }

        readonly object System.Collections.IEnumerator.Current => Current;

        public void Reset() => _at = table._holdsZero ? -2 : -1;

        public readonly void Dispose()
        {
        }
    }
}
