using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Streaming;

public sealed class StreamProcessorTests
{
    // No judge lag: these tests are about the processor's event-time mechanics, hand-timed to the watermark itself.
    private static readonly ProcessorOptions Options = ProcessorOptions.Default with
    {
        WatermarkDelay = TimeSpan.FromSeconds(5),
        AllowedLateness = TimeSpan.FromMinutes(10),
        IdleTimeout = null,
        Authenticity = Core.Authenticity.AuthenticityOptions.Default with { JudgeLagMs = 0 },
    };

    private readonly StreamProcessor _processor = new(TestCampaigns.Spring(), Options);

    [Fact]
    public void Process_HandComputedBatch_CountsEveryScope()
    {
        var first = Impression("u1", T0 + 1_000, content: "post-1");
        var result = _processor.Process(Batch(
            0,
            Record(first, 0),
            Record(Impression("u1", T0 + 2_000, content: "post-2", platform: Platform.TikTok), 1),
            Record(Impression("u2", T0 + 3_000, content: "post-1"), 2),
            Record(Engagement("u1", T0 + 4_000, EngagementKind.Like), 3),
            Record(Engagement("u2", T0 + 5_000, EngagementKind.Comment), 4),
            Record(Click("u1", T0 + 6_000), 5),
            Record(Impression("u3", T0 + 61_000, creator: "ben", content: "post-b"), 6),
            Record(first, 7)));

        var delta = result.Delta;
        var campaign = delta.Aggregates[AggregateKey.Campaign("spring")];
        Assert.Equal(4, campaign.Counters.Impressions);
        Assert.Equal(1, campaign.Counters.Likes);
        Assert.Equal(1, campaign.Counters.Comments);
        Assert.Equal(2, campaign.Counters.AuthenticEngagements);
        Assert.Equal(1, campaign.Counters.Clicks);
        Assert.Equal(3, campaign.UserHashes.Distinct().Count());

        var anna = delta.Aggregates[AggregateKey.Creator("spring", "anna")];
        Assert.Equal(3, anna.Counters.Impressions);
        Assert.Equal(2, anna.UserHashes.Distinct().Count()); // u1 on two platforms counts once

        var post1 = delta.Aggregates[AggregateKey.Content("spring", "anna", "post-1", Platform.Instagram)];
        Assert.Equal(2, post1.Counters.Impressions);
        Assert.Equal(ContentFormat.Reel, post1.Format);

        var minute0 = delta.Aggregates[AggregateKey.Campaign("spring", T0)];
        var minute1 = delta.Aggregates[AggregateKey.Campaign("spring", T0 + 60_000)];
        Assert.Equal(3, minute0.Counters.Impressions);
        Assert.Equal(1, minute1.Counters.Impressions);

        Assert.Equal(1, delta.Duplicates);
        Assert.Equal(7, delta.Events);
        Assert.Equal(8, delta.NextOffsets[new SourcePartition("test", 0)]);
        Assert.Equal(T0 + 56_000, delta.Watermark);
    }

    [Fact]
    public void Process_WatermarkPassesABucket_ClosesItOnceThenCorrectsItForALateEvent()
    {
        _processor.Process(Batch(0, Record(Impression("u1", T0 + 10_000), 0)));

        var closing = _processor.Process(Batch(0, Record(Impression("u2", T0 + 70_000), 1)));
        var closed = Assert.Single(closing.ClosedWindows, w => w.Key == AggregateKey.Campaign("spring", T0));
        Assert.False(closed.IsCorrection);
        Assert.Equal(1, closed.Counters.Impressions);
        Assert.Equal(1, closed.Reach);

        var quiet = _processor.Process(Batch(0, Record(Impression("u3", T0 + 71_000), 2)));
        Assert.DoesNotContain(quiet.ClosedWindows, w => w.Key.BucketStart == T0);

        var late = _processor.Process(Batch(0, Record(Impression("u4", T0 + 30_000), 3)));
        var correction = Assert.Single(late.ClosedWindows, w => w.Key == AggregateKey.Campaign("spring", T0));
        Assert.True(correction.IsCorrection);
        Assert.Equal(2, correction.Counters.Impressions);
        Assert.Equal(2, correction.Reach);
        Assert.Equal(1, late.Delta.Aggregates[AggregateKey.Campaign("spring", T0)].Counters.Impressions);
    }

