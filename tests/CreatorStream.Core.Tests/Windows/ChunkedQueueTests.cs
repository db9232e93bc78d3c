using CreatorStream.Core.Windows;

namespace CreatorStream.Core.Tests.Windows;

/// <summary>
/// The chunked eviction queue (docs/design.md, "Per-event cost") against <see cref="Queue{T}"/>, the oracle it replaced:
/// the same random runs of adds and removals, crossing chunk boundaries, emptying and refilling, compared item by item.
/// </summary>
public sealed class ChunkedQueueTests
{
    private const int Chunk = ChunkedQueue<int>.ChunkLength;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomRuns_HoldAndReturnExactlyWhatAQueueDoes(int seed)
    {
        var (queue, oracle) = (new ChunkedQueue<(long Ts, string Id)>(), new Queue<(long Ts, string Id)>());
        var random = new Random(seed);
        var next = 0L;
        for (var step = 0; step < 2_000; step++)
        {
            // Runs long enough to cross several chunks both ways, and to empty the queue now and then.
            var run = random.Next(4 * Chunk);
            if (random.Next(2) == 0)
            {
                for (var i = 0; i < run; i++, next++)
                {
                    queue.Enqueue((next, $"e{next}"));
                    oracle.Enqueue((next, $"e{next}"));
                }
            }
            else
            {
                for (var i = 0; i < run && oracle.Count > 0; i++)
                {
                    Assert.True(queue.TryPeek(out var peeked));
                    Assert.Equal(oracle.Peek(), peeked);
                    Assert.Equal(oracle.Dequeue(), queue.Dequeue());
                }
            }

            Assert.Equal(oracle.Count, queue.Count);
            Assert.Equal(oracle.TryPeek(out var first), queue.TryPeek(out var mine));
            Assert.Equal(first, mine);
            Assert.InRange(queue.Chunks, 1, (oracle.Count / Chunk) + (oracle.Count / Chunk / 8) + 4);
            if (step % 97 == 0)
            {
                Assert.Equal(oracle, Items(queue));
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Chunk - 1)]
    [InlineData(Chunk)]
    public void Enumeration_FromAnyHeadSlot_WalksEveryItemInOrder(int dequeued)
    {
        var queue = new ChunkedQueue<(long Ts, ulong Key)>(); // the impression log's entry: no references
        for (var i = 0; i < 3 * Chunk; i++)
        {
            queue.Enqueue((i, (ulong)i * 7));
        }

        for (var i = 0; i < dequeued; i++)
        {
            queue.Dequeue();
        }

        var expected = Enumerable.Range(dequeued, (3 * Chunk) - dequeued).Select(i => ((long)i, (ulong)i * 7)).ToList();
        Assert.Equal(expected, Items(queue));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 1)]
    [InlineData(1, Chunk)]
    [InlineData(Chunk - 1, Chunk + 1)]
    [InlineData(Chunk, 3 * Chunk)]
    [InlineData(Chunk + 5, (3 * Chunk) - 1)]
    public void CopyTo_FromAnyHeadSlot_CopiesEveryItemInOrder(int dequeued, int enqueued)
    {
        // The copy is made a chunk at a time: head and tail part-used, whole chunks between, and one chunk alone.
        var queue = new ChunkedQueue<ulong>();
        for (var i = 0; i < dequeued + enqueued; i++)
        {
            queue.Enqueue((ulong)i * 3);
        }

        for (var i = 0; i < dequeued; i++)
        {
            queue.Dequeue();
        }

        var copy = new ulong[enqueued + 2];
        Array.Fill(copy, ulong.MaxValue);
        queue.CopyTo(copy);

        Assert.Equal(Items(queue), copy[..enqueued]);
        Assert.Equal([ulong.MaxValue, ulong.MaxValue], copy[enqueued..]); // nothing written past the items
        if (enqueued > 0)
        {
            var error = Assert.Throws<ArgumentException>(() => queue.CopyTo(new ulong[enqueued - 1]));
            Assert.Contains($"where the queue has {enqueued}", error.Message);
        }
    }

