using CreatorStream.Core.Metrics;
using CreatorStream.Core.Snapshots;
using CreatorStream.Core.Streaming;
using CreatorStream.Core.Windows;

namespace CreatorStream.Core.Tests.Windows;

/// <summary>
/// The minute buckets' publications, by hand: each bucket once when the watermark closes it, again as a correction
/// after each late change, never otherwise; and what a bucket owes survives a snapshot.
/// </summary>
public sealed class WindowTrackerTests
{
    private const long Minute = 60_000;
    private const long T0 = 1_767_225_600_000; // 2026-01-01T00:00Z, a minute's start

    private static readonly TimeSpan Lateness = TimeSpan.FromMinutes(60);

    [Fact]
    public void Advance_PublishesEachClosedBucketOnce_AndOpenOnesNotYet()
    {
        var tracker = new WindowTracker(Lateness);
        Record(tracker, Key("c1", T0), likes: 2, watermark: T0);
        Record(tracker, Key("c2", T0), likes: 1, watermark: T0);
        Record(tracker, Key("c1", T0 + Minute), likes: 5, watermark: T0);

        var first = Advance(tracker, T0 + Minute); // closes the first minute only
        Assert.Equal([("c1", T0, 2L, false), ("c2", T0, 1L, false)], Sorted(first));

        Assert.Empty(Advance(tracker, T0 + Minute + 1)); // nothing new is owed
        Assert.Equal([("c1", T0 + Minute, 5L, false)], Sorted(Advance(tracker, T0 + (2 * Minute))));
        Assert.Empty(Advance(tracker, T0 + (3 * Minute)));
    }

    [Fact]
    public void Record_LateIntoAPublishedBucket_PublishesOneCorrectionWithTheNewTotal()
    {
        var tracker = new WindowTracker(Lateness);
        Record(tracker, Key("c1", T0), likes: 2, watermark: T0);
        Record(tracker, Key("c2", T0), likes: 1, watermark: T0);
        Advance(tracker, T0 + Minute);

        Record(tracker, Key("c1", T0), likes: 3, watermark: T0 + (5 * Minute));
        Record(tracker, Key("c1", T0), likes: 1, watermark: T0 + (5 * Minute));

        // Only the changed bucket, once, as a correction carrying everything it holds now (2 + 3 + 1).
        Assert.Equal([("c1", T0, 6L, true)], Sorted(Advance(tracker, T0 + (5 * Minute))));
        Assert.Empty(Advance(tracker, T0 + (6 * Minute)));
    }

    [Fact]
    public void Record_LateIntoABucketNeverPublished_PublishesItOnceAndNotAsACorrection()
    {
        var tracker = new WindowTracker(Lateness);

        // The watermark has passed the minute before its first event arrives: published once, as a first publication.
        Record(tracker, Key("c1", T0), likes: 4, watermark: T0 + (3 * Minute));
        Record(tracker, Key("c1", T0), likes: 1, watermark: T0 + (3 * Minute));

        Assert.Equal([("c1", T0, 5L, false)], Sorted(Advance(tracker, T0 + (3 * Minute))));
        Assert.Empty(Advance(tracker, T0 + (4 * Minute)));
    }

    [Fact]
    public void SaveLoad_ABucketOwingACorrection_StillOwesItAfterRestore()
    {
        var tracker = new WindowTracker(Lateness);
        Record(tracker, Key("c1", T0), likes: 2, watermark: T0);
        Record(tracker, Key("c2", T0 + Minute), likes: 7, watermark: T0);
        Advance(tracker, T0 + Minute);
        Record(tracker, Key("c1", T0), likes: 1, watermark: T0 + (2 * Minute)); // owes a correction

        var writer = new SnapshotWriter();
        tracker.Save(writer);
        var restored = new WindowTracker(Lateness);
        restored.Load(new SnapshotReader(writer.ToArray()));

        Assert.Equal([("c1", T0, 3L, true), ("c2", T0 + Minute, 7L, false)], Sorted(Advance(restored, T0 + (2 * Minute))));
        Assert.Empty(Advance(restored, T0 + (3 * Minute)));
    }

    [Fact]
    public void Advance_PastTheLateness_DropsTheBucket_SoALaterEventStartsItAfresh()
    {
        var tracker = new WindowTracker(Lateness);
        Record(tracker, Key("c1", T0), likes: 2, watermark: T0);
        Advance(tracker, T0 + Minute);
        Assert.Equal(1, tracker.OpenBuckets);

        Advance(tracker, T0 + Minute + (long)Lateness.TotalMilliseconds + 1);
        Assert.Equal(0, tracker.OpenBuckets);
    }

    private static AggregateKey Key(string campaign, long minute) => AggregateKey.Campaign(campaign, minute);

    private static void Record(WindowTracker tracker, AggregateKey key, long likes, long watermark)
    {
        var delta = new AggregateDelta();
        delta.Counters.Likes = likes;
        delta.Touch(key.BucketStart);
        tracker.Record(key, delta, watermark, wallClockMs: 0);
    }

    private static List<ClosedWindow> Advance(WindowTracker tracker, long watermark)
    {
        var output = new List<ClosedWindow>();
        tracker.Advance(watermark, output);
        return output;
    }

    private static (string Campaign, long Minute, long Likes, bool Correction)[] Sorted(List<ClosedWindow> windows) =>
        [.. windows.Select(w => (w.Key.CampaignId, w.Key.BucketStart, w.Counters.Likes, w.IsCorrection)).OrderBy(w => w.CampaignId).ThenBy(w => w.BucketStart)];
}
