using System.Runtime.CompilerServices;
using CreatorStream.Core.Sketches;

namespace CreatorStream.Core.Outcomes;

/// <summary>
/// The funnel's users and each one's entries (<see cref="FunnelTracker"/>), flat: a row per user in the order users
/// came, found through an open-addressing index of row numbers (linear probing from a Fibonacci hash of the user's key,
/// a power of two of slots, at most three quarters full). A row holds its first three entries inline and the rest in an
/// array of its own, so most users cost 32 bytes and a few of index, and no object (docs/design.md, "Per-event cost").
/// Users are never removed: rows are numbered for good, and read in the order they came. Mutable; not thread-safe.
/// </summary>
internal sealed class FunnelUsers
{
    private const int InlineEntries = 3;

    private Row[] _rows = new Row[16];
    private int[] _index = new int[32]; // a row's number + 1 at its key's slot; 0 is empty

    public int Count { get; private set; }

    /// <summary>Hints the cache at what <see cref="RowOf"/> will read: at <paramref name="stage"/> 0 the key's index slot, at 1 the row it names.</summary>
    public void Prefetch(ulong key, int stage)
    {
        var at = FibonacciSlot.Of(key, _index.Length);
        if (stage == 0)
        {
            CacheLine.Prefetch(ref _index[at]);
        }
        else if (_index[at] is var row and not 0)
        {
            CacheLine.Prefetch(ref _rows[row - 1]);
        }
    }

    /// <summary>The row of the user with <paramref name="key"/>, added with no entries if it has none.</summary>
    public int RowOf(ulong key)
    {
        var mask = _index.Length - 1;
        var at = FibonacciSlot.Of(key, _index.Length);
        for (; _index[at] != 0; at = (at + 1) & mask)
        {
            if (_rows[_index[at] - 1].Key == key)
            {
                return _index[at] - 1;
            }
        }

        if ((Count + 1) * 4 > _index.Length * 3)
        {
            GrowIndex();
            return RowOf(key);
        }

        if (Count == _rows.Length)
        {
            Array.Resize(ref _rows, _rows.Length * 2);
        }

        _rows[Count].Key = key;
        _index[at] = ++Count;
        return Count - 1;
    }

    /// <summary>
    /// A copy of the users as they stand, for a snapshot written later while these change (decision 0033): the rows and
    /// index as block copies, and the arrays of the few rows past their inline entries each copied.
    /// </summary>
    public FunnelUsers Copy()
    {
        var rows = new Row[Math.Max(Count, 16)];
        Array.Copy(_rows, rows, Count);
        for (var row = 0; row < Count; row++)
        {
            if (rows[row].More is { } more)
            {
                rows[row].More = (uint[])more.Clone();
            }
        }

        return new FunnelUsers { _rows = rows, _index = (int[])_index.Clone(), Count = Count };
    }

    /// <summary>The user's key of <paramref name="row"/>.</summary>
    public ulong Key(int row) => _rows[row].Key;

    /// <summary>How many entries <paramref name="row"/> holds.</summary>
    public int Entries(int row) => _rows[row].Count;

    /// <summary>The row's entry <paramref name="i"/>, in the order they were added.</summary>
    public uint Entry(int row, int i)
    {
        ref var r = ref _rows[row];
        return i < InlineEntries ? r.First[i] : r.More![i - InlineEntries];
    }

    public void SetEntry(int row, int i, uint entry)
    {
        ref var r = ref _rows[row];
        if (i < InlineEntries)
        {
            r.First[i] = entry;
        }
        else
        {
            r.More![i - InlineEntries] = entry;
        }
    }

    /// <summary>Adds an entry after the row's others; returns its place.</summary>
    public int AddEntry(int row, uint entry)
    {
        ref var r = ref _rows[row];
        var i = r.Count++;
        if (i >= InlineEntries)
        {
            var more = i - InlineEntries;
            if (r.More is null || more == r.More.Length)
            {
                Array.Resize(ref r.More, Math.Max(2, (r.More?.Length ?? 0) * 2));
            }
        }

        SetEntry(row, i, entry);
        return i;
    }

    private void GrowIndex()
    {
        var index = new int[_index.Length * 2];
        var mask = index.Length - 1;
        for (var row = 0; row < Count; row++)
        {
            var at = FibonacciSlot.Of(_rows[row].Key, index.Length);
            while (index[at] != 0)
            {
                at = (at + 1) & mask;
            }

            index[at] = row + 1;
        }

        _index = index;
    }

    [InlineArray(InlineEntries)]
    private struct Inline
    {
        private uint _entry;
    }

    private struct Row
    {
        public ulong Key;
        public Inline First;
        public int Count;
        public uint[]? More;
    }
}
