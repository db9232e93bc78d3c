using CreatorStream.Core.Alerts;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Events;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>The pod signals (<c>pod</c>, <c>pod_comment</c>) through the classifier, on hand-built waves.</summary>
public sealed class PodSignalTests
{
    private const long Second = 1_000;
    private const long Minute = 60_000;
    private readonly AuthenticityClassifier _classifier = new(AuthenticityOptions.Default);

    [Fact]
    public void Classify_GroupOnASecondSmallPostTogether_IsAPodFromItsSecondMember()
    {
        Audience(300); // everyone else engaging: the odds that two accounts share an early audience by chance
        var waves = Enumerable.Range(0, 3).Select(p => Wave(p, T0 + (p * 10 * Minute))).ToList();

        Assert.All(waves[0], v => Assert.True(v.IsAuthentic)); // a first post proves nothing

        // Second post: member 0 is alone on it; from member 1 on, each finds a partner from the first post, and six
        // accounts sharing two small early audiences is far beyond chance (2 × 6 / 306 expected). Partners are marked.
        Assert.Empty(waves[1][0].Reasons);
        Assert.All(waves[1].Skip(1), v => Assert.Equal([AuthenticityReasons.Pod], v.Reasons));

        // Third post: member 0 was marked as member 1's partner, so it is recognised before anyone joins it.
        Assert.All(waves[2], v => Assert.Contains(AuthenticityReasons.Pod, v.Reasons));
        Assert.All(waves[2], v => Assert.False(v.IsAuthentic));
    }

    [Fact]
    public void Classify_FansWhoEngageEveryPostOfAPopularCreator_AreNotAPod()
    {
        // A hundred fans, each early on both posts: they share both audiences, but so would anyone drawn from them.
        var verdicts = new List<AuthenticityVerdict>();
        for (var p = 0; p < 2; p++)
        {
            for (var f = 0; f < 100; f++)
            {
                var ts = T0 + (p * 10 * Minute) + (f * Second);
                _classifier.Classify(Shown($"fan-{f}", ts, $"post-{p}"));
                verdicts.Add(_classifier.Classify(Liked($"fan-{f}", ts + (2 * Second), $"post-{p}")));
            }
        }

        Assert.All(verdicts, v => Assert.Empty(v.Reasons));
    }

    [Fact]
    public void Classify_GroupThatSkipsPostsItWasShown_IsNotAPod()
    {
        Audience(300);
        for (var m = 0; m < 6; m++)
        {
            _classifier.Classify(Shown($"member-{m}", T0 - (5 * Minute), "post-x")); // anna's older post: seen, left alone
        }

        var waves = Enumerable.Range(0, 3).Select(p => Wave(p, T0 + (p * 10 * Minute))).ToList();

        Assert.All(waves.SelectMany(w => w), v => Assert.Empty(v.Reasons)); // fans pick and choose; pod members engage every post
    }

    [Fact]
    public void Classify_SameGroupLongAfterEachPostWentUp_IsNotAPod()
    {
        Audience(300);
        var waves = Enumerable.Range(0, 4).Select(p => Wave(p, T0 + (p * 30 * Minute), delay: 20 * Minute)).ToList();

        Assert.All(waves.SelectMany(w => w), v => Assert.Empty(v.Reasons)); // loyal fans, not a pod
    }

    [Fact]
    public void Classify_GenericPraiseStraightAfterLikingANewPost_IsAPodComment()
    {
        _classifier.Classify(Shown("passer-by", T0));
        _classifier.Classify(Shown("ann", T0 + (40 * Second)));
        _classifier.Classify(Liked("ann", T0 + (45 * Second)));

        var praise = _classifier.Classify(Commented("ann", T0 + (60 * Second), "Obsessed!! 😍"));
        var save = _classifier.Classify(Liked("ann", T0 + (65 * Second)) with { Kind = EngagementKind.Save });

        Assert.Equal([AuthenticityReasons.PodComment], praise.Reasons);
        Assert.Equal((false, 0.6), (praise.IsAuthentic, praise.Suspicion));
        Assert.Equal([AuthenticityReasons.SuspiciousAccount], save.Reasons); // 0.6 × 0.9 carried
        Assert.False(save.IsAuthentic);
    }

    [Theory]
    [InlineData("where is this from?", 45, 10)] // about something
    [InlineData("Obsessed!! 😍", 45, 90)] // long after the like
    [InlineData("Obsessed!! 😍", 8 * 60, 10)] // long after the post appeared
    public void Classify_CommentNotAPodsPraise_IsClean(string text, int likedAtSecond, int commentAfterSeconds)
    {
        _classifier.Classify(Shown("passer-by", T0));
        var at = T0 + (likedAtSecond * Second);
        _classifier.Classify(Shown("ann", at - Second));
        _classifier.Classify(Liked("ann", at));

        Assert.Empty(_classifier.Classify(Commented("ann", at + (commentAfterSeconds * Second), text)).Reasons);
    }

    [Fact]
    public void Classify_PraiseWithoutALikeFirst_IsClean()
    {
        _classifier.Classify(Shown("ann", T0));

        Assert.Empty(_classifier.Classify(Commented("ann", T0 + (10 * Second), "So good 🔥🔥")).Reasons);
    }

