using System.Text;
using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Core.Windows;
using CreatorStream.Processing.Replay;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>
/// Property: for random streams (disorder within the watermark delay, late events within and beyond the allowed
/// lateness, duplicates), replayed in random batch sizes, every one-minute bucket, every correction mark, the
/// campaign to date, each platform's view and the 5-minute rolling view equal a brute-force recomputation.
/// </summary>
public sealed class WindowPropertyTests
{
    private const long Delay = 5_000;
    private const long Lateness = 3_600_000;
    private static readonly long JudgeLag = Core.Authenticity.AuthenticityOptions.Default.JudgeLagMs;

    private static readonly (string Creator, string Content, Platform Platform)[] Posts =
        [("anna", "post-1", Platform.Instagram), ("anna", "post-2", Platform.TikTok), ("ben", "post-b", Platform.Instagram)];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 25)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Replay_RandomStream_EqualsBruteForceBucketByBucket(int seed)
    {
        var random = new Random(seed);
        var events = RandomStream(random);
        var batchSize = random.Next(1, 50);
        var oracle = Oracle(events, batchSize);

        // Group signals off: forty random accounts engaging posts they were never shown are a bought batch to them, and
        // its revisions would correct buckets that this oracle of lateness does not predict.
        var options = ProcessorOptions.Default with { Authenticity = TestAuthenticity.WithoutGroupSignals };
        var replayer = new Replayer(TestCampaigns.Spring(), options, TimeProvider.System) { BatchSize = batchSize };
        var text = string.Join('\n', events.Select(e => Encoding.UTF8.GetString(Line(e))));
        var store = new State.InMemoryStateStore();
        var outcome = await replayer.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), null, CancellationToken.None, store);

        Assert.Equal(oracle.Late, outcome.Report.Late);
        Assert.Equal(oracle.Duplicates, outcome.Report.Duplicates);
        foreach (var (creator, content, platform) in Posts)
        {
            var key = AggregateKey.Content("spring", creator, content, platform);
            var buckets = await store.ReadBucketsAsync(key, long.MinValue, long.MaxValue, CancellationToken.None);
            var expected = oracle.Counted.Where(e => e.ContentId == content).GroupBy(e => EventTime.BucketStart(e.Ts)).OrderBy(g => g.Key).ToList();
            Assert.Equal(expected.Select(g => g.Key), buckets.Select(b => b.Start));
            foreach (var (group, bucket) in expected.Zip(buckets))
            {
                Assert.Equal(Figures(group), Figures(bucket.Figures));
                Assert.Equal(oracle.Corrected.Contains((content, group.Key)), bucket.CorrectedAtMs is not null);
            }
        }

        var toDate = await store.ReadCampaignAsync("spring", StateWindow.CampaignToDate, CancellationToken.None);
        Assert.Equal(Figures(oracle.Counted), Figures(toDate.Totals));
        foreach (var platform in new[] { Platform.Instagram, Platform.TikTok })
        {
            Assert.Equal(Figures(oracle.Counted.Where(e => e.Platform == platform)), Figures(toDate.Platforms[platform]));
        }

        var newest = oracle.Counted.Max(e => EventTime.BucketStart(e.Ts));
        var recent = await store.ReadCampaignAsync("spring", StateWindow.Last5Minutes, CancellationToken.None);
        Assert.Equal(Figures(oracle.Counted.Where(e => EventTime.BucketStart(e.Ts) > newest - (5 * 60_000))), Figures(recent.Totals));
    }

    /// <summary>Events at a clock advancing 0–3 s a step: most a little out of order, some late, some very late, some repeated.</summary>
    private static List<AudienceEvent> RandomStream(Random random)
    {
        var events = new List<AudienceEvent>();
        var clock = T0 + random.Next(0, 60_000);
        for (var i = 0; i < random.Next(200, 700); i++)
        {
            clock += random.Next(0, 3_000);
            var roll = random.NextDouble();
            if (roll < 0.05 && events.Count > 0)
            {
                events.Add(events[random.Next(events.Count)]); // a duplicate: the same event again
                continue;
            }

            var ts = roll switch
            {
                < 0.10 => clock - random.Next(6_000, 3_000_000), // late, within the hour allowed
                < 0.13 => clock - random.Next(3_700_000, 10_000_000), // later than allowed
                _ => clock - random.Next(0, 4_000), // disorder within the 5 s watermark delay
            };
            var (creator, content, platform) = Posts[random.Next(Posts.Length)];
            var user = $"u{random.Next(40)}";
            events.Add(random.Next(10) switch
            {
                < 6 => Impression(user, ts, creator, content, platform),
                < 9 => Engagement(user, ts, (EngagementKind)random.Next(4), creator, content, platform),
                _ => Click(user, ts, creator, content, platform),
            });
        }

        return events;
    }

    /// <summary>
    /// docs/design.md ("Event time") by brute force, one partition: lateness against the partition's watermark (newest
    /// counted ts − 5 s) record by record, before dedup; a bucket is corrected when an event lands in it after it was
    /// published, i.e. after the brand task's judged frontier (its event time, which moves with the source's mark at the
    /// end of each batch, less the judge lag) passed its end.
    /// </summary>
    private static (List<AudienceEvent> Counted, HashSet<(string, long)> Corrected, long Late, long Duplicates) Oracle(List<AudienceEvent> events, int batchSize)
    {
        var counted = new List<AudienceEvent>();
        var corrected = new HashSet<(string, long)>();
        var seen = new HashSet<string>();
        long late = 0, duplicates = 0, newest = long.MinValue, published = long.MinValue;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var watermark = newest == long.MinValue ? long.MinValue : newest - Delay;
            if (i % batchSize == 0 && watermark != long.MinValue)
            {
                // The mark after the previous batch moved the brand task's event time; its windows close a judge lag behind
                // it (authentic counts are judged then), at the last tick boundary that frontier passed.
                var judged = watermark - JudgeLag;
                published = judged - (((judged % BrandProcessor.TickMs) + BrandProcessor.TickMs) % BrandProcessor.TickMs);
            }

            if (watermark != long.MinValue && e.Ts < watermark - Lateness)
            {
                late++;
            }
            else if (!seen.Add(e.EventId))
            {
                duplicates++;
            }
            else
            {
                if (published != long.MinValue && EventTime.BucketStart(e.Ts) + EventTime.BucketMs <= published)
                {
                    corrected.Add((e.ContentId, EventTime.BucketStart(e.Ts)));
                }

                counted.Add(e);
                newest = Math.Max(newest, e.Ts);
            }
        }

        return (counted, corrected, late, duplicates);
    }

    private static (long, long, long, long, long, long, long) Figures(IEnumerable<AudienceEvent> events)
    {
        var list = events.ToList();
        long Kind(EngagementKind kind) => list.OfType<Engagement>().LongCount(e => e.Kind == kind);
        return (list.OfType<Impression>().LongCount(), list.OfType<Impression>().Select(e => e.UserId).Distinct().LongCount(),
            Kind(EngagementKind.Like), Kind(EngagementKind.Comment), Kind(EngagementKind.Share), Kind(EngagementKind.Save), list.OfType<Click>().LongCount());
    }

    private static (long, long, long, long, long, long, long) Figures(AggregateView view) =>
        (view.Counters.Impressions, view.Reach, view.Counters.Likes, view.Counters.Comments, view.Counters.Shares, view.Counters.Saves, view.Counters.Clicks);
}
