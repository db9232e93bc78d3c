using CreatorStream.Bench;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Host.Tests.Bench;

/// <summary>
/// The live bench's map from a produced record to the commit that made it visible. One ingest partition feeds several
/// brand tasks, each applying its records at its own pace: a record counts as committed only when its own brand task
/// applied it, not when another task got further along the same partition (the bench once took the other task's commit,
/// which under-measured store latency and left half the hub samples unmatched).
/// </summary>
public sealed class CommitTimelineTests
{
    private static readonly SourcePartition Ingest = new("creatorstream.engagements", 0);

    [Fact]
    public void CommitOf_FindsTheCommitOfTheRecordsOwnBrandTask()
    {
        var timeline = new CommitTimeline(["camp-a", "camp-b"]);
        short a = 0, b = 1;

        // Ingest offsets 0-9 go to task 0 (camp-a) at even offsets and task 1 (camp-b) at odd ones.
        timeline.Record(Applied(task: 0, "camp-a", events: 5, lastOffset: 8), 0, 10); // commit 0: task 0 applied 0..8 (a's 0,2,4,6,8)
        timeline.Record(Applied(task: 1, "camp-b", events: 2, lastOffset: 3), 0, 20); // commit 1: task 1 applied 1,3
        timeline.Record(Applied(task: 1, "camp-b", events: 3, lastOffset: 9), 0, 30); // commit 2: task 1 applied 5,7,9

        Assert.Equal(0, timeline.CommitOf(Ingest, 4, a));
        Assert.Equal(1, timeline.CommitOf(Ingest, 3, b));
        Assert.Equal(2, timeline.CommitOf(Ingest, 5, b)); // task 0 had passed offset 5 in commit 0; task 1 applied it in commit 2
        Assert.Equal(2, timeline.CommitOf(Ingest, 7, b));
        Assert.Equal(-1, timeline.CommitOf(Ingest, 10, a)); // not applied yet

        // Each commit's campaign total is its own: b's records are matched to b's totals (2, then 5), never to a commit without b.
        Assert.Equal(2, timeline.TotalAfter(timeline.CommitOf(Ingest, 3, b), b));
        Assert.Equal(5, timeline.TotalAfter(timeline.CommitOf(Ingest, 7, b), b));
        Assert.Equal(5, timeline.TotalAfter(timeline.CommitOf(Ingest, 8, a), a));

        // A record of no known campaign (a fake, a conversion) takes the first brand commit past its offset, any task's.
        Assert.Equal(0, timeline.CommitOf(Ingest, 5, ProduceLog.NoCampaign));
    }

    [Fact]
    public void CommitOf_BeforeAnyCommitShowsACampaignsTask_FallsBackToAnyTask()
    {
        var timeline = new CommitTimeline(["camp-a", "camp-b"]);
        timeline.Record(Applied(task: 0, "camp-a", events: 1, lastOffset: 6), 0, 10);

        Assert.Equal(0, timeline.CommitOf(Ingest, 3, 1)); // camp-b's task is not known yet
        Assert.Equal(-1, timeline.CommitOf(Ingest, 7, 1));
    }

    /// <summary>
    /// The bench's split of the latency: a record is routed at its source task's commit (the ingest partition's next offset
    /// passes it), whichever brand commits came between, and a brand commit never counts as a source commit.
    /// </summary>
    [Fact]
    public void SourceCommitOf_IsTheSourceTasksCommitPastTheRecord_NotABrandTasks()
    {
        var timeline = new CommitTimeline(["camp-a"]);
        timeline.Record(Routed(nextOffset: 4), 0, 10); // commit 0: the source task routed 0..3
        timeline.Record(Applied(task: 0, "camp-a", events: 6, lastOffset: 5), 0, 20); // commit 1: a brand task applied 0..5
        timeline.Record(Routed(nextOffset: 9), 0, 30); // commit 2: the source task routed 4..8

        Assert.Equal([0, 0, 2, 2, -1], [timeline.SourceCommitOf(Ingest, 0), timeline.SourceCommitOf(Ingest, 3), timeline.SourceCommitOf(Ingest, 4), timeline.SourceCommitOf(Ingest, 8), timeline.SourceCommitOf(Ingest, 9)]);
        Assert.Equal(1, timeline.CommitOf(Ingest, 5, 0)); // the store held offset 5 before the source task's commit did
        Assert.Equal(30, timeline.CommittedAt(timeline.SourceCommitOf(Ingest, 5)));
    }

    private static StateDelta Routed(long nextOffset)
    {
        var delta = new StateDelta();
        delta.NextOffsets[Ingest] = nextOffset;
        return delta;
    }

    private static StateDelta Applied(int task, string campaignId, long events, long lastOffset)
    {
        var delta = new StateDelta();
        delta.Aggregates[AggregateKey.Campaign(campaignId)] = new AggregateDelta { Counters = new Counters { Impressions = events } };
        delta.NextOffsets[new SourcePartition(TaskNames.BrandTopic, task)] = 100;
        delta.AppliedOrigins[Ingest] = lastOffset;
        return delta;
    }
}
