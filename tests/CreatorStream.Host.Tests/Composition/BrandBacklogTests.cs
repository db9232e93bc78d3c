using CreatorStream.Host.Composition;

namespace CreatorStream.Host.Tests.Composition;

/// <summary>The source stage's backpressure arithmetic: unread records per brand partition against the limit, by hand.</summary>
public sealed class BrandBacklogTests
{
    [Fact]
    public void Over_NothingSentOrWithinTheLimit_IsNull()
    {
        var backlog = new BrandBacklog(partitions: 3, maxAhead: 100);
        Assert.Null(backlog.Over());

        Deliver(backlog, 1, 0, 99); // offsets 0-99: 100 unread, not more than the limit
        Assert.Null(backlog.Over());
    }

    [Fact]
    public void Over_APartitionPastTheLimit_NamesTheWorstUntilItsCommitsCatchUp()
    {
        var backlog = new BrandBacklog(partitions: 3, maxAhead: 100);
        Deliver(backlog, 0, 0, 150);
        Deliver(backlog, 2, 300, 400);
        backlog.Sending(2);
        backlog.Delivered(2, 120); // a report out of order never moves the newest back

        Assert.Equal((2, 401L), backlog.Over());

        backlog.Committed(2, 350);
        Assert.Equal((0, 151L), backlog.Over());

        backlog.Committed(0, 51);
        Assert.Null(backlog.Over()); // 100 and 51 unread
    }

    [Fact]
    public void Over_RecordsSentButNotYetReported_CountAsUnread()
    {
        var backlog = new BrandBacklog(partitions: 1, maxAhead: 10);
        Deliver(backlog, 0, 0, 4); // 5 written
        for (var i = 0; i < 6; i++)
        {
            backlog.Sending(0); // 6 on their way
        }

        Assert.Equal((0, 11L), backlog.Over());

        backlog.Failed(0); // one could not be written: no longer on its way, and never written
        Assert.Null(backlog.Over());
    }

    [Fact]
    public void Committed_NoneYet_CountsFromTheLogsStart()
    {
        var backlog = new BrandBacklog(partitions: 1, maxAhead: 10);
        Deliver(backlog, 0, 0, 10);
        backlog.Committed(0, -1001); // Kafka's "no committed offset"

        Assert.Equal((0, 11L), backlog.Over());
    }

    [Fact]
    public async Task Delivered_FromManyThreads_KeepsTheNewestAndNothingPending()
    {
        var backlog = new BrandBacklog(partitions: 1, maxAhead: 1);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var offset = t; offset < 40_000; offset += 4)
            {
                backlog.Sending(0);
                backlog.Delivered(0, offset);
            }
        })));

        Assert.Equal((0, 40_000L), backlog.Over());
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 0)]
    public void Constructor_NoPartitionsOrNoRoom_IsRefused(int partitions, long maxAhead)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BrandBacklog(partitions, maxAhead));
    }

    private static void Deliver(BrandBacklog backlog, int partition, long from, long to)
    {
        for (var offset = from; offset <= to; offset++)
        {
            backlog.Sending(partition);
            backlog.Delivered(partition, offset);
        }
    }
}