    [Fact]
    public void SteadyFlow_ReusesItsSpareChunk_AllocatingNothing()
    {
        var queue = new ChunkedQueue<long>();
        for (var i = 0; i < 10; i++)
        {
            queue.Enqueue(i);
        }

        Cycle(queue, 4 * Chunk); // warm up: the spare exists from the first crossing on
        var before = GC.GetAllocatedBytesForCurrentThread();
        Cycle(queue, 50 * Chunk); // fifty chunk crossings at ten items held
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.InRange(queue.Chunks, 1, 3);
    }

    private static void Cycle(ChunkedQueue<long> queue, int items)
    {
        for (var i = 0; i < items; i++)
        {
            queue.Enqueue(i);
            queue.Dequeue();
        }
    }

    [Fact]
    public void Dequeue_OnEmpty_Throws()
    {
        var queue = new ChunkedQueue<int>();
        queue.Enqueue(1);
        queue.Dequeue();

        Assert.False(queue.TryPeek(out _));
        var error = Assert.Throws<InvalidOperationException>(() => queue.Dequeue());
        Assert.Contains("empty", error.Message);
    }

    /// <summary>
    /// Eviction in bursts (a sweep a minute) against steady arrivals: after the first cycle, the chunks a burst empties
    /// carry the next arrivals, and nothing is allocated. With one spare kept, each cycle made three new chunks.
    /// </summary>
    [Fact]
    public void SteadyArrivals_BurstyEviction_ReuseTheEmptiedChunks()
    {
        var queue = new ChunkedQueue<(long, ulong)>();
        for (var i = 0; i < 40 * Chunk; i++)
        {
            queue.Enqueue((i, (ulong)i));
        }

        long next = 40 * Chunk, allocated = 0;
        for (var cycle = 0; cycle < 10; cycle++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 4 * Chunk; i++)
            {
                queue.Dequeue(); // the sweep
            }

            for (var i = 0; i < 4 * Chunk; i++)
            {
                queue.Enqueue((next, (ulong)next)); // the minute's arrivals
                next++;
            }

            allocated += cycle == 0 ? 0 : GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(0, allocated);
        Assert.Equal(40 * Chunk, queue.Count);
        Assert.Equal((next - (40 * Chunk), (ulong)(next - (40 * Chunk))), queue.Dequeue()); // still first in, first out
    }

    [Fact]
    public void Drained_KeepsAtMostOneSpareChunk()
    {
        var queue = new ChunkedQueue<long>();
        for (var i = 0; i < 10 * Chunk; i++)
        {
            queue.Enqueue(i);
        }

        Assert.Equal(10, queue.Chunks);
        for (var i = 0; i < (10 * Chunk) - 1; i++)
        {
            Assert.Equal(i, queue.Dequeue());
        }

        // One item left in the last chunk: that chunk and the spare, nine chunks' worth gone to the collector.
        Assert.Equal(2, queue.Chunks);
        Assert.Equal((10 * Chunk) - 1, queue.Dequeue());
        Assert.Equal(0, queue.Count);
        queue.Enqueue(42);
        Assert.Equal([42L], Items(queue));
    }

    [Fact]
    public void Dequeue_LetsGoOfTheItem()
    {
        var queue = new ChunkedQueue<object>();
        var weak = EnqueueUnreferenced(queue);
        queue.Enqueue(new object()); // the dequeued slot's chunk stays: its slot must be cleared
        queue.Dequeue();
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.False(weak.IsAlive);
        Assert.Equal(1, queue.Count);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference EnqueueUnreferenced(ChunkedQueue<object> queue)
    {
        var item = new object();
        queue.Enqueue(item);
        return new WeakReference(item);
    }

    private static List<T> Items<T>(ChunkedQueue<T> queue)
    {
        var items = new List<T>();
        foreach (var item in queue)
        {
            items.Add(item);
        }

        return items;
    }
}
