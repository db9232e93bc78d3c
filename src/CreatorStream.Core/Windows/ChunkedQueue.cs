using System.Runtime.CompilerServices;

namespace CreatorStream.Core.Windows;

/// <summary>
/// A first-in first-out queue held in fixed chunks of <see cref="ChunkLength"/> items, for the eviction orders that hold
/// an entry per event for hours (a journey's touches, the classifier's impressions). A <see cref="Queue{T}"/> keeps one
/// array that doubles: at a million users its arrivals array was 134 MB for 71 MB of entries, each doubling a copy of
/// the whole on the large object heap, and it never shrank after a peak. Here the queue holds its entries in at most
/// Count / <see cref="ChunkLength"/> × 9/8 + 3 chunks (a part-used head, a part-used tail and the spares): each chunk is
/// under the large object heap's threshold, and chunks emptied at the head are kept as spares for the tail, up to an
/// eighth of the chunks in use (at least one), the others left to the collector (docs/design.md, "Per-event cost").
/// Eviction comes in bursts (a sweep a minute) while arrivals are steady: with one spare, every burst's chunks went to
/// the collector and the arrivals after it made new ones, a tenth of what the pipeline allocated in steady state
/// (docs/benchmarks.md, session 54). A dequeued slot is
/// cleared when <typeparamref name="T"/> holds references, so the queue keeps nothing alive it no longer lists.
/// Mutable; not thread-safe.
/// </summary>
internal sealed class ChunkedQueue<T>
{
    /// <summary>Items a chunk holds: 16 KiB of 16-byte entries (8 KiB of the journeys' 8-byte ones), far under the large object heap's 85,000 bytes.</summary>
    public const int ChunkLength = 1_024;

    private Chunk _head = new();
    private Chunk _tail;
    private Chunk? _spares; // a stack through Next
    private int _spareCount;
    private int _headIndex; // the head's first item
    private int _tailIndex; // where the tail's next item goes

    public ChunkedQueue() => _tail = _head;

    public int Count { get; private set; }

    /// <summary>Chunks held now, the spares included: at most Count / <see cref="ChunkLength"/> × 9/8 + 3 (for tests).</summary>
    internal int Chunks
    {
        get
        {
            var chunks = _spareCount;
            for (var chunk = _head; chunk is not null; chunk = chunk.Next)
            {
                chunks++;
            }

            return chunks;
        }
    }

    public void Enqueue(T item)
    {
        if (_tailIndex == ChunkLength)
        {
            var next = TakeSpare() ?? new Chunk();
            _tail.Next = next;
            _tail = next;
            _tailIndex = 0;
        }

        _tail.Items[_tailIndex++] = item;
        Count++;
    }

    public bool TryPeek(out T item)
    {
        if (Count == 0)
        {
            item = default!;
            return false;
        }

        item = _head.Items[_headIndex];
        return true;
    }

    /// <summary>The oldest item, removed.</summary>
    /// <exception cref="InvalidOperationException">The queue is empty.</exception>
    public T Dequeue()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("the queue is empty");
        }

        var item = _head.Items[_headIndex];
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            _head.Items[_headIndex] = default!;
        }

        _headIndex++;
        Count--;
        if (Count == 0)
        {
            _headIndex = _tailIndex = 0; // empty, so the head is the tail: start again at its first slot
        }
        else if (_headIndex == ChunkLength)
        {
            var emptied = _head;
            _head = emptied.Next!;
            _headIndex = 0;
            Keep(emptied);
        }

        return item;
    }

    // An emptied chunk becomes a spare, the spares first cut to the bound less one (the bound falls as the queue drains).
    private void Keep(Chunk emptied)
    {
        var most = Math.Max(1, Count / ChunkLength / 8);
        while (_spareCount >= most)
        {
            TakeSpare(); // left to the collector
        }

        (emptied.Next, _spares) = (_spares, emptied);
        _spareCount++;
    }

    // The spare on top, unlinked; null when none is kept.
    private Chunk? TakeSpare()
    {
        if (_spares is not { } spare)
        {
            return null;
        }

        (_spares, spare.Next) = (spare.Next, null);
        _spareCount--;
        return spare;
    }

    /// <summary>The items oldest first, without removing them; the queue must not change while this runs.</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <summary>
    /// Copies the items, oldest first, into the start of <paramref name="destination"/>: a block copy a chunk, not an
    /// item at a time (a snapshot's copy of millions of entries, made while its batch waits).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Count"/>.</exception>
    public void CopyTo(Span<T> destination)
    {
        if (destination.Length < Count)
        {
            throw new ArgumentException($"holds {destination.Length} items where the queue has {Count}", nameof(destination));
        }

        var (chunk, index, at) = (_head, _headIndex, 0);
        while (at < Count)
        {
            var take = Math.Min(Count - at, ChunkLength - index);
            chunk.Items.AsSpan(index, take).CopyTo(destination[at..]);
            at += take;
            if (at < Count)
            {
                (chunk, index) = (chunk.Next!, 0);
            }
        }
    }

    /// <summary>Walks the chunks from the head; a struct, so a snapshot's walk allocates nothing.</summary>
    public struct Enumerator(ChunkedQueue<T> queue)
    {
        private Chunk? _chunk = queue._head;
        private int _index = queue._headIndex - 1;
        private int _left = queue.Count;

        public readonly T Current => _chunk!.Items[_index];

        public bool MoveNext()
        {
            if (_left == 0)
            {
                return false;
            }

            _left--;
            if (++_index == ChunkLength)
            {
                _chunk = _chunk!.Next;
                _index = 0;
            }

            return true;
        }
    }

    private sealed class Chunk
    {
        public readonly T[] Items = new T[ChunkLength];

        public Chunk? Next;
    }
}