    [Fact]
    public void Classify_ThreeAccountsPraisingTogether_AreMarkedForTheNextPost()
    {
        foreach (var (who, at) in new[] { ("ann", 30), ("bob", 50), ("cat", 70) })
        {
            _classifier.Classify(Shown(who, T0 + (at * Second)));
            _classifier.Classify(Liked(who, T0 + ((at + 3) * Second)));
            _classifier.Classify(Commented(who, T0 + ((at + 10) * Second), "Amazing content!!"));
        }

        _classifier.Classify(Shown("passer-by", T0 + (10 * Minute), "post-2"));
        _classifier.Classify(Shown("ann", T0 + (11 * Minute), "post-2"));
        var next = _classifier.Classify(Liked("ann", T0 + (11 * Minute) + (3 * Second), "post-2"));
        var late = _classifier.Classify(Liked("bob", T0 + (20 * Minute), "post-2"));

        Assert.Equal([AuthenticityReasons.Pod], next.Reasons);
        Assert.DoesNotContain(AuthenticityReasons.Pod, late.Reasons); // marked members are judged on early engagement only
    }

    [Fact]
    public void Classify_TwoFansPraisingTogether_AreNotMarked()
    {
        foreach (var (who, at) in new[] { ("ann", 30), ("bob", 50) })
        {
            _classifier.Classify(Shown(who, T0 + (at * Second)));
            _classifier.Classify(Liked(who, T0 + ((at + 3) * Second)));
            _classifier.Classify(Commented(who, T0 + ((at + 10) * Second), "love this"));
        }

        _classifier.Classify(Shown("passer-by", T0 + (10 * Minute), "post-2"));
        _classifier.Classify(Shown("ann", T0 + (11 * Minute), "post-2"));

        // Real fans praise too: two on one young post is not yet a group (PodCommentGroup is 3).
        Assert.Empty(_classifier.Classify(Liked("ann", T0 + (11 * Minute) + (3 * Second), "post-2")).Reasons);
    }

    [Fact]
    public void Classify_PraiseFromAccountsNeverShownThePost_DoesNotMakeAGroup()
    {
        foreach (var (who, at) in new[] { ("bot-1", 20), ("bot-2", 21), ("bot-3", 22) })
        {
            _classifier.Classify(Liked(who, T0 + (at * Second)));
            _classifier.Classify(Commented(who, T0 + ((at + 5) * Second), "Awesome!!!"));
        }

        _classifier.Classify(Shown("ann", T0 + (40 * Second)));
        _classifier.Classify(Liked("ann", T0 + (43 * Second)));
        var praise = _classifier.Classify(Commented("ann", T0 + (50 * Second), "Amazing content!!"));
        _classifier.Classify(Shown("ann", T0 + (11 * Minute), "post-2"));
        _classifier.Classify(Shown("passer-by", T0 + (10 * Minute), "post-2"));
        var next = _classifier.Classify(Liked("ann", T0 + (11 * Minute) + (3 * Second), "post-2"));

        Assert.Contains(AuthenticityReasons.PodComment, praise.Reasons); // the first praiser counts (PodCommentMinAccounts 1)
        Assert.DoesNotContain(AuthenticityReasons.Pod, next.Reasons); // but unshown scripts did not make her a group's
    }

    [Fact]
    public void Classify_CrowdPraisingAViralPost_FlagsNoMoreThanAPodAndRaisesNoAlert()
    {
        var flagged = 0;
        for (var i = 0; i < 600; i++)
        {
            var ts = T0 + (i * 100);
            _classifier.Classify(Shown($"fan-{i}", ts));
            flagged += _classifier.Classify(Liked($"fan-{i}", ts + (2 * Second))).IsAuthentic ? 0 : 1;
            if (i % 5 == 0)
            {
                flagged += _classifier.Classify(Commented($"fan-{i}", ts + (4 * Second), "love this!!")).IsAuthentic ? 0 : 1;
            }
        }

        var alerts = new List<Alert>();
        _classifier.Advance(T0 + (2 * Minute), 0, alerts);

        // Generic praise from a crowd looks like a pod's until the crowd outgrows any pod: at most PodMaxGroup flagged.
        Assert.Equal(AuthenticityOptions.Default.PodMaxGroup, flagged);
        Assert.Empty(alerts);
    }

    /// <summary>Accounts engaging a post of another creator an hour earlier: the rest of the engaging population.</summary>
    private void Audience(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var ts = T0 - (50 * Minute) + (i * 100);
            _classifier.Classify(Impression($"viewer-{i}", ts, creator: "zoe", content: "elsewhere"));
            _classifier.Classify(Engagement($"viewer-{i}", ts + Second, creator: "zoe", content: "elsewhere") with { AccountAgeDays = 900 });
        }
    }

    /// <summary>Post <paramref name="p"/> appears at <paramref name="postedAt"/>; six members each view and like it, seven seconds apart.</summary>
    private List<AuthenticityVerdict> Wave(int p, long postedAt, long delay = 30 * Second)
    {
        var content = $"post-{p}";
        _classifier.Classify(Shown("passer-by", postedAt, content)); // the post's first event: it has gone up
        var verdicts = new List<AuthenticityVerdict>();
        for (var m = 0; m < 6; m++)
        {
            var ts = postedAt + delay + (m * 7 * Second);
            _classifier.Classify(Shown($"member-{m}", ts, content));
            verdicts.Add(_classifier.Classify(Liked($"member-{m}", ts + (3 * Second), content)));
        }

        return verdicts;
    }

    private static Impression Shown(string user, long ts, string content = "post-1") => Impression(user, ts, content: content);

    private static Engagement Liked(string user, long ts, string content = "post-1") =>
        Engagement(user, ts, content: content) with { AccountAgeDays = 900, IpHash = "ip-" + user, DeviceId = "d-" + user };

    private static Engagement Commented(string user, long ts, string text, string content = "post-1") =>
        Engagement(user, ts, EngagementKind.Comment, content: content) with { CommentText = text, AccountAgeDays = 900, IpHash = "ip-" + user };
}
