using CreatorStream.Core.Streaming;
using CreatorStream.Host.Composition;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Host.Tests.Composition;

/// <summary>
/// The snapshot warm-up (docs/design.md, "Recovery"): it must reach the snapshot code a busy task's first capture runs,
/// so its task holds events still waiting and a state of every kind, and it runs once per process.
/// </summary>
public sealed class SnapshotWarmUpTests
{
    public static TheoryData<string> Options => ["default", "live"];

    [Theory]
    [MemberData(nameof(Options))]
    public void Run_GeneratedTraffic_CapturesATaskWithWaitingEventsAndState(string kind)
    {
        // The live verbs dead-letter an event further ahead of the wall clock than 15 minutes: the warm-up's events must
        // pass that too (they once all failed it, and the warm-up captured an empty task).
        var options = kind == "live" ? ProcessorOptions.Default with { MaxFutureSkew = TimeSpan.FromMinutes(15) } : ProcessorOptions.Default;
        var first = SnapshotWarmUp.Run(options);
        var second = SnapshotWarmUp.Run(options);

        Assert.Equal(SnapshotWarmUp.Events, first.Records);
        Assert.InRange(first.Waiting, 1, first.Records - 1); // some judged, some still waiting: both paths are written
        Assert.True(first.SnapshotBytes > 500_000, $"a snapshot of {first.SnapshotBytes} bytes holds too little to reach every component's code");
        Assert.Equal(first, second); // generated traffic with a fixed seed: the same task every time
    }

    [Fact]
    public async Task Start_CalledAgain_RunsOnce()
    {
        var started = SnapshotWarmUp.Start(ProcessorOptions.Default, NullLogger.Instance);

        Assert.Same(started, SnapshotWarmUp.Start(ProcessorOptions.Default, NullLogger.Instance));
        Assert.Equal(SnapshotWarmUp.Events, (await started).Records);
    }
}
