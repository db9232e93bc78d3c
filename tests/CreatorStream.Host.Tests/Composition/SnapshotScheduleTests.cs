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

    [Fact]
    public void Constructor_CostFactorBelowOne_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SnapshotSchedule(TimeSpan.FromSeconds(30), costFactor: 0));
}
