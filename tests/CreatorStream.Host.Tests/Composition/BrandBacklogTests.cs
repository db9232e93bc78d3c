using CreatorStream.Host.Composition;

namespace CreatorStream.Host.Tests.Composition;

/// <summary>
/// The source stage's backpressure arithmetic: unread records per brand partition against the limit, by hand. The brand
/// topic's offsets count frames of many records; the backlog counts the records.
/// </summary>
public sealed class BrandBacklogTests
{
    [Fact]
    public void Over_NothingSentOrWithinTheLimit_IsNull()
    {
        var backlog = new BrandBacklog(partitions: 3, maxAhead: 100);
        Assert.Null(backlog.Over());

        Deliver(backlog, 1, offset: 0, records: 60);
        Deliver(backlog, 1, offset: 1, records: 40); // 100 unread, not more than the limit
        Assert.Null(backlog.Over());
    }

    [Fact]
    public void Over_APartitionPastTheLimit_NamesTheWorstUntilItsCommitsCatchUp()
    {
        var backlog = new BrandBacklog(partitions: 3, maxAhead: 100);
        Deliver(backlog, 0, offset: 0, records: 80);
        Deliver(backlog, 0, offset: 1, records: 71);
        for (var offset = 3; offset <= 5; offset++)
        {
            Deliver(backlog, 2, offset, records: 90); // offsets 0-2 are other workers' frames: not this worker's records
        }

        Assert.Equal((2, 270L, 6L), backlog.Over()); // six frames unread, three of them other workers'

        backlog.Committed(2, 5); // the frames at 3 and 4 are read
        Assert.Equal((0, 151L, 2L), backlog.Over());

        backlog.Committed(0, 1);
        Assert.Null(backlog.Over()); // 71 and 90 unread

        backlog.Committed(2, 6);
        Deliver(backlog, 2, offset: 6, records: 101);
        Assert.Equal((2, 101L, 1L), backlog.Over()); // only the frame past the commit
    }

    [Fact]
    public void Over_FramesSentButNotYetReported_CountTheirRecordsAsUnread()
    {
        var backlog = new BrandBacklog(partitions: 1, maxAhead: 10);
        Deliver(backlog, 0, offset: 0, records: 5);
        backlog.Sending(0, 3);
        backlog.Sending(0, 3); // 6 on their way

        Assert.Equal((0, 11L, 3L), backlog.Over());

        backlog.Failed(0, 3); // one frame could not be written: its records are no longer on their way, and never written
        Assert.Null(backlog.Over());

        backlog.Delivered(0, 1, 3);
        Assert.Null(backlog.Over()); // 8: the other frame's records moved from sent to written
    }

    [Fact]
    public void Committed_NoneYet_CountsFromTheLogsStart()
    {
        var backlog = new BrandBacklog(partitions: 1, maxAhead: 10);
        Deliver(backlog, 0, offset: 0, records: 11);
        backlog.Committed(0, -1001); // Kafka's "no committed offset"

        Assert.Equal((0, 11L, 1L), backlog.Over());
    }

    [Fact]
    public void Committed_AnOlderReportAfterANewerOne_ChangesNothing()
    {
        // This worker's brand stage tells its commits at once (BrandProgress); Kafka's auto-committed offset, read
        // later, can still be older, and must not count read frames unread again.
        var backlog = new BrandBacklog(partitions: 1, maxAhead: 10);
        Deliver(backlog, 0, offset: 0, records: 6);
        Deliver(backlog, 0, offset: 1, records: 6);
        backlog.Committed(0, 2);
        Assert.Null(backlog.Over());

        backlog.Committed(0, 1);
        backlog.Committed(0, -1001);
        Deliver(backlog, 0, offset: 1, records: 6); // a late report of a frame the newer commit passed
        Assert.Null(backlog.Over());

        Deliver(backlog, 0, offset: 2, records: 11);
        Assert.Equal((0, 11L, 1L), backlog.Over()); // counted from the newest commit, not the older ones
    }

    [Fact]
    public void Delivered_AtAnOffsetACommitHasPassed_IsNotUnread()
    {
        var backlog = new BrandBacklog(partitions: 1, maxAhead: 10);
        backlog.Committed(0, 40);
        backlog.Sending(0, 50);
        backlog.Delivered(0, 39, 50); // its report came after a commit that already counts it read

        Assert.Null(backlog.Over());
    }

    [Fact]
    public async Task Delivered_FromManyThreads_CountsEveryRecordAndNothingPending()
    {
        var backlog = new BrandBacklog(partitions: 1, maxAhead: 1);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var offset = t; offset < 40_000; offset += 4)
            {
                backlog.Sending(0, 3);
                backlog.Delivered(0, offset, 3);
            }
        })));

        Assert.Equal((0, 120_000L, 40_000L), backlog.Over());

        backlog.Committed(0, 30_000);
        Assert.Equal((0, 30_000L, 10_000L), backlog.Over());
    }

    [Fact]
    public void Over_FramesOfOtherWorkersPastTheFrameLimit_HoldsThoughThisWorkersRecordsAreFew()
    {
        var backlog = new BrandBacklog(partitions: 2, maxAhead: 1_000, maxFramesAhead: 4);
        Deliver(backlog, 1, offset: 9, records: 10); // offsets 0-8 are other workers' frames

        Assert.Equal((1, 10L, 10L), backlog.Over());

        backlog.Committed(1, 6);
        Assert.Null(backlog.Over()); // four frames unread, the limit

        backlog.Sending(1, 1);
        Assert.Equal((1, 11L, 5L), backlog.Over()); // a frame on its way counts
    }

    [Fact]
    public void Over_BothLimitsPassed_NamesThePartitionFurthestPastEither()
    {
        var backlog = new BrandBacklog(partitions: 2, maxAhead: 100, maxFramesAhead: 10);
        Deliver(backlog, 0, offset: 0, records: 150); // 1.5 times the records' limit
        Deliver(backlog, 1, offset: 29, records: 1); // 3 times the frames' limit

        Assert.Equal((1, 1L, 30L), backlog.Over());
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 0)]
    public void Constructor_NoPartitionsOrNoRoom_IsRefused(int partitions, long maxAhead)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BrandBacklog(partitions, maxAhead));
    }

    private static void Deliver(BrandBacklog backlog, int partition, long offset, int records)
    {
        backlog.Sending(partition, records);
        backlog.Delivered(partition, offset, records);
    }
}
