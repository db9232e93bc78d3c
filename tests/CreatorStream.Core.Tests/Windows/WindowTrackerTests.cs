using CreatorStream.Core.Metrics;
using CreatorStream.Core.Sketches;
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

        // Restored buckets have sketches of their own, not lent: past the lateness they go, and are not lent again.
        var later = T0 + (3 * Minute) + (long)Lateness.TotalMilliseconds;
        Assert.Empty(Advance(restored, later));
        Assert.Equal((0, 0), (restored.OpenBuckets, restored.SpareBuckets));
        Record(restored, Key("c1", later), likes: 4, watermark: later);
        Assert.Equal([("c1", later, 4L, false)], Sorted(Advance(restored, later + Minute)));
    }

    [Fact]
    public void Advance_PastTheLateness_DropsTheBucket_SoALaterEventStartsItAfresh()
    {
        var tracker = new WindowTracker(Lateness);
        Record(tracker, Key("c1", T0), likes: 2, watermark: T0);
        Advance(tracker, T0 + Minute);
        Assert.Equal(1, tracker.OpenBuckets);

        var past = T0 + Minute + (long)Lateness.TotalMilliseconds + 1;
        Advance(tracker, past);
        Assert.Equal(0, tracker.OpenBuckets);

        // The minute the last event found went: an event of it now (a caller that does not drop it) makes it anew, and
        // its first publication holds that event alone.
        Record(tracker, Key("c1", T0), likes: 3, watermark: past);
        Assert.Equal(1, tracker.OpenBuckets);
        Assert.Equal([("c1", T0, 3L, false)], Sorted(Advance(tracker, past)));
    }

    private static AggregateKey Key(string campaign, long minute) => AggregateKey.Campaign(campaign, minute);

    /// <summary>
    /// A bucket found (<see cref="WindowTracker.BucketOf"/>) is the one its key's records go to for as long as the
    /// tracker's generation stays: the brand processor keeps a busy post's buckets by it. It changes when a minute goes
    /// (its buckets are emptied for later minutes) and on a restore, and not when minutes close or come.
    /// </summary>
    [Fact]
    public void Generation_ChangesWhenAMinuteGoesOrOnRestore_AndOnlyThen()
    {
        var tracker = new WindowTracker(Lateness);
        var key = Key("c1", T0);
        var bucket = tracker.BucketOf(key);
        var generation = tracker.Generation;
        Record(tracker, key, likes: 2, watermark: T0);
        Assert.Same(bucket, tracker.BucketOf(key));
        Assert.Equal(2, bucket.Aggregate.Counters.Likes);

        Advance(tracker, T0 + Minute); // closed and published, held for late events
        Record(tracker, Key("c1", T0 + Minute), likes: 1, watermark: T0 + Minute); // a minute comes
        Assert.Equal(generation, tracker.Generation);
        Assert.Same(bucket, tracker.BucketOf(key));

        Advance(tracker, T0 + Minute + (long)Lateness.TotalMilliseconds + 1); // the first minute goes, the second stays
        Assert.NotEqual(generation, tracker.Generation);
        Assert.Equal(1, tracker.OpenBuckets);
        Assert.Same(bucket, tracker.BucketOf(Key("c2", T0 + (2 * Minute)))); // emptied, and now another key's

        var writer = new SnapshotWriter();
        tracker.Save(writer);
        var restored = new WindowTracker(Lateness);
        var before = restored.Generation;
        restored.Load(new SnapshotReader(writer.ToArray()));
        Assert.NotEqual(before, restored.Generation);
    }

    [Fact]
    public void Advance_MinutesGoingAndComing_CountEachMinutesReachAsASketchOfItsOwn()
    {
        // Three hours of minutes, so the first ones go (past the hour's lateness) and later minutes' sketches take their
        // arrays: each minute's reach must still be its own users' (exact below 1,024 users, the same estimate above).
        var random = new Random(47);
        var tracker = new WindowTracker(Lateness);
        var published = new List<ClosedWindow>();
        var users = new Dictionary<AggregateKey, List<ulong>>();
        for (var minute = 0; minute < 180; minute++)
        {
            var start = T0 + (minute * Minute);
            foreach (var campaign in new[] { "c1", "c2", "c3" })
            {
                var key = Key(campaign, start);
                var count = random.Next(5) == 0 ? 1_000 + random.Next(1_500) : random.Next(200);
                for (var i = 0; i < count; i++)
                {
                    var delta = new AggregateDelta();
                    var hash = (ulong)random.Next(3_000) * 0x9E3779B97F4A7C15UL; // users seen again within and across minutes
                    delta.UserHashes.Add(hash);
                    delta.Touch(start);
                    tracker.Record(key, delta, start, wallClockMs: 0);
                    (users.TryGetValue(key, out var list) ? list : users[key] = []).Add(hash);
                }
            }

            tracker.Advance(start, published);
        }

        Assert.Equal(users.Keys.Count(k => k.BucketStart < T0 + (179 * Minute)), published.Count(w => !w.IsCorrection)); // minutes 0 to 178 closed
        Assert.All(published, w => Assert.Equal(HyperLogLog.FromHashes(users[w.Key]).Count(), w.Reach));
        Assert.True(tracker.SketchArraysReused > 100, $"{tracker.SketchArraysReused} arrays lent again");
    }

    [Fact]
    public void Advance_BucketsOfMinutesThatWent_AreLentToLaterMinutesAsNew()
    {
        // Three hours of minutes with late events: the buckets of minutes past the lateness are emptied and lent to later
        // minutes, whose windows and corrections must hold their own events only (likes and reach, held to a tally).
        var random = new Random(55);
        var tracker = new WindowTracker(Lateness);
        var published = new List<ClosedWindow>();
        var likes = new Dictionary<AggregateKey, long>();
        var users = new Dictionary<AggregateKey, List<ulong>>();
        var expected = new List<(AggregateKey Key, long Likes, long Reach, bool Correction)>();
        var spares = new List<int>();
        for (var minute = 0; minute < 180; minute++)
        {
            var start = T0 + (minute * Minute);
            foreach (var (campaign, at) in new[] { ("c1", start), ("c2", start), ("c3", start - (random.Next(30) * Minute)) }) // c3 late
            {
                var key = Key(campaign, at);
                for (var i = random.Next(1, 40); i > 0; i--)
                {
                    var delta = new AggregateDelta();
                    var hash = (ulong)random.Next(500) * 0x9E3779B97F4A7C15UL;
                    delta.Counters.Likes = 1;
                    delta.UserHashes.Add(hash);
                    delta.Touch(at);
                    tracker.Record(key, delta, start, wallClockMs: 0);
                    likes[key] = likes.GetValueOrDefault(key) + 1;
                    (users.TryGetValue(key, out var list) ? list : users[key] = []).Add(hash);
                }
            }

            var before = published.Count;
            tracker.Advance(start, published);
            foreach (var window in published.Skip(before))
            {
                Assert.Equal((likes[window.Key], HyperLogLog.FromHashes(users[window.Key]).Count()), (window.Counters.Likes, window.Reach));
            }

            spares.Add(tracker.SpareBuckets);
        }

        Assert.Contains(published, w => w.IsCorrection);
        Assert.Equal(0, spares[20]); // nothing gone yet (the earliest late minute goes after 32 minutes)
        Assert.InRange(spares.Max(), 1, 64); // then the buckets that go are the next ones lent
        Assert.InRange(tracker.OpenBuckets, 60 * 2, 62 * 3);
    }

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
