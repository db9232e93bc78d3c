using CreatorStream.Core.Events;
using CreatorStream.Core.Snapshots;

namespace CreatorStream.Core.Tests.Events;

/// <summary>
/// A snapshot written beside the stage reads waiting events the task may release meanwhile (decision 0033): while a
/// hold is taken, a released event is left to the collector, never filled with another record under the writer. In the
/// collection that runs alone, so no other test's snapshot holds the pools meanwhile.
/// </summary>
[Collection(nameof(Performance.HotPathAllocationTests))]
public sealed class DecodedEventsHoldTests
{
    private const int Chunk = AudienceEventPool<Impression>.ChunkSize;

    [Fact]
    public void Release_WhileHeld_LeavesTheEventOutOfItsPool()
    {
        var pool = new AudienceEventPool<Impression>(Impression.Empty);
        var held = Enumerable.Range(0, Chunk).Select(_ => pool.Rent()).ToList();
        var hold = DecodedEvents.Hold();
        held.ForEach(DecodedEvents.Release);
        Assert.Equal(0, pool.FullChunks); // a whole chunk released, none given back
        Assert.All(held, e => Assert.True(e.Pooling.Lent));

        hold.Dispose();
        hold.Dispose(); // once, however often disposed
        Assert.Equal(0, DecodedEvents.Holds);
        var after = Enumerable.Range(0, Chunk).Select(_ => pool.Rent()).ToList();
        Assert.DoesNotContain(after, e => held.Any(h => ReferenceEquals(h, e))); // the held ones were never pooled again
        after.ForEach(DecodedEvents.Release);
        Assert.Equal(1, pool.FullChunks); // back to the pool once let go
    }

    [Fact]
    public void Finish_LetsGoOfTheCapturesHolds()
    {
        var capture = new SnapshotCapture();
        capture.Keep(DecodedEvents.Hold());
        var group = new SnapshotCapture();
        group.Keep(DecodedEvents.Hold());
        group.Later(w => w.Write(7));
        capture.Now(w => w.Write(6));
        capture.Append(group);
        Assert.Equal(2, DecodedEvents.Holds);

        var bytes = capture.Finish();

        Assert.Equal(0, DecodedEvents.Holds);
        Assert.Equal(new byte[] { 6, 0, 0, 0, 7, 0, 0, 0 }, bytes.ToArray());
    }

    [Fact]
    public void Dispose_ACaptureNeverFinished_LetsGoOfItsHolds()
    {
        var capture = new SnapshotCapture();
        capture.Keep(DecodedEvents.Hold());
        capture.Later(w => w.Write(1));

        capture.Dispose();

        Assert.Equal(0, DecodedEvents.Holds);
    }
}
