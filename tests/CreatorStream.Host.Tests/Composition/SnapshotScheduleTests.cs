using CreatorStream.Core.Streaming;
using CreatorStream.Host.Composition;

namespace CreatorStream.Host.Tests.Composition;

/// <summary>When brand tasks snapshot: every interval, and no more often than twenty times their last snapshot's cost (by hand, in milliseconds of wall clock).</summary>
public sealed class SnapshotScheduleTests
{
    private static readonly SourcePartition B0 = new("brands", 0);
    private static readonly SourcePartition B1 = new("brands", 1);

    [Fact]
    public void Due_CheapSnapshots_FollowTheInterval()
    {
        var schedule = new SnapshotSchedule(TimeSpan.FromSeconds(30));
        schedule.Restored(B0, 1_000, soon: false);

        Assert.False(schedule.Due(B0, 30_999));
        Assert.True(schedule.Due(B0, 31_000));

        schedule.Taken(B0, 31_000, tookMs: 200); // 20 x 0.2 s = 4 s: under the interval, which rules
        Assert.False(schedule.Due(B0, 60_999));
        Assert.True(schedule.Due(B0, 61_000));
    }

    [Fact]
    public void Due_ASnapshotThatTookSeconds_WaitsTwentyTimesAsLong()
    {
        var schedule = new SnapshotSchedule(TimeSpan.FromSeconds(30));
        schedule.Restored(B0, 0, soon: false);
        schedule.Taken(B0, 30_000, tookMs: 4_000); // 80 s to the next, not 30

        Assert.False(schedule.Due(B0, 109_999));
        Assert.True(schedule.Due(B0, 110_000));
        Assert.Equal(80_000, schedule.NextAfterMs(B0));

        schedule.Taken(B0, 110_000, tookMs: 500); // cheaper again: back to the interval
        Assert.True(schedule.Due(B0, 140_000));
    }

    [Fact]
    public void Due_EachTaskOnItsOwnCost()
    {
        var schedule = new SnapshotSchedule(TimeSpan.FromSeconds(30));
        schedule.Restored(B0, 0, soon: false);
        schedule.Restored(B1, 0, soon: false);
        schedule.Taken(B0, 30_000, tookMs: 3_000);
        schedule.Taken(B1, 30_000, tookMs: 10);

        Assert.False(schedule.Due(B0, 60_000));
        Assert.True(schedule.Due(B1, 60_000));
    }

    [Fact]
    public void Due_ASnapshotTheStoreDropped_TheNextAfterItsCostsShareNotAnInterval()
    {
        var schedule = new SnapshotSchedule(TimeSpan.FromSeconds(30));
        schedule.Restored(B0, 0, soon: false);
        schedule.Taken(B0, 30_000, tookMs: 400);
        schedule.Dropped(B0, 30_050); // its commit landed without it: 20 x 0.4 s = 8 s from there

        Assert.False(schedule.Due(B0, 38_049));
        Assert.True(schedule.Due(B0, 38_050));

        schedule.Taken(B0, 38_050, tookMs: 400); // landed this time: the interval again
        Assert.False(schedule.Due(B0, 68_049));
        Assert.True(schedule.Due(B0, 68_050));

        schedule.Restored(B1, 0, soon: false);
        schedule.Dropped(B1, 5_000); // no cost known: at once
        Assert.True(schedule.Due(B1, 5_000));
    }

    [Fact]
    public void Due_TasksAssignedTogether_SnapshotApartWithinAnInterval()
    {
        // Sixteen partitions assigned at once: partition 0 at the interval as before, the others earlier, each first snapshot
        // within an interval, no two within a fortieth of it (750 ms here); they keep those gaps as they go on.
        var schedule = new SnapshotSchedule(TimeSpan.FromSeconds(30));
        var partitions = Enumerable.Range(0, 16).Select(p => new SourcePartition("brands", p)).ToList();
        partitions.ForEach(p => schedule.Restored(p, 1_000, soon: false));

        var firstDue = partitions.ToDictionary(p => p, p => FirstDue(schedule, p, from: 1_000, until: 31_000));
        Assert.Equal(31_000, firstDue[B0]);
        Assert.Equal(1_000 + 30_000 - 18_541, firstDue[B1]); // 1 x 0.618034 of 30 s earlier
        Assert.All(firstDue.Values, due => Assert.InRange(due, 1_001, 31_000));
        var ordered = firstDue.Values.Order().ToList();
        Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 750, $"{pair.First} and {pair.Second}"));

        foreach (var p in partitions)
        {
            schedule.Taken(p, firstDue[p], tookMs: 300);
            Assert.Equal(firstDue[p] + 30_000, FirstDue(schedule, p, from: firstDue[p], until: firstDue[p] + 30_000));
        }
    }

    [Fact]
    public void Due_ARestoreThatReReadRecords_SnapshotsAtOnce()
    {
        var schedule = new SnapshotSchedule(TimeSpan.FromSeconds(30));
        schedule.Restored(B0, 5_000, soon: true);

        Assert.True(schedule.Due(B0, 5_000));
    }

    [Fact]
    public void Due_ATaskNotHereOrRevoked_IsNeverDue()
    {
        var schedule = new SnapshotSchedule(TimeSpan.FromSeconds(30));
        Assert.False(schedule.Due(B0, long.MaxValue / 2));

        schedule.Restored(B0, 0, soon: true);
        schedule.Revoked(B0);
        Assert.False(schedule.Due(B0, long.MaxValue / 2));
    }

    // The first millisecond in [from, until] at which the task is due, searched by halves (Due is monotone in time).
    private static long FirstDue(SnapshotSchedule schedule, SourcePartition partition, long from, long until)
    {
        Assert.True(schedule.Due(partition, until), $"{partition} is not due by {until}");
        while (from < until)
        {
            var middle = from + ((until - from) / 2);
            (from, until) = schedule.Due(partition, middle) ? (from, middle) : (middle + 1, until);
        }

        return from;
    }

    [Fact]
    public void Constructor_CostFactorBelowOne_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SnapshotSchedule(TimeSpan.FromSeconds(30), costFactor: 0));
}
