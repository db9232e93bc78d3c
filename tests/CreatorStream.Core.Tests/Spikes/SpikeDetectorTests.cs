using CreatorStream.Core.Alerts;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Spikes;
using CreatorStream.Core.Streaming;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Spikes;

public sealed class SpikeDetectorTests
{
    private const long Minute = 60_000;
    private readonly SpikeDetector _detector = new(SpikeOptions.Default);
    private readonly List<Alert> _alerts = [];

    [Fact]
    public void Observe_PostSurgeAfterASteadyBaseline_RaisesExactlyOneAlertPerSurge()
    {
        // Ten quiet minutes of 10 a minute, three surge minutes of 100, three quiet, then a second surge.
        long[] perMinute = [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 100, 120, 90, 10, 10, 10, 100];
        for (var m = 0; m < perMinute.Length; m++)
        {
            Close(m, ("anna", "post-1", perMinute[m]));
        }

        Assert.Equal(2, _alerts.Count);
        var first = _alerts[0];
        Assert.Equal(AlertKinds.EngagementSpike, first.Kind);
        Assert.Equal(("spring", "anna", "post-1"), (first.CampaignId, first.CreatorId, first.ContentId));
        Assert.Equal((T0 + (10 * Minute), T0 + (11 * Minute)), (first.WindowStart, first.WindowEnd));
        Assert.Equal(100, (long)first.Details["observed"]!);
        Assert.Equal(10.0, (double)first.Details["expected"]!);
        Assert.Equal("content", (string)first.Details["scope"]!); // the creator-level alert is folded into the post's
        Assert.Equal(T0 + (16 * Minute), _alerts[1].WindowStart);
    }

    [Fact]
    public void Observe_SmallCreatorJump_StaysQuietBelowTheMinimumCount()
    {
        long[] perMinute = [2, 2, 2, 2, 2, 2, 2, 2, 15];
        for (var m = 0; m < perMinute.Length; m++)
        {
            Close(m, ("anna", "post-1", perMinute[m]));
        }

        Assert.Empty(_alerts);
    }

    [Fact]
    public void Observe_NewPostsLaunch_IsExpectedNotASpike()
    {
        for (var m = 0; m < 8; m++)
        {
            Close(m, ("anna", "post-1", 10));
        }

        // A brand-new post that starts big, then settles: no baseline yet, and not counted against anna's either.
        Close(8, ("anna", "post-1", 10), ("anna", "post-2", 200));
        Close(9, ("anna", "post-1", 10), ("anna", "post-2", 150));

        Assert.Empty(_alerts);
    }

    [Fact]
    public void Observe_PostLeavingItsWarmUp_DoesNotLookLikeACreatorSpike()
    {
        for (var m = 0; m < 8; m++)
        {
            Close(m, ("anna", "post-1", 10));
        }

        for (var m = 8; m < 20; m++)
        {
            Close(m, ("anna", "post-1", 10), ("anna", "post-2", 40)); // post-2 joins anna's sum once warm, with its baseline
        }

        Assert.Empty(_alerts);
    }

    [Fact]
    public void Observe_SpreadAcrossPosts_CreatorAlertNamesNoSinglePost()
    {
        for (var m = 0; m < 8; m++)
        {
            Close(m, ("anna", "a", 4), ("anna", "b", 4), ("anna", "c", 4));
        }

        Close(8, ("anna", "a", 19), ("anna", "b", 19), ("anna", "c", 19));

        var alert = Assert.Single(_alerts);
        Assert.Equal(("creator", null), ((string)alert.Details["scope"]!, alert.ContentId));
    }

    [Fact]
    public void Observe_ActivePostGoesSilent_RaisesOneDropFromTheFirstQuietMinute()
    {
        for (var m = 0; m < 10; m++)
        {
            Close(m, ("anna", "post-1", 30), ("ben", "post-b", 30));
        }

        for (var m = 10; m < 14; m++)
        {
            Close(m, ("ben", "post-b", 30)); // anna's post has no window at all: zero engagement
        }

        var drop = Assert.Single(_alerts);
        Assert.Equal(AlertKinds.EngagementDrop, drop.Kind);
        Assert.Equal("post-1", drop.ContentId);
        Assert.Equal((T0 + (10 * Minute), T0 + (12 * Minute)), (drop.WindowStart, drop.WindowEnd));
        Assert.Equal(0, (long)drop.Details["observed"]!);
    }

