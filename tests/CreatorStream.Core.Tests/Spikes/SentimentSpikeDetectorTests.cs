using CreatorStream.Core.Alerts;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Content;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Snapshots;
using CreatorStream.Core.Spikes;
using CreatorStream.Core.Streaming;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Spikes;

/// <summary>Hand-computed cases of <see cref="SentimentSpikeDetector"/>: each expected value is worked out in its comment.</summary>
public sealed class SentimentSpikeDetectorTests
{
    private const long Minute = 60_000;
    private SentimentSpikeDetector _detector = new(SentimentSpikeOptions.Default);
    private readonly List<Alert> _alerts = [];

    [Fact]
    public void Observe_CommentsTurnNegative_RaisesOneAlertWithTheFiguresItJudged()
    {
        // Ten minutes of 20 comments with 2 negative (10 %), then 12 of 20 negative for three minutes. The baseline of
        // negatives is 2 with variance 0, so the spread is √2 (Poisson floor): z = (12 − 2) / √2 = 7.07 ≥ 4, 12 ≥ 5 and
        // 12 ≥ 2.5 × 2; the share 0.6 ≥ 0.3 and ≥ 2 × 0.1. One alert for the episode, not three.
        for (var m = 0; m < 10; m++)
        {
            Close(m, ("post-1", 2, 20));
        }

        for (var m = 10; m < 13; m++)
        {
            Close(m, ("post-1", 12, 20));
        }

        var alert = Assert.Single(_alerts);
        Assert.Equal(AlertKinds.NegativeSentimentSpike, alert.Kind);
        Assert.Equal(("spring", "anna", "post-1"), (alert.CampaignId, alert.CreatorId, alert.ContentId));
        Assert.Equal((T0 + (10 * Minute), T0 + (11 * Minute)), (alert.WindowStart, alert.WindowEnd));
        Assert.Equal(12, (long)alert.Details["observed"]!);
        Assert.Equal(2.0, (double)alert.Details["expected"]!);
        Assert.Equal(1.41, (double)alert.Details["std_dev"]!);
        Assert.Equal(7.07, (double)alert.Details["z_score"]!);
        Assert.Equal(20, (long)alert.Details["comments"]!);
        Assert.Equal(0.6, (double)alert.Details["negative_share"]!);
        Assert.Equal(0.1, (double)alert.Details["usual_negative_share"]!);
        Assert.Equal($"negative_sentiment_spike:spring:anna:post-1:{T0 + (10 * Minute)}", alert.AlertId);
    }

    [Fact]
    public void Observe_PostGoesViralWithTheSameMixOfOpinions_IsNoBacklash()
    {
        // 200 comments with 20 negative: the negative count is far above its baseline of 2 (z = 12.7), but the share
        // (0.1) has not turned. The busier minutes are learnt, and their return to normal is no alert either.
        for (var m = 0; m < 10; m++)
        {
            Close(m, ("post-1", 2, 20));
        }

        Close(10, ("post-1", 20, 200));
        Close(11, ("post-1", 30, 300));
        Close(12, ("post-1", 2, 20));

        Assert.Empty(_alerts);
    }

    [Fact]
    public void Observe_PostThatIsAlwaysCriticisedGetsBusier_IsNoBacklash()
    {
        // A post criticised from the start, 8 of 20 negative. Nothing is known of it, so the usual share is its floor,
        // 0.1: the first minute (chance 4.2e-4) is not enough, the second makes a run of 16 of 40 (chance 5.9e-7): one
        // alert, a launch into criticism. The episode's minutes are not learnt; at the longest episode (15 minutes) the
        // baseline restarts from the minute, 8 of 20: the usual share is 0.4. A minute of 40 of 100 then has a surge of
        // negatives and a share over 0.3, but not twice the usual 0.4: no second alert.
        for (var m = 0; m < 30; m++)
        {
            Close(m, ("post-1", 8, 20));
        }

        Close(30, ("post-1", 40, 100));

        Assert.Equal(T0 + Minute, Assert.Single(_alerts).WindowStart);
    }

