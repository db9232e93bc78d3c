using CreatorStream.Core.Dataflow;

namespace CreatorStream.Core.Tests.Dataflow;

/// <summary>The brand's event-time queue against a sorted list: items leave in (ts, ordinal event id) order, whatever the order of arrival and of interleaved takes.</summary>
public sealed class EventTimeQueueTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Dequeue_RandomArrivalsAndTakes_LeaveInTsThenIdOrder(int seed)
    {
        var random = new Random(seed);
        var queue = new EventTimeQueue<string>();
        var oracle = new List<(long Ts, string Id)>();
        var id = 0;
        for (var step = 0; step < 20_000; step++)
        {
            if (random.NextDouble() < 0.55)
            {
                // Few distinct times, so ties are common; ids whose ordinal order is not their numeric order.
                var ts = random.Next(0, 50);
                var eventId = $"e{random.Next(1_000)}-{id++}";
                queue.Enqueue($"{ts}/{eventId}", ts, eventId);
                oracle.Add((ts, eventId));
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

        Assert.Equal(oracle.Select(o => $"{o.Ts}/{o.Id}").Order(StringComparer.Ordinal), queue.UnorderedItems.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TryPeek_Empty_IsFalse()
    {
        var queue = new EventTimeQueue<string>();
        queue.Enqueue("a", 5, "a");
        queue.Dequeue();

        Assert.False(queue.TryPeek(out _, out _));
        Assert.Equal(0, queue.Count);
        Assert.Empty(queue.UnorderedItems);
    }
}