    [Fact]
    public void Observe_EndOfInputFlush_IsNotASilence()
    {
        for (var m = 0; m < 10; m++)
        {
            Close(m, ("anna", "post-1", 30));
        }

        _detector.Observe([], long.MaxValue / 2, 0, _alerts);

        Assert.Empty(_alerts);
    }

    [Fact]
    public void Observe_Corrections_DoNotMoveTheBaseline()
    {
        for (var m = 0; m < 10; m++)
        {
            Close(m, ("anna", "post-1", 10));
        }

        var correction = new ClosedWindow(AggregateKey.Content("spring", "anna", "post-1", Platform.Instagram, T0), Counts(500), 1, IsCorrection: true, T0);
        _detector.Observe([correction], T0 + (11 * Minute), 0, _alerts);
        Close(10, ("anna", "post-1", 11));

        Assert.Empty(_alerts);
    }

    [Fact]
    public void Revise_HalfOfASpikesEngagementFoundInauthenticLater_RetractsItUnderTheSameIdOnce()
    {
        long[] perMinute = [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 100];
        for (var m = 0; m < perMinute.Length; m++)
        {
            Close(m, ("anna", "post-1", perMinute[m]));
        }

        var raised = Assert.Single(_alerts);
        var surge = T0 + (10 * Minute);

        // A pod's first wave, judged authentic when it came, is found to be the pod's: 49 of its 100 likes are not yet
        // half; the 50th is. Revisions elsewhere (another post, another minute) do not count towards it.
        Revise(49, "post-1", surge + 1_000);
        Revise(10, "post-2", surge + 1_000);
        Revise(10, "post-1", surge + Minute + 1_000);
        Assert.Single(_alerts);
        Revise(1, "post-1", surge + 2_000);
        Revise(5, "post-1", surge + 3_000); // already retracted: not sent again

        Assert.Equal(2, _alerts.Count);
        var retracted = _alerts[1];
        Assert.Equal((raised.AlertId, raised.Kind, raised.WindowStart, raised.WindowEnd), (retracted.AlertId, retracted.Kind, retracted.WindowStart, retracted.WindowEnd));
        Assert.True((bool)retracted.Details["retracted"]!);
        Assert.Equal(50, (long)retracted.Details["revised_engagements"]!);
        Assert.Equal(100, (long)retracted.Details["observed"]!);
    }

    private void Revise(int count, string content, long ts)
    {
        for (var i = 0; i < count; i++)
        {
            _detector.Revise(new RevisedEngagement($"r-{content}-{ts}-{i}", "spring", "anna", content, Platform.Instagram, ts, EngagementKind.Like, "pod"), T0 + (20 * Minute), _alerts);
        }
    }

    /// <summary>Closes minute <paramref name="m"/> with these engagement counts per (creator, post); the creator windows are their sums.</summary>
    private void Close(int m, params (string Creator, string Content, long Engagements)[] posts)
    {
        var start = T0 + (m * Minute);
        var windows = new List<ClosedWindow> { new(AggregateKey.Campaign("spring", start), Counts(posts.Sum(p => p.Engagements)), 1, false, start) };
        foreach (var creator in posts.GroupBy(p => p.Creator))
        {
            windows.Add(new(AggregateKey.Creator("spring", creator.Key, start), Counts(creator.Sum(p => p.Engagements)), 1, false, start));
            windows.AddRange(creator.Where(p => p.Engagements > 0).Select(p =>
                new ClosedWindow(AggregateKey.Content("spring", p.Creator, p.Content, Platform.Instagram, start), Counts(p.Engagements), 1, false, start)));
        }

        _detector.Observe(windows, start + Minute + 5_000, wallClockMs: start + Minute, _alerts);
    }

    private static Counters Counts(long likes) => new() { Likes = likes, AuthenticEngagements = likes };
}