    [Fact]
    public void Observe_FewerNegativeCommentsThanTheFloor_StaysQuiet_AndTheFloorItselfAlerts()
    {
        // A quiet post (3 comments a minute, none negative): 4 of 4 negative is under the floor of 5; later 5 of 6 is a
        // spike (baseline 0, spread 1: z = 5, 5 ≥ 2.5 × 1, share 0.83).
        for (var m = 0; m < 5; m++)
        {
            Close(m, ("post-1", 0, 3));
        }

        Close(5, ("post-1", 4, 4));
        Assert.Empty(_alerts);

        for (var m = 6; m < 12; m++)
        {
            Close(m, ("post-1", 0, 3));
        }

        Close(12, ("post-1", 5, 6));
        var alert = Assert.Single(_alerts);
        Assert.Equal(T0 + (12 * Minute), alert.WindowStart);
        Assert.Equal(0.833, (double)alert.Details["negative_share"]!);
    }

    [Fact]
    public void Observe_PostLaunchingIntoABacklash_AlertsInItsFirstMinute()
    {
        // No warm-up: a first minute is judged against nothing (mean 0, spread 1) and the floor of the usual share (0.1).
        // 6 negative of 10: z = 6, but a chance of 1.5e-4 at 0.1 (over 1e-4): not yet. On another post, 7 of 10: z = 7,
        // chance 9.1e-6: the alert.
        Close(0, ("post-1", 6, 10), ("post-2", 7, 10));

        var alert = Assert.Single(_alerts);
        Assert.Equal("post-2", alert.ContentId);
        Assert.Equal(0.0, (double)alert.Details["usual_negative_share"]!);
    }

    [Fact]
    public void Observe_BacklashThatBuildsSlowly_IsJudgedAgainstTheConversationBeforeIt()
    {
        // Usually 1 of 20 negative. Then 2, 3, 4, 6, 8, 10 of 20. The shares 0.1, 0.15, 0.2 are under 0.3: not turned,
        // learnt (EWMA 0.1: the mean goes 1.1, 1.29, 1.561; West's variance 0.09, 0.406, 1.026). From 6 (0.3, at least
        // twice the usual 1.561 / 20, and z = (6 − 1.561) / √max(1.026, 1.561) = 3.55 ≥ 2) the mix has turned and is not
        // learnt. At 6: z under 4. At 8: z = (8 − 1.561) / 1.249 = 5.15, and the run of turned minutes, 14 negative of 40,
        // has a chance of 1.8e-5 at the usual share's floor of 0.1 (the long memory says 0.06): the alert, judged against
        // the conversation before the turn, not against 6.
        for (var m = 0; m < 10; m++)
        {
            Close(m, ("post-1", 1, 20));
        }

        long[] building = [2, 3, 4, 6, 8];
        for (var m = 0; m < building.Length; m++)
        {
            Close(10 + m, ("post-1", building[m], 20));
        }

        var alert = Assert.Single(_alerts);
        Assert.Equal(T0 + (14 * Minute), alert.WindowStart);
        Assert.Equal(1.56, (double)alert.Details["expected"]!);
        Assert.Equal(5.15, (double)alert.Details["z_score"]!);
    }

    [Theory]
    [InlineData(10, 0.15)]
    [InlineData(10, 0.25)]
    [InlineData(50, 0.10)]
    [InlineData(4, 0.30)]
    public void Observe_BusyPostWhoseOpinionsDoNotChange_RaisesNoAlertInTwoWeeksOfMinutes(int commentsPerMinute, double negativeShare)
    {
        // 20,000 minutes of a steady post: each comment negative with the same chance, so some minutes have twice their
        // usual share by luck (6 of 10 at 15 %: about once in 700 minutes). The goal is one false alarm in 10,000 post-
        // minutes; the binomial test is set at that rate, so two in 20,000 is the most this may raise.
        var rng = new Random(commentsPerMinute * 1000 + (int)(negativeShare * 100));
        for (var m = 0; m < 20_000; m++)
        {
            var negative = Enumerable.Range(0, commentsPerMinute).Count(_ => rng.NextDouble() < negativeShare);
            Close(m, ("post-1", negative, commentsPerMinute));
        }

        Assert.True(_alerts.Count <= 2, $"{_alerts.Count} alerts: {string.Join(", ", _alerts.Select(a => a.Details["observed"] + "/" + a.Details["comments"]))}");
    }

    [Theory]
    [InlineData(2, 3, 0.5, 0.5)]
    [InlineData(6, 10, 0.05, 2.754582617187501e-06)]
    [InlineData(8, 20, 0.078, 7.32186543380714e-05)]
    [InlineData(5, 6, 0.05, 1.7968750000000003e-06)]
    [InlineData(300, 1000, 0.25, 0.0001935903219490789)]
    [InlineData(0, 5, 0.3, 1.0)]
    [InlineData(6, 5, 0.3, 0.0)]
    public void BinomialTail_EqualsTheSumOfTheTermsBruteForce(long k, long n, double p, double expected)
    {
        // Expected values: the sum over j ≥ k of C(n, j) p^j (1 − p)^(n − j), in Python with exact binomial coefficients.
        Assert.Equal(expected, Binomial.TailAtLeast(k, n, p), expected * 1e-9);
    }

