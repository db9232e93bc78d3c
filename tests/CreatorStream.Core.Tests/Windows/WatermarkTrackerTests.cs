using CreatorStream.Core.Streaming;
using CreatorStream.Core.Windows;

namespace CreatorStream.Core.Tests.Windows;

public sealed class WatermarkTrackerTests
{
    private static readonly SourcePartition P0 = new("t", 0);
    private static readonly SourcePartition P1 = new("t", 1);

    [Fact]
    public void Advance_TwoPartitions_IsTheSlowerOneMinusTheDelay()
    {
        var tracker = new WatermarkTracker(TimeSpan.FromSeconds(5), idleTimeout: null);
        tracker.Observe(P1, 60_000, wallClockMs: 0);
        tracker.Observe(P0, 100_000, wallClockMs: 0);
        Assert.Equal(55_000, tracker.Current); // moves with each record, not only at batch ends

        tracker.Observe(P1, 80_000, wallClockMs: 0);
        Assert.Equal(75_000, tracker.Advance(0));
    }

    [Fact]
    public void Advance_BeforeAnyEvent_IsMinValue()
    {
        Assert.Equal(long.MinValue, new WatermarkTracker(TimeSpan.FromSeconds(5), null).Advance(0));
    }

    [Fact]
    public void Advance_PartitionIdleLongerThanTheTimeout_StopsHoldingTheWatermarkBack()
    {
        var tracker = new WatermarkTracker(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
        tracker.Observe(P0, 60_000, wallClockMs: 0);
        tracker.Observe(P1, 100_000, wallClockMs: 0);
        tracker.Observe(P1, 200_000, wallClockMs: 29_000);

        Assert.Equal(55_000, tracker.Advance(29_000)); // P0 quiet for 29 s: still active
        Assert.Equal(195_000, tracker.Advance(31_000)); // P0 quiet for 31 s: idle
    }

    [Fact]
    public void Advance_EveryPartitionIdle_UsesTheNewestEventTime()
    {
        var tracker = new WatermarkTracker(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
        tracker.Observe(P0, 60_000, wallClockMs: 0);
        tracker.Observe(P1, 100_000, wallClockMs: 0);

        Assert.Equal(95_000, tracker.Advance(60_000));

        tracker.Observe(P0, 61_000, wallClockMs: 60_000); // P0 wakes up behind: the watermark stays
        Assert.Equal(95_000, tracker.Current);
    }

    [Fact]
    public void Observe_StreamResumingAfterEveryPartitionWentIdle_GivesTheOthersTheTimeoutToCatchUp()
    {
        var tracker = new WatermarkTracker(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
        tracker.Observe(P0, 100_000, wallClockMs: 0);
        tracker.Observe(P1, 101_000, wallClockMs: 0);
        Assert.Equal(96_000, tracker.Advance(40_000)); // a pause: both idle

        // The backlog comes back one partition first: P0 runs a minute ahead before P1 delivers, and P1's events
        // from 101 s on are still on time.
        tracker.Observe(P0, 160_000, wallClockMs: 41_000);
        Assert.Equal(96_000, tracker.Advance(41_000));
        tracker.Observe(P1, 150_000, wallClockMs: 42_000);
        Assert.Equal(145_000, tracker.Advance(42_000));

        // A partition that stays silent after the resumption is released after the timeout, as before.
        tracker.Observe(P0, 200_000, wallClockMs: 50_000);
        Assert.Equal(145_000, tracker.Advance(71_000));
        Assert.Equal(195_000, tracker.Advance(73_000));
    }

    [Fact]
    public void Observe_StreamResumingWithAPartitionAssignedDuringThePause_StillWaitsForTheOthers()
    {
        var tracker = new WatermarkTracker(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
        var p2 = new SourcePartition("t", 2);
        tracker.Observe(P0, 100_000, wallClockMs: 0);
        tracker.Observe(P1, 101_000, wallClockMs: 0);
        Assert.Equal(96_000, tracker.Advance(40_000));
        tracker.Register(p2, wallClockMs: 45_000); // a rebalance while nothing flows
        Assert.Equal(96_000, tracker.Advance(50_000));

        tracker.Observe(P0, 160_000, wallClockMs: 80_000); // p2 silent past the timeout by now (idle); P1 not back yet
        Assert.Equal(96_000, tracker.Advance(80_000));
        tracker.Observe(P1, 150_000, wallClockMs: 81_000);
        Assert.Equal(145_000, tracker.Advance(81_000));
    }

    [Fact]
    public void Advance_AfterASlowerPartitionAppears_NeverMovesBackwards()
    {
        var tracker = new WatermarkTracker(TimeSpan.FromSeconds(5), null);
        tracker.Observe(P0, 100_000, 0);
        Assert.Equal(95_000, tracker.Advance(0));

        tracker.Observe(P1, 10_000, 0);

        Assert.Equal(95_000, tracker.Advance(0));
    }

    [Fact]
    public void Register_AssignedPartitionWithNoDataYet_HoldsTheWatermarkUntilItDeliversOrGoesIdle()
    {
        var tracker = new WatermarkTracker(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
        tracker.Register(P1, wallClockMs: 0);
        tracker.Observe(P0, 100_000, wallClockMs: 0);
        Assert.Equal(long.MinValue, tracker.Advance(10_000)); // P1 may still hold older events

        tracker.Observe(P1, 90_000, wallClockMs: 11_000);
        Assert.Equal(85_000, tracker.Advance(11_000));
    }

    [Fact]
    public void Register_AssignedPartitionThatNeverDelivers_IsReleasedAfterTheIdleTimeout()
    {
        var tracker = new WatermarkTracker(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
        tracker.Register(P1, wallClockMs: 0);
        tracker.Observe(P0, 100_000, wallClockMs: 29_000);

        Assert.Equal(95_000, tracker.Advance(31_000));
    }
}
