using System.Buffers;
using System.Collections;

namespace CreatorStream.Core.Metrics;

/// <summary>
/// The user hashes an <see cref="AggregateDelta"/> reached: a list whose array is rented from
/// <see cref="ArrayPool{T}.Shared"/>, so a batch's deltas do not allocate their lists anew every batch (they were about
/// a tenth of the bytes replay allocated: docs/design.md, "Per-event cost"). <see cref="Release"/> gives the array back
/// once the store has applied the delta; a list never released is simply collected. One thread at a time.
/// </summary>
public sealed class UserHashList : IEnumerable<ulong>
{
    private ulong[] _items = [];

    public int Count { get; private set; }

    /// <summary>The length of the array held now (0 once released), for tests.</summary>
    internal int Capacity => _items.Length;

    public void Add(ulong hash)
    {
        if (Count == _items.Length)
        {
            Grow();
        }

        _items[Count++] = hash;
    }

    /// <summary>Empties the list, keeping its array (a scratch delta reused for every event).</summary>
    public void Clear() => Count = 0;

    /// <summary>Empties the list and gives its array back to the pool: nothing may read it after (it reads as empty).</summary>
    public void Release()
    {
        var items = _items;
        _items = [];
        Count = 0;
        if (items.Length > 0)
        {
            ArrayPool<ulong>.Shared.Return(items);
        }
    }

    public ReadOnlySpan<ulong> AsSpan() => _items.AsSpan(0, Count);

    /// <summary>For tests and the Redis commit's LINQ; the hot path reads <see cref="AsSpan"/>.</summary>
    public IEnumerator<ulong> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Grow()
    {
        var grown = ArrayPool<ulong>.Shared.Rent(Math.Max(16, _items.Length * 2));
        _items.AsSpan(0, Count).CopyTo(grown);
        if (_items.Length > 0)
        {
            ArrayPool<ulong>.Shared.Return(_items);
        }

        _items = grown;
    }
}
