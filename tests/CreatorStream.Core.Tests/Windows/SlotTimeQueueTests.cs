using CreatorStream.Core.Windows;

namespace CreatorStream.Core.Tests.Windows;

/// <summary>
/// The journeys' 8-byte arrival queue (docs/design.md, "Per-event cost") against <see cref="Queue{T}"/> of the pairs:
/// random runs of adds and removals whose times jump further than a 32-bit offset reaches (so bases come and go at both
/// ends), times at the extremes of <see cref="long"/>, and walks from any head, compared pair by pair.
/// </summary>
public sealed class SlotTimeQueueTests
{
    private const int Chunk = ChunkedQueue<ulong>.ChunkLength;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomRuns_HoldAndReturnExactlyWhatAQueueDoes(int seed)
    {
        var (queue, oracle) = (new SlotTimeQueue(), new Queue<(int Slot, long Ts)>());
        var random = new Random(seed);
        var ts = 1_790_000_000_000L;
        (SlotTimeQueue.Frozen Copy, List<(int, long)> Pairs)? frozen = null; // a copy made at a check, walked at the next
        for (var step = 0; step < 1_500; step++)
        {
            var run = random.Next(3 * Chunk);
            if (random.Next(2) == 0)
            {
                for (var i = 0; i < run; i++)
                {
                    // Mostly small steps both ways (late events), now and then a jump past the offset's reach.
                    ts += random.Next(50) == 0 ? random.NextInt64(-(3L << 31), 3L << 31) : random.Next(-60_000, 120_000);
                    var slot = random.Next(50) == 0 ? SlotTimeQueue.MaxSlot : random.Next(1_000_000);
                    queue.Enqueue(slot, ts);
                    oracle.Enqueue((slot, ts));
                }
            }
            else
            {
                for (var i = 0; i < run && oracle.Count > 0; i++)
                {
                    Assert.True(queue.TryPeek(out var slot, out var peeked));
                    Assert.Equal(oracle.Dequeue(), (slot, peeked));
                    queue.Dequeue();
                }
            }

            Assert.Equal(oracle.Count, queue.Count);
            Assert.Equal(oracle.TryPeek(out var first), queue.TryPeek(out var mySlot, out var myTs));
            Assert.Equal(first, oracle.Count == 0 ? first : (mySlot, myTs));
            if (step % 97 == 0)
            {
                // A copy frozen at the last check still holds what the queue held then, after its runs since.
                Assert.Equal(frozen?.Pairs ?? [], frozen is { } earlier ? Walk(earlier.Copy) : []);
                Assert.Equal(oracle, Pairs(queue));
                frozen = (queue.Freeze(), oracle.ToList());
                Assert.Equal(oracle.Count, frozen.Value.Copy.Count);
            }
        }
    }

    [Fact]
    public void Times_AtTheExtremesAndFarApart_AreHeldExactly()
    {
        long[] times = [long.MinValue, long.MaxValue, 0, -1, int.MaxValue, int.MinValue, (long)int.MaxValue + 1, long.MinValue + 1, long.MaxValue - 1, 1L << 31, -(1L << 31), -(1L << 31) - 1];
        var queue = new SlotTimeQueue();
        for (var i = 0; i < times.Length; i++)
        {
            queue.Enqueue(i, times[i]);
        }

        Assert.Equal(times.Select((t, i) => (i, t)), Pairs(queue));
        for (var i = 0; i < times.Length; i++)
        {
            Assert.True(queue.TryPeek(out var slot, out var ts));
            Assert.Equal((i, times[i]), (slot, ts));
            queue.Dequeue();
        }

        Assert.Equal(0, queue.Entries); // every base went with the pair after it
    }

    [Fact]
    public void Pairs_WithinAnOffsetOfTheBase_TakeOneEntryEach()
    {
        var queue = new SlotTimeQueue();
        const long Start = 1_790_000_000_000L;
        var expected = new List<(int, long)>();
        for (var i = 0; i < 3 * Chunk; i++)
        {
            expected.Add((i, Start + (i % 2 == 0 ? i : -i))); // a spread far under 24.8 days: one base
            queue.Enqueue(expected[^1].Item1, expected[^1].Item2);
        }

        Assert.Equal((3 * Chunk) + 2, queue.Entries);
        queue.Enqueue(7, Start + int.MaxValue); // the furthest the first base reaches
        queue.Enqueue(8, Start - (1L << 31));
        Assert.Equal((3 * Chunk) + 4, queue.Entries);
        queue.Enqueue(9, Start + int.MaxValue + 1L); // past it (from the base of time 0, which is Start): a new base
        Assert.Equal((3 * Chunk) + 7, queue.Entries);
        Assert.Equal([.. expected, (7, Start + int.MaxValue), (8, Start - (1L << 31)), (9, Start + int.MaxValue + 1L)], Pairs(queue));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Enqueue_NegativeSlot_IsRefused(int slot)
    {
        var queue = new SlotTimeQueue();
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Enqueue(slot, 0));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Dequeue_OnEmpty_Throws()
    {
        var queue = new SlotTimeQueue();
        queue.Enqueue(1, 5);
        queue.Dequeue(); // not peeked first: the base's markers go with the pair

        Assert.Equal((0, 0), (queue.Count, queue.Entries));
        Assert.False(queue.TryPeek(out _, out _));
        var error = Assert.Throws<InvalidOperationException>(queue.Dequeue);
        Assert.Contains("empty", error.Message);
    }

    private static List<(int, long)> Pairs(SlotTimeQueue queue) => Walk(queue.Freeze());

    private static List<(int, long)> Walk(SlotTimeQueue.Frozen frozen)
    {
        var pairs = new List<(int, long)>();
        foreach (var pair in frozen)
        {
            pairs.Add(pair);
        }

        return pairs;
    }
}