    [Fact]
    public void Observe_OnlyTheTurningPostAlerts_AmongSeveral()
    {
        for (var m = 0; m < 10; m++)
        {
            Close(m, ("post-1", 1, 10), ("post-2", 1, 10));
        }

        Close(10, ("post-1", 1, 10), ("post-2", 9, 12));

        Assert.Equal("post-2", Assert.Single(_alerts).ContentId);
    }

    [Fact]
    public void Revise_HalfOfASpikesNegativeCommentsFoundInauthentic_RetractsItOnce_OtherCommentsDoNotCount()
    {
        for (var m = 0; m < 10; m++)
        {
            Close(m, ("post-1", 2, 20));
        }

        Close(10, ("post-1", 12, 20));
        var raised = Assert.Single(_alerts);
        var minute = T0 + (10 * Minute);

        // 5 of its 12 negative comments are not yet half; positive comments and another minute do not count; the 6th is.
        Revise(5, SentimentClass.Negative, minute + 1_000);
        Revise(5, SentimentClass.Positive, minute + 1_000);
        Revise(5, SentimentClass.Negative, minute + Minute + 1_000);
        Assert.Single(_alerts);
        Revise(1, SentimentClass.Negative, minute + 2_000);
        Revise(3, SentimentClass.Negative, minute + 3_000); // already retracted: not sent again

        Assert.Equal(2, _alerts.Count);
        var retracted = _alerts[1];
        Assert.Equal((raised.AlertId, raised.WindowStart), (retracted.AlertId, retracted.WindowStart));
        Assert.True((bool)retracted.Details["retracted"]!);
        Assert.Equal(6, (long)retracted.Details["revised_comments"]!);
    }

    [Fact]
    public void SaveAndLoad_MidStream_GivesTheAlertsOfAnUninterruptedRun()
    {
        (string, long, long)[][] minutes =
        [
            .. Enumerable.Range(0, 8).Select(_ => new[] { ("post-1", 2L, 20L), ("post-2", 0L, 4L) }),
            [("post-1", 12, 20)],
            [("post-1", 11, 20), ("post-2", 6, 7)],
            [("post-1", 2, 20)],
        ];
        for (var m = 0; m < minutes.Length; m++)
        {
            Close(m, minutes[m]);
        }

        var uninterrupted = _alerts.Select(a => a.AlertId).ToList();
        Assert.Equal(2, uninterrupted.Count);

        _alerts.Clear();
        _detector = new(SentimentSpikeOptions.Default);
        for (var m = 0; m < minutes.Length; m++)
        {
            if (m == 9)
            {
                var writer = new SnapshotWriter();
                _detector.Save(writer);
                _detector = new(SentimentSpikeOptions.Default);
                _detector.Load(new SnapshotReader(writer.ToArray()));
            }

            Close(m, minutes[m]);
        }

        Assert.Equal(uninterrupted, _alerts.Select(a => a.AlertId));
    }

    private void Revise(int count, SentimentClass sentiment, long ts)
    {
        for (var i = 0; i < count; i++)
        {
            var traits = (byte)((byte)sentiment + 1);
            _detector.Revise(new RevisedEngagement($"r-{ts}-{sentiment}-{i}", "spring", "anna", "post-1", Platform.Instagram, ts, EngagementKind.Comment, "ring", traits), T0 + (20 * Minute), _alerts);
        }
    }

    /// <summary>Closes minute <paramref name="m"/> with these (negative, scored) comment counts per post of anna's; the rest of the scored comments are neutral.</summary>
    private void Close(int m, params (string Content, long Negative, long Judged)[] posts)
    {
        var start = T0 + (m * Minute);
        var windows = new List<ClosedWindow> { new(AggregateKey.Campaign("spring", start), default, 1, false, start) };
        windows.AddRange(posts.Select(p => new ClosedWindow(
            AggregateKey.Content("spring", "anna", p.Content, Platform.Instagram, start),
            new Counters { Comments = p.Judged, CommentsNegative = p.Negative, CommentsNeutral = p.Judged - p.Negative },
            1,
            false,
            start)));
        _detector.Observe(windows, start + Minute + 5_000, wallClockMs: start + Minute, _alerts);
    }
}