    [Fact]
    public void Process_EventLaterThanTheAllowedLateness_IsADeadLetterAndNotCounted()
    {
        _processor.Process(Batch(0, Record(Impression("u1", T0 + 20 * 60_000), 0)));

        var result = _processor.Process(Batch(0, Record(Impression("u2", T0 + 50_000), 1)));

        var letter = Assert.Single(result.DeadLetters);
        Assert.Equal(DeadLetterReason.Late, letter.Reason);
        Assert.Equal(DeadLetterStage.Process, letter.Stage);
        Assert.Equal(1, result.Delta.DeadLetters[DeadLetterReason.Late]);
        Assert.Empty(result.Delta.Aggregates);
        Assert.Equal(2, result.Delta.NextOffsets[new SourcePartition("test", 0)]); // consumed, not lost: it is in the dead letters
    }

    [Fact]
    public void Process_LateEventInTheSameBatchAsTheEventThatMakesItLate_IsStillLate()
    {
        var result = _processor.Process(Batch(0, Record(Impression("u1", T0 + (20 * 60_000)), 0), Record(Impression("u2", T0), 1)));

        Assert.Equal(DeadLetterReason.Late, Assert.Single(result.DeadLetters).Reason);
    }

    [Fact]
    public void Process_EventJustInsideTheAllowedLateness_IsCounted()
    {
        _processor.Process(Batch(0, Record(Impression("u1", T0 + 20 * 60_000), 0)));
        var watermark = _processor.Watermark;

        var result = _processor.Process(Batch(0, Record(Impression("u2", watermark - (10 * 60_000)), 1)));

        Assert.Empty(result.DeadLetters);
        Assert.Equal(1, result.Delta.Aggregates[AggregateKey.Campaign("spring")].Counters.Impressions);
    }

    [Fact]
    public void Process_UnknownCampaignCreatorOrBrand_AreDeadLettersWithReasons()
    {
        var result = _processor.Process(Batch(
            0,
            Record(Impression("u1", T0, campaign: "autumn"), 0),
            Record(Impression("u1", T0, creator: "carl"), 1),
            Record(Conversion("u1", T0, brand: "globex", campaign: null), 2),
            Record(Conversion("u1", T0, campaign: "autumn"), 3),
            Raw("{oops", 4)));

        Assert.Equal(
            [DeadLetterReason.UnknownCampaign, DeadLetterReason.UnknownCreator, DeadLetterReason.UnknownCampaign, DeadLetterReason.UnknownCampaign, DeadLetterReason.InvalidJson],
            result.DeadLetters.Select(d => d.Reason));
        Assert.Equal(DeadLetterStage.Deserialize, result.DeadLetters[^1].Stage);
        Assert.Equal("{oops"u8.ToArray(), result.DeadLetters[^1].Record.Value.ToArray());
        Assert.Equal(0, result.Delta.Events);
    }

    [Fact]
    public void Process_DuplicateOnAnotherPartition_IsCountedOnce()
    {
        var impression = Impression("u1", T0);

        var result = _processor.Process(Batch(0, Record(impression, 0, partition: 0), Record(impression, 0, partition: 1)));

        // Duplicates are judged by the brand's one owner (docs/design.md, "Dataflow"), whichever partitions the copies came on.
        Assert.Equal(1, result.Delta.Duplicates);
        Assert.Equal(1, result.Delta.Aggregates[AggregateKey.Campaign("spring")].Counters.Impressions);
    }

    [Fact]
    public void Flush_AtTheEndOfInput_ClosesEveryOpenBucket()
    {
        _processor.Process(Batch(0, Record(Impression("u1", T0), 0), Record(Click("u1", T0 + 200_000), 1)));

        var result = _processor.Flush(0);

        Assert.Contains(result.ClosedWindows, w => w.Key == AggregateKey.Campaign("spring", T0 + 180_000) && w.Counters.Clicks == 1);
        Assert.All(result.ClosedWindows, w => Assert.False(w.IsCorrection));
    }

    [Fact]
    public void Process_CreditedOrders_CountIntoTheirCampaignsMinuteOnceEach()
    {
        // u1 saw anna's post, then bought twice in minute T0 + 1; u9 bought without any touch (unattributed).
        var result = _processor.Process(Batch(
            0,
            Record(Impression("u1", T0), 0),
            Record(Conversion("u1", T0 + 70_000, 40m, id: "order-1"), 1),
            Record(Conversion("u1", T0 + 80_000, 10m, id: "order-2"), 2),
            Record(Conversion("u9", T0 + 90_000, 99m, id: "order-3"), 3),
            Record(Impression("u2", T0 + 200_000), 4))); // moves the watermark past the orders

        var minute = result.Delta.Aggregates[AggregateKey.Campaign("spring", T0 + 60_000)].Counters;
        Assert.Equal(2, minute.Conversions); // two credited orders, each once although seven models credit it
        Assert.Equal(2, result.Delta.Aggregates[AggregateKey.Campaign("spring")].Counters.Conversions);
        Assert.DoesNotContain(AggregateKey.Campaign("spring", T0 + 60_000), result.Delta.CorrectedBuckets);
        Assert.Contains(result.ClosedWindows, w => w.Key == AggregateKey.Campaign("spring", T0 + 60_000) && w.Counters.Conversions == 2);
    }

