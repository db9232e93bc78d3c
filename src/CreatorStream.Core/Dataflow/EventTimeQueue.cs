using CreatorStream.Core.Events;
using CreatorStream.Core.Windows;

namespace CreatorStream.Core.Dataflow;

/// <summary>
/// Items waiting for event time, taken out in (ts, event id) order: the order in which a brand judges its events whatever
/// partition they came on (docs/design.md, "Event time"). Ties of ts are broken by the event id, ordinally
/// (<see cref="EventIdKey"/> orders as the ids do, with no string to compare for a packed id or a UUID).
/// <para>Items wait in buckets of <see cref="BucketMs"/> of event time, appended as they come; a bucket is sorted once,
/// when it becomes the oldest and is first read, and its items then leave in turn. Items that come for a bucket already
/// sorted (the one being read: a partition a little behind the others, or a late event) wait beside it until its next
/// read: a few are then put into their places one by one, more are sorted and merged in, so a batch of them costs one
/// merge, not a shift of the bucket for each. So an item costs an append and its share of a sort, where a binary heap
/// of every waiting item cost two sift passes of log n comparisons each (docs/benchmarks.md, session 22). The buckets
/// are narrow (a second) so that the bucket being read is, almost always, complete: events arrive seconds ahead of the
/// watermark that releases them.</para>
/// <para>Entries are small and hold no reference: the ts and the id key's 128 bits (the item waits in a slot beside them,
/// with an id the key keeps as its string), so a sort moves 32 bytes an item, not the item, and no write barrier. The
/// bits order exactly as the ids do between two ids of one shape (both packed, or both UUIDs: <see cref="EventIdKey"/>),
/// the common tie; a tie of ts between shapes, or with a kept id, is put in order by the ids themselves. Mutable; not
/// thread-safe.</para>
/// </summary>
internal sealed class EventTimeQueue<T>
{
    // Up to this many items that came for a sorted bucket are put into their places one by one; more are merged.
    private const int FewArrivals = 16;

    private readonly List<Bucket> _buckets = []; // oldest first; never an empty one
    private readonly Stack<Bucket> _spareBuckets = [];
    private readonly Stack<int> _freeSlots = [];
    private List<Entry> _mergeSpace = []; // an empty list for the next merge to fill (the merged bucket's former one)
    private T[] _items = new T[64];
    private string?[] _keptIds = new string?[64]; // by slot: the id of an item whose key keeps it as its string, else null
    private int _slots;

