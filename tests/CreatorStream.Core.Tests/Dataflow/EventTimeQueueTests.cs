using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Tests.Dataflow;

/// <summary>
/// The brand's event-time queue against a sorted list: items leave in (ts, ordinal event id) order, whatever the order of
/// arrival and of interleaved takes, with one bucket or many: items come for buckets already being read, for buckets older
/// than the one being read, and for new ones. Ids come in every shape their keys have (packed, UUID, kept), mixed, so
/// ties are broken across shapes too.
/// </summary>
public sealed class EventTimeQueueTests
{
    [Theory]
    [InlineData(1, 1_000)]
    [InlineData(2, 1_000)]
    [InlineData(3, 1_000)]
    [InlineData(4, 1)]
    [InlineData(5, 7)]
    [InlineData(6, 16)]
    public void Dequeue_RandomArrivalsAndTakes_LeaveInTsThenIdOrder(int seed, long bucketMs)
    {
        var random = new Random(seed);
        var queue = new EventTimeQueue<string>(bucketMs);
        var oracle = new List<(long Ts, string Id)>();
        var id = 0;
        for (var step = 0; step < 20_000; step++)
        {
            if (random.NextDouble() < 0.55)
            {
                // Few distinct times, so ties are common; ids whose ordinal order is not their numeric order. Now and
                // then a burst, so that more than a few items come for a bucket being read between two takes.
                for (var burst = random.NextDouble() < 0.02 ? 40 : 1; burst > 0; burst--)
                {
                    var ts = random.Next(-20, 50);
                    var eventId = IdOfSomeShape(random, id++);
                    queue.Enqueue($"{ts}/{eventId}", ts, EventIdKey.Of(eventId));
                    oracle.Add((ts, eventId));
                }
            }
            else if (oracle.Count > 0)
            {
                oracle.Sort((a, b) => a.Ts != b.Ts ? a.Ts.CompareTo(b.Ts) : string.CompareOrdinal(a.Id, b.Id));
                var first = oracle[0];
                oracle.RemoveAt(0);
                Assert.True(queue.TryPeek(out var peeked, out var ts));
                Assert.Equal(first.Ts, ts);
                Assert.Equal($"{first.Ts}/{first.Id}", peeked);
                Assert.Equal(peeked, queue.Dequeue());
            }

            Assert.Equal(oracle.Count, queue.Count);
        }

        Assert.Equal(oracle.Select(o => $"{o.Ts}/{o.Id}").Order(StringComparer.Ordinal), Unordered(queue).Order(StringComparer.Ordinal));
    }

    /// <summary>As a stream: event time moves on, most items come a little ahead of the takes, some late; buckets are made, emptied and used again.</summary>
    [Theory]
    [InlineData(7, 10)]
    [InlineData(8, 100)]
    public void Dequeue_MovingEventTime_LeavesInTsThenIdOrder(int seed, long bucketMs)
    {
        var random = new Random(seed);
        var queue = new EventTimeQueue<long>(bucketMs);
        // Ids are unique (the step ends each), so the set's order is the queue's whole order.
        var oracle = new SortedSet<(long Ts, string Id, long Step)>(Comparer<(long Ts, string Id, long Step)>.Create((a, b) => a.Ts != b.Ts ? a.Ts.CompareTo(b.Ts) : string.CompareOrdinal(a.Id, b.Id)));
        var taken = new List<long>();
        var expected = new List<long>();
        for (var step = 0; step < 30_000; step++)
        {
            var now = step / 3;
            var ts = now + (random.NextDouble() < 0.05 ? -random.Next(0, 300) : random.Next(0, 50));
            var eventId = $"{random.Next(100)}-{step}";
            queue.Enqueue(step, ts, EventIdKey.Of(eventId));
            oracle.Add((ts, eventId, step));
            while (oracle.Count > 0 && oracle.Min.Ts <= now - 20)
            {
                var first = oracle.Min;
                oracle.Remove(first);
                expected.Add(first.Step);
                Assert.True(queue.TryPeek(out _, out var peekedTs));
                Assert.Equal(first.Ts, peekedTs);
                taken.Add(queue.Dequeue());
            }
        }

        Assert.Equal(expected, taken);
        Assert.Equal(oracle.Count, queue.Count);
    }

    /// <summary>
    /// The look ahead a brand's prefetching reads: the items after the first in the order they leave, within the bucket
    /// being read; nothing before that bucket is first read (sorted), and nothing past its end.
    /// </summary>
    [Fact]
    public void TryPeekAhead_NamesTheItemsThatLeaveNext_WithinTheBucketBeingRead()
    {
        var random = new Random(3);
        var queue = new EventTimeQueue<long>(1_000);
        var times = Enumerable.Range(0, 1_000).OrderBy(_ => random.Next()).Take(60).Select(t => (long)t).ToList();
        foreach (var ts in times)
        {
            queue.Enqueue(ts, ts, EventIdKey.Of($"e-{ts}"));
        }

        queue.Enqueue(1_500, 1_500, EventIdKey.Of("e-1500")); // the next bucket's
        Assert.False(queue.TryPeekAhead(1, out _)); // not read yet: knowing would take a sort

        Assert.True(queue.TryPeek(out _, out _));
        var order = times.Order().ToList();
        for (var ahead = 0; ahead < order.Count; ahead++)
        {
            Assert.True(queue.TryPeekAhead(ahead, out var item));
            Assert.Equal(order[ahead], item);
        }

        Assert.False(queue.TryPeekAhead(order.Count, out _)); // the next bucket is not read yet

        queue.Enqueue(order[10] - 1, order[10] - 1, EventIdKey.Of("late")); // comes for the bucket being read
        order.Add(order[10] - 1);
        order.Sort();
        Assert.True(queue.TryPeek(out _, out _)); // a read puts it in its place
        for (var taken = 0; taken < order.Count; taken++)
        {
            if (taken + 1 < order.Count)
            {
                Assert.True(queue.TryPeekAhead(1, out var next));
                Assert.Equal(order[taken + 1], next);
            }
            else
            {
                Assert.False(queue.TryPeekAhead(1, out _));
            }

            Assert.Equal(order[taken], queue.Dequeue());
        }

        Assert.Equal(1_500, queue.Dequeue());
        Assert.False(queue.TryPeekAhead(0, out _));
    }

    [Fact]
    public void TryPeek_Empty_IsFalse()
    {
        var queue = new EventTimeQueue<string>();
        queue.Enqueue("a", 5, EventIdKey.Of("a"));
        queue.Dequeue();

        Assert.False(queue.TryPeek(out _, out _));
        Assert.Equal(0, queue.Count);
        Assert.Empty(Unordered(queue));
    }

    // Short (packed), a lower-case UUID, an upper-case one, or long (kept): unique by n, with ordinal orders that cross.
    // Every waiting item, as a snapshot copies them.
    private static string[] Unordered(EventTimeQueue<string> queue)
    {
        var items = new string[queue.Count];
        Assert.Equal(queue.Count, queue.UnorderedCopyTo(items));
        return items;
    }

    private static string IdOfSomeShape(Random random, int n)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        var uuid = new Guid(bytes).ToString();
        return random.Next(4) switch
        {
            0 => $"e{random.Next(1_000)}-{n}",
            1 => uuid[..^8] + n.ToString("x8"),
            2 => (uuid[..^8] + n.ToString("x8")).ToUpperInvariant(),
            _ => $"e{random.Next(1_000)}-a-much-longer-id-{n}",
        };
    }
}