    [Fact]
    public void Process_ALateOrder_CorrectsItsClosedMinute()
    {
        _processor.Process(Batch(0, Record(Impression("u1", T0), 0), Record(Impression("u2", T0 + 200_000), 1)));

        var late = _processor.Process(Batch(1, Record(Conversion("u1", T0 + 70_000, 40m, id: "order-1"), 2)));

        Assert.Equal(1, late.Delta.Aggregates[AggregateKey.Campaign("spring", T0 + 60_000)].Counters.Conversions);
        Assert.Contains(AggregateKey.Campaign("spring", T0 + 60_000), late.Delta.CorrectedBuckets);
        // The minute had no window of its own yet, so this is its first publication (as for a late impression there).
        Assert.Contains(late.ClosedWindows, w => w.Key == AggregateKey.Campaign("spring", T0 + 60_000) && w.Counters.Conversions == 1);
    }

    [Fact]
    public void Flush_AfterBoughtLikes_PublishesTheFlaggedAccountsBeforeForgettingThem()
    {
        // 25 bought likes (new accounts, never shown the post, ten to a proxy IP) in a single wall-clock instant: the
        // flags interval never passes, so only the end of input publishes them, while its watermark passes every account.
        var records = Enumerable.Range(0, 25)
            .Select(i => Record(Engagement($"bot-{i}", T0 + (i * 600)) with { AccountAgeDays = 3, IpHash = $"proxy-{i / 10}" }, i))
            .Prepend(Record(Impression("fan", T0 - 1_000), 25))
            .ToArray();
        _processor.Process(Batch(0, records));

        var result = _processor.Flush(0);

        var scopes = new[] { new FlagScope("spring", null, null), new FlagScope("spring", "anna", null), new FlagScope("spring", "anna", "post-1") };
        foreach (var scope in scopes)
        {
            Assert.True(result.Delta.FlaggedAccounts.TryGetValue(scope, out var accounts), $"no flagged accounts published for {scope}");
            Assert.Equal(Enumerable.Range(0, 25).Select(i => $"bot-{i}").Order(StringComparer.Ordinal), accounts.Select(a => a.AccountId).Order(StringComparer.Ordinal));
        }

        Assert.Contains(result.Alerts, a => a.Kind == Alerts.AlertKinds.InauthenticEngagement && a.ContentId == "post-1");
    }

    [Fact]
    public void Process_QuietPartitionPastTheIdleTimeout_StopsHoldingWindowsOpen()
    {
        var processor = new StreamProcessor(TestCampaigns.Spring(), Options with { IdleTimeout = TimeSpan.FromSeconds(30) });
        processor.Process(Batch(0, Record(Impression("u1", T0 + 10_000), 0, partition: 0), Record(Impression("u2", T0 + 70_000), 0, partition: 1)));

        // Wall clock 29 s later: partition 0 is quiet but not yet idle, so minute T0 stays open.
        var before = processor.Process(Batch(29_000, Record(Impression("u3", T0 + 130_000), 1, partition: 1)));
        Assert.DoesNotContain(before.ClosedWindows, w => w.Key == AggregateKey.Campaign("spring", T0));
        Assert.Equal(T0 + 5_000, before.Delta.Watermark);

        // 31 s: partition 0 is idle; the watermark follows partition 1 and minutes T0 and T0 + 1 close.
        var after = processor.Process(Batch(31_000, Record(Impression("u4", T0 + 131_000), 2, partition: 1)));
        Assert.Equal(T0 + 126_000, after.Delta.Watermark);
        Assert.Contains(after.ClosedWindows, w => w.Key == AggregateKey.Campaign("spring", T0) && w.Counters.Impressions == 1);
        Assert.Contains(after.ClosedWindows, w => w.Key == AggregateKey.Campaign("spring", T0 + 60_000) && w.Counters.Impressions == 1);
    }

