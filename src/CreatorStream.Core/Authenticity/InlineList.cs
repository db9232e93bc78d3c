namespace CreatorStream.Core.Authenticity;

/// <summary>
/// A small list held inside its owner (a field, never copied): an array and a count, without the 32-byte
/// <see cref="List{T}"/> object each of a user's lists cost. The classifier keeps three lists for each of up to a million
/// engaging users (docs/design.md, "Per-event cost"). It grows as <c>new List&lt;T&gt;(1)</c> does (1, 2, 4, …), so
/// what it holds and in which order is what the list held. Use it through the field (a copy would not see later adds).
/// Mutable; not thread-safe.
/// </summary>
internal struct InlineList<T>
{
    private T[]? _items;

    public int Count { get; private set; }

    /// <summary>Whether an array is held: from the first <see cref="Add"/> (or <see cref="Hold"/>) to <see cref="Reset"/>, even when emptied by <see cref="RemoveAt"/>.</summary>
    public readonly bool Held => _items is not null;

    public readonly ReadOnlySpan<T> AsSpan() => _items.AsSpan(0, Count);

    public void Add(T item)
    {
        if (_items is null || Count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(1, (_items?.Length ?? 0) * 2));
        }

        _items[Count++] = item;
    }

    public void RemoveAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        Count--;
        Array.Copy(_items!, index + 1, _items!, index, Count - index);
        _items![Count] = default!;
    }

    /// <summary>
    /// Drops the items whose time is before <paramref name="before"/>, keeping the order of the rest; returns how many
    /// went. In place, and with a static <paramref name="tsOf"/> no closure: this runs for a user on every event of theirs.
    /// </summary>
    public int RemoveBefore(long before, Func<T, long> tsOf)
    {
        var kept = 0;
        for (var i = 0; i < Count; i++)
        {
            if (tsOf(_items![i]) >= before)
            {
                _items[kept++] = _items[i];
            }
        }

        var removed = Count - kept;
        if (removed > 0)
        {
            Array.Clear(_items!, kept, removed);
            Count = kept;
        }

        return removed;
    }

    /// <summary>Holds an array, empty if none was held (a snapshot's list that was held and empty reads back as one).</summary>
    public void Hold() => _items ??= new T[1];

    /// <summary>Empties the list and lets its array go.</summary>
    public void Reset()
    {
        _items = null;
        Count = 0;
    }
}
