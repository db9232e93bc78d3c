using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace CreatorStream.Core.Authenticity;

/// <summary>
/// A small list held inside its owner (a field, never copied), without the 32-byte <see cref="List{T}"/> object each
/// of a user's lists cost. The classifier keeps three lists for each of up to a million engaging users (docs/design.md,
/// "Per-event cost"), and most hold one item: that one sits inline, and an array (room for two, then doubling) comes
/// with the second, holding every item from then on, so what it holds and in which order is what the list held. Use it
/// through the field (a copy would not see later adds), and do not hold a span of it across a change. Mutable; not
/// thread-safe.
/// </summary>
internal struct InlineList<T>
{
    // The items: the one inline while _items is null (Count is 0 or 1), else all of them in _items.
    private T _one;
    private T[]? _items;
    private bool _held;

    public int Count { readonly get; private set; }

    /// <summary>Whether the list is held: from the first <see cref="Add(T)"/> (or <see cref="Hold"/>) to <see cref="Reset"/>, even when emptied by removals.</summary>
    public readonly bool Held => _held;

    /// <summary>The items in order; valid until the next change.</summary>
    [UnscopedRef]
    public ReadOnlySpan<T> AsSpan() => Items;

    [UnscopedRef]
    private Span<T> Items => _items is { } items ? items.AsSpan(0, Count) : MemoryMarshal.CreateSpan(ref _one, Count);

    public void Add(T item) => Add(item, shelf: null);

    /// <summary>
    /// As <see cref="Add(T)"/>, with its arrays rented from <paramref name="shelf"/> and the one it outgrows given back
    /// there (null: made new, and left to the collector). A list that uses a shelf must not be copied while it grows:
    /// the copy would keep an array lent again.
    /// </summary>
    public void Add(T item, Windows.ArrayShelf<T>? shelf)
    {
        _held = true;
        if (_items is null && Count == 0)
        {
            _one = item;
            Count = 1;
            return;
        }

        if (_items is null)
        {
            _items = shelf?.Rent(2) ?? new T[2];
            _items[0] = _one;
            _one = default!;
        }
        else if (Count == _items.Length)
        {
            var length = Math.Max(2, _items.Length * 2);
            var grown = shelf?.Rent(length) ?? new T[length];
            Array.Copy(_items, grown, Count);
            shelf?.Return(_items, Count);
            _items = grown;
        }

        _items[Count++] = item;
    }

    /// <summary>Replaces the item at <paramref name="index"/>.</summary>
    public void Set(int index, T item)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        Items[index] = item;
    }

    public void RemoveAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        var items = Items;
        items[(index + 1)..].CopyTo(items[index..]);
        items[^1] = default!;
        Count--;
    }

    /// <summary>
    /// Drops the items whose time is before <paramref name="before"/>, keeping the order of the rest; returns how many
    /// went. In place, and with a static <paramref name="tsOf"/> no closure: this runs for a user on every event of theirs.
    /// </summary>
    public int RemoveBefore(long before, Func<T, long> tsOf)
    {
        var items = Items;
        var kept = 0;
        for (var i = 0; i < items.Length; i++)
        {
            if (tsOf(items[i]) >= before)
            {
                items[kept++] = items[i];
            }
        }

        var removed = items.Length - kept;
        if (removed > 0)
        {
            items[kept..].Clear();
            Count = kept;
        }

        return removed;
    }

    /// <summary>Holds the list, empty if nothing was held (a snapshot's list that was held and empty reads back as one).</summary>
    public void Hold() => _held = true;

    /// <summary>Empties the list and gives its array, if it has one, back to <paramref name="shelf"/>.</summary>
    public void Release(Windows.ArrayShelf<T> shelf)
    {
        if (_items is { } items)
        {
            shelf.Return(items, Count);
        }

        Reset();
    }

    /// <summary>Empties the list and lets its items go.</summary>
    public void Reset()
    {
        _one = default!;
        _items = null;
        _held = false;
        Count = 0;
    }
}