    [Fact]
    public void Process_StreamResumingAfterEveryPartitionWentIdle_FirstPartitionBackDoesNotMoveEventTimePastItsPeers()
    {
        var processor = new StreamProcessor(TestCampaigns.Spring(), Options with { IdleTimeout = TimeSpan.FromSeconds(30) });
        processor.Process(Batch(0, Record(Impression("u1", T0 + 10_000), 0, partition: 0), Record(Impression("u2", T0 + 12_000), 0, partition: 1)));

        // A minute of silence: both partitions idle; event time is the newest of them.
        var quiet = processor.Process(Batch(60_000));
        Assert.Equal(T0 + 7_000, quiet.Delta.Watermark);

        // The stream resumes, an hour of event time further on. Partition 0's records come a batch before partition 1's:
        // partition 1 has the idle timeout again, so event time waits at its watermark instead of following partition 0.
        var first = processor.Process(Batch(61_000, Record(Impression("u3", T0 + 3_600_000), 1, partition: 0)));
        Assert.Equal(T0 + 7_000, first.Delta.Watermark);
        var second = processor.Process(Batch(61_100, Record(Impression("u4", T0 + 3_590_000), 1, partition: 1)));
        Assert.Equal(T0 + 3_585_000, second.Delta.Watermark);
        Assert.Empty(second.DeadLetters);

        // A peer that falls silent again holds event time back only for the timeout: then partition 0 leads alone.
        var quieter = processor.Process(Batch(80_000, Record(Impression("u5", T0 + 3_650_000), 2, partition: 0)));
        Assert.Equal(T0 + 3_585_000, quieter.Delta.Watermark);
        var silent = processor.Process(Batch(91_200, Record(Impression("u6", T0 + 3_700_000), 3, partition: 0)));
        Assert.Equal(T0 + 3_695_000, silent.Delta.Watermark);
    }

    [Fact]
    public void Process_CopiesOnAPartitionHoursBehind_AreCaughtByTheDedupFilterAndCountedAsProbable()
    {
        // Two hours of impressions on partition 0, one every 10 s; exact ids are kept 25 min (lateness 10 min + 15).
        var processor = new StreamProcessor(TestCampaigns.Spring(), Options);
        var first = Enumerable.Range(0, 720).Select(i => Impression($"u{i}", T0 + (i * 10_000L), id: $"first-{i}")).ToList();
        var result = processor.Process(Batch(0, [.. first.Select((e, i) => Record(e, i, partition: 0))]));
        Assert.Equal(720, result.Delta.Events);
        Assert.Equal(0, result.Delta.DedupFilterLookups);

        // Partition 1 starts an hour and a half behind: copies of 50 first-hour events, and 50 events never seen, from that hour.
        var copies = first.Take(50).ToList();
        var fresh = Enumerable.Range(0, 50).Select(i => Impression($"v{i}", T0 + 5_000 + (i * 10_000L), id: $"fresh-{i}")).ToList();
        var behind = processor.Process(Batch(1_000, [.. copies.Concat(fresh).Select((e, i) => Record(e, i, partition: 1))]));

        // Every copy is caught, by its hour's filter (its id left the exact tier long ago), and counted as probable; the new
        // ones are counted (ids chosen here: none is a filter's false match).
        Assert.Equal(50, behind.Delta.Duplicates);
        Assert.Equal(50, behind.Delta.ProbableDuplicates);
        Assert.Equal(50, behind.Delta.Events);
        Assert.Equal(100, behind.Delta.DedupFilterLookups);

        // A copy within the exact span is an exact duplicate, not a probable one.
        var recent = processor.Process(Batch(2_000, Record(first[^1], 720, partition: 0)));
        Assert.Equal(1, recent.Delta.Duplicates);
        Assert.Equal(0, recent.Delta.ProbableDuplicates);
    }

    [Fact]
    public void Process_PlantedSurgeThroughTheProcessor_RaisesOneSpikeAlertWhenItsMinuteCloses()
    {
        // Eight minutes of 10 likes a minute on post-1, then a minute of 100, then quiet minutes: the alert comes once,
        // when the watermark (newest event − 5 s) passes the end of the surge minute. Each liker was shown the post just
        // before (likes from accounts never shown it, a hundred at once, are bought: exposure_gap).
        var offset = 0L;
        var alerts = new List<Core.Alerts.Alert>();
        for (var minute = 0; minute < 12; minute++)
        {
            var likes = minute == 8 ? 100 : 10;
            var records = Enumerable.Range(0, likes)
                .SelectMany(i => new[]
                {
                    Record(Impression($"u{minute}-{i}", T0 + (minute * 60_000) + (i * 500)), offset++),
                    Record(Engagement($"u{minute}-{i}", T0 + (minute * 60_000) + (i * 500) + 100), offset++),
                })
                .ToArray();
            alerts.AddRange(_processor.Process(Batch(minute * 60_000, records)).Alerts);
        }

        var alert = Assert.Single(alerts);
        Assert.Equal((T0 + (8 * 60_000), "post-1"), (alert.WindowStart, alert.ContentId));
    }
}