    /// <param name="bucketMs">The span of event time one bucket holds; positive.</param>
    public EventTimeQueue(long bucketMs = 1_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketMs, 1);
        BucketMs = bucketMs;
    }

    /// <summary>The span of event time one bucket holds.</summary>
    public long BucketMs { get; }

    public int Count { get; private set; }

    /// <summary>
    /// Every waiting item, in no particular order (for snapshots), copied into the first <see cref="Count"/> places of
    /// <paramref name="items"/> (a snapshot's pooled array, <see cref="Snapshots.SnapshotCapture.Rent{T}"/>); returns
    /// <see cref="Count"/>. Bucket by bucket, each bucket's entries from its head and then its arrivals: a loop over the
    /// entries' spans, not an enumerator, since a snapshot copies a million of them inside its batch.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="items"/> is shorter than <see cref="Count"/>.</exception>
    public int UnorderedCopyTo(T[] items)
    {
        if (items.Length < Count)
        {
            throw new ArgumentException($"holds {items.Length} items where the queue has {Count}", nameof(items));
        }

        var at = 0;
        foreach (var bucket in _buckets)
        {
            foreach (ref readonly var entry in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bucket.Entries)[bucket.Head..])
            {
                items[at++] = _items[entry.Slot];
            }

            foreach (ref readonly var arrival in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bucket.Arrivals))
            {
                items[at++] = _items[arrival.Slot];
            }
        }

        return at;
    }

    public void Enqueue(T item, long ts, EventIdKey eventId)
    {
        var slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _slots++;
        if (slot >= _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
            Array.Resize(ref _keptIds, _items.Length);
        }

        _items[slot] = item;
        Entry entry;
        if (eventId.TryGetBits(out var bits, out var isUuid))
        {
            entry = new Entry(ts, bits.High, bits.Low, slot, isUuid ? Entry.Uuid : Entry.Packed);
        }
        else
        {
            entry = new Entry(ts, 0, 0, slot, Entry.Kept);
            _keptIds[slot] = eventId.ToString();
        }

        var bucket = BucketFor(EventTime.Floor(ts, BucketMs));
        (bucket.Sorted ? bucket.Arrivals : bucket.Entries).Add(entry);

        Count++;
    }

    /// <summary>The first item and its ts, if any waits.</summary>
    public bool TryPeek(out T item, out long ts)
    {
        if (_buckets.Count == 0)
        {
            (item, ts) = (default!, 0);
            return false;
        }

        var first = Oldest().Entries[_buckets[0].Head];
        (item, ts) = (_items[first.Slot], first.Ts);
        return true;
    }

    /// <summary>
    /// The item <paramref name="ahead"/> places after the first, when the oldest bucket, read already, holds it: a hint of
    /// what comes next, for prefetching (<see cref="Sketches.CacheLine"/>), which never sorts or merges to know. Items that
    /// came for that bucket since its sort wait beside it and may come first.
    /// </summary>
    public bool TryPeekAhead(int ahead, out T item)
    {
        if (_buckets.Count > 0 && _buckets[0] is { Sorted: true } bucket && bucket.Head + ahead < bucket.Entries.Count)
        {
            item = _items[bucket.Entries[bucket.Head + ahead].Slot];
            return true;
        }

        item = default!;
        return false;
    }

    public T Dequeue()
    {
        if (_buckets.Count == 0)
        {
            throw new InvalidOperationException("the queue is empty");
        }

        var bucket = Oldest();
        var slot = bucket.Entries[bucket.Head].Slot;
        bucket.Head++;
        if (bucket.Head == bucket.Entries.Count)
        {
            _buckets.RemoveAt(0);
            bucket.Reset();
            _spareBuckets.Push(bucket);
        }

        var item = _items[slot];
        _items[slot] = default!; // the event is released: do not keep it alive
        _keptIds[slot] = null;
        _freeSlots.Push(slot);
        Count--;
        return item;
    }

    /// <summary>The oldest bucket, sorted, with every item that came for it.</summary>
    private Bucket Oldest()
    {
        var bucket = _buckets[0];
        if (!bucket.Sorted)
        {
            Sort(bucket.Entries);
            bucket.Sorted = true;
        }

        if (bucket.Arrivals.Count is > 0 and <= FewArrivals)
        {
            bucket.InsertArrivals(new Order(_keptIds)); // a few: each into its place, a shift of memory each, cheaper than comparing every entry
        }
        else if (bucket.Arrivals.Count > FewArrivals)
        {
            Sort(bucket.Arrivals);
            _mergeSpace = bucket.MergeArrivals(_mergeSpace, new Order(_keptIds));
        }

        return bucket;
    }

    /// <summary>The bucket that starts at <paramref name="start"/>, made if none does (most items go to the newest, so the search runs from the end).</summary>
    private Bucket BucketFor(long start)
    {
        var at = _buckets.Count;
        while (at > 0 && _buckets[at - 1].Start > start)
        {
            at--;
        }

        if (at > 0 && _buckets[at - 1].Start == start)
        {
            return _buckets[at - 1];
        }

        var bucket = _spareBuckets.Count > 0 ? _spareBuckets.Pop() : new Bucket();
        bucket.Start = start;
        _buckets.Insert(at, bucket);
        return bucket;
    }

    /// <summary>
    /// Sorts <paramref name="entries"/> into (ts, id) order: by ts and the ids' bits (<see cref="Entry.CompareTo"/>), which
    /// is the order wherever a tie of ts is between ids of one shape; then each tie of ts between shapes, or with a kept
    /// id (rare: it takes two of the brand's ids at one millisecond), is put in order by the ids themselves.
    /// </summary>
    private void Sort(List<Entry> entries)
    {
        entries.Sort();
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(entries);
        for (var start = 0; start < span.Length;)
        {
            var (end, exact) = (start + 1, span[start].Kind != Entry.Kept);
            for (; end < span.Length && span[end].Ts == span[start].Ts; end++)
            {
                exact &= span[end].Kind == span[start].Kind;
            }

            if (!exact)
            {
                span[start..end].Sort(new Order(_keptIds)); // n log n however long the run: its kept ids came out of the first sort unordered
            }

            start = end;
        }
    }

    /// <summary>
    /// An item's place: its ts, then its id as its key's bits and shape (<see cref="Packed"/>, <see cref="Uuid"/>, or
    /// <see cref="Kept"/>, whose id waits in the queue's kept ids by slot). Its own order (ts, then bits) is the exact
    /// order only between ids of one shape; <see cref="Order"/> is exact for any two.
    /// </summary>
    private readonly record struct Entry(long Ts, ulong High, ulong Low, int Slot, byte Kind) : IComparable<Entry>
    {
        public const byte Packed = 0;
        public const byte Uuid = 1;
        public const byte Kept = 2;

        public int CompareTo(Entry other) =>
            Ts != other.Ts ? Ts.CompareTo(other.Ts) : High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);
    }

    /// <summary>The exact (ts, ordinal id) order of two entries, reading a kept id by its slot; no string made for any.</summary>
    private readonly struct Order(string?[] keptIds) : IComparer<Entry>
    {
        public int Compare(Entry x, Entry y)
        {
            if (x.Ts != y.Ts || (x.Kind == y.Kind && x.Kind != Entry.Kept))
            {
                return x.CompareTo(y);
            }

            // Ordinal order is the order of the ids' UTF-16 code units: a packed id or a UUID is ASCII, widened on the stack.
            Span<char> xChars = stackalloc char[UuidChars];
            Span<char> yChars = stackalloc char[UuidChars];
            return Chars(x, xChars).SequenceCompareTo(Chars(y, yChars));
        }

        private ReadOnlySpan<char> Chars(Entry entry, Span<char> space)
        {
            if (entry.Kind == Entry.Kept)
            {
                return keptIds[entry.Slot];
            }

            Span<byte> ascii = stackalloc byte[UuidChars];
            var length = EventIdKey.FromBits(entry.High, entry.Low, entry.Kind == Entry.Uuid).WriteUtf8(ascii);
            for (var i = 0; i < length; i++)
            {
                space[i] = (char)ascii[i];
            }

            return space[..length];
        }
    }

    // The longest id a packed key or a UUID spells.
    private const int UuidChars = 36;

    private sealed class Bucket
    {
        public long Start { get; set; }

        /// <summary>The bucket's entries; once <see cref="Sorted"/>, in order from <see cref="Head"/> (those before it have left).</summary>
        public List<Entry> Entries { get; private set; } = [];

        /// <summary>Entries that came after the bucket was sorted, in no order, to be merged into it at its next read.</summary>
        public List<Entry> Arrivals { get; } = [];

        public bool Sorted { get; set; }

        public int Head { get; set; }

        /// <summary>
        /// Merges the sorted <see cref="Arrivals"/> with the entries still to leave into <paramref name="space"/> (empty),
        /// which becomes the bucket's entries; returns the bucket's former list, emptied, for the next merge.
        /// </summary>
        public List<Entry> MergeArrivals(List<Entry> space, Order order)
        {
            int i = Head, j = 0;
            while (i < Entries.Count || j < Arrivals.Count)
            {
                space.Add(j == Arrivals.Count || (i < Entries.Count && order.Compare(Entries[i], Arrivals[j]) <= 0) ? Entries[i++] : Arrivals[j++]);
            }

            var former = Entries;
            former.Clear();
            Entries = space;
            Arrivals.Clear();
            Head = 0;
            return former;
        }

        /// <summary>Puts each of the <see cref="Arrivals"/> into its place among the entries still to leave.</summary>
        public void InsertArrivals(Order order)
        {
            foreach (var arrival in Arrivals)
            {
                var found = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Entries)[Head..].BinarySearch(arrival, order);
                Entries.Insert(Head + (found < 0 ? ~found : found), arrival); // found only beside an equal (ts, id): either side keeps the order
            }

            Arrivals.Clear();
        }

        public void Reset()
        {
            Entries.Clear();
            Arrivals.Clear();
            Sorted = false;
            Head = 0;
        }
    }
}
