using System.Diagnostics;
using CreatorStream.Bench;

namespace CreatorStream.Host.Tests.Bench;

/// <summary>
/// The live bench's second-by-second timeline (<c>--timeline</c>), against rows worked out by hand: each sample lands in
/// the second its timestamp falls in, counted from the start of producing, and a second's snapshot columns sum the holds
/// and the writes that ended in it, apart.
/// </summary>
public sealed class LatencyTimelineTests
{
    private static readonly long Second = Stopwatch.Frequency;
    private const long Start = 1_000_000;

    [Fact]
    public void Build_PutsEachSampleInTheSecondItEndedIn_SnapshotHoldsAndWritesApart()
    {
        long At(double seconds) => Start + (long)(seconds * Second);

        var rows = LatencyTimeline.Build(
            Start,
            produced: [At(0.1), At(0.2), At(1.5)],
            committed: [(At(0.9), 40.0), (At(1.1), 300.0)],
            commits: [(At(0.8), At(0.9), 2L)],
            gcs: [],
            hubMessages: [At(1.2)],
            snapshots:
            [
                new SnapshotEvent(At(1.3), Held: true, 120),
                new SnapshotEvent(At(1.6), Held: true, 30.3),
                new SnapshotEvent(At(1.9), Held: false, 480),
                new SnapshotEvent(At(2.4), Held: false, 55),
                new SnapshotEvent(At(-0.5), Held: true, 999), // before producing began: no row
            ]);

        Assert.Equal([0, 1, 2], rows.Select(r => r.Second));
        Assert.Equal((2L, 0.0, 0.0), (rows[0].Produced, rows[0].SnapshotHeldMs, rows[0].SnapshotMs));
        Assert.Equal((1L, 150.3, 480.0, 1L), (rows[1].Produced, rows[1].SnapshotHeldMs, rows[1].SnapshotMs, rows[1].HubMessages));
        Assert.Equal((0.0, 55.0), (rows[2].SnapshotHeldMs, rows[2].SnapshotMs));
        Assert.Equal(300.0, rows[1].LatencyMsMax);

        var header = TimelineRow.CsvHeader.Split(',');
        var second = rows[1].ToCsv().Split(',');
        Assert.Equal(header.Length, second.Length);
        Assert.Equal("150.3", second[Array.IndexOf(header, "snapshot_held_ms")]);
        Assert.Equal("480", second[Array.IndexOf(header, "snapshot_ms")]);
    }
}
