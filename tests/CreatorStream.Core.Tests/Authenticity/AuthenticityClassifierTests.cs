using CreatorStream.Core.Alerts;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Events;
using CreatorStream.Simulation;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Authenticity;

public sealed class AuthenticityClassifierTests
{
    private const long Second = 1_000;
    private const long Minute = 60_000;
    private readonly AuthenticityClassifier _classifier = new(AuthenticityOptions.Default);

    [Fact]
    public void Classify_Impression_IsAlwaysClean()
    {
        var verdict = _classifier.Classify(Shown("ann", T0) with { IpHash = "ip-shared", DeviceId = "d-shared" });

        Assert.Equal(AuthenticityVerdict.Clean, verdict);
    }

    [Fact]
    public void Classify_EngagementAfterItsImpression_IsClean()
    {
        _classifier.Classify(Shown("ann", T0));

        var verdict = _classifier.Classify(Liked("ann", T0 + (5 * Second)));

        Assert.True(verdict.IsAuthentic);
        Assert.Equal(0, verdict.Suspicion);
        Assert.Empty(verdict.Reasons);
    }

    [Fact]
    public void Classify_NeverShownAlone_IsNotedButAuthentic()
    {
        var verdict = _classifier.Classify(Liked("ann", T0));

        Assert.True(verdict.IsAuthentic); // lost impressions happen to real users (SDK gaps, blockers)
        Assert.Equal(0.35, verdict.Suspicion);
        Assert.Equal([AuthenticityReasons.NotShown], verdict.Reasons);
    }

    [Fact]
    public void Classify_NewAccountNeverShown_IsNotedButNotFlaggedForThoseTwoAlone()
    {
        // A real newcomer whose impression went missing upstream looks like this too: two weak signals, under the threshold.
        var verdict = _classifier.Classify(Liked("newcomer-1", T0) with { AccountAgeDays = 2 });

        Assert.True(verdict.IsAuthentic);
        Assert.Equal(1 - (0.65 * 0.8), verdict.Suspicion, 4);
        Assert.Equal([AuthenticityReasons.NotShown, AuthenticityReasons.NewAccount], verdict.Reasons);
    }

    [Fact]
    public void Classify_NewAccountNeverShownOnASharedAddress_IsFlagged()
    {
        for (var i = 1; i <= 4; i++)
        {
            _classifier.Classify(Liked($"bot-{i}", T0 + (i * 1_000)) with { AccountAgeDays = 2, IpHash = "proxy" });
        }

        var verdict = _classifier.Classify(Liked("bot-5", T0 + 5_000) with { AccountAgeDays = 2, IpHash = "proxy" });

        Assert.False(verdict.IsAuthentic);
        Assert.Equal(1 - (0.65 * 0.8 * 0.6), verdict.Suspicion, 4);
        Assert.Equal([AuthenticityReasons.NotShown, AuthenticityReasons.SharedIp, AuthenticityReasons.NewAccount], verdict.Reasons);
    }

    [Fact]
    public void Classify_SixEngagementsWithinAMinute_IsABurstFromTheSixth()
    {
        long[] offsets = [0, 3, 11, 12, 30, 47]; // irregular: a burst, not a rhythm
        var verdicts = new List<AuthenticityVerdict>();
        for (var i = 0; i < offsets.Length; i++)
        {
            _classifier.Classify(Shown("ann", T0, content: $"post-{i}"));
            verdicts.Add(_classifier.Classify(Liked("ann", T0 + (offsets[i] * Second), content: $"post-{i}")));
        }

        Assert.All(verdicts.Take(5), v => Assert.DoesNotContain(AuthenticityReasons.Burst, v.Reasons));
        Assert.Equal([AuthenticityReasons.Burst], verdicts[5].Reasons);
        Assert.True(verdicts[5].IsAuthentic); // one signal alone needs corroboration
    }

    [Fact]
    public void Classify_EngagementsEvery90SecondsLikeClockwork_IsRegularTiming()
    {
        var verdicts = new List<AuthenticityVerdict>();
        for (var i = 0; i < 7; i++)
        {
            var ts = T0 + (i * 90 * Second) + (i % 2 * 200); // ±0.2 s of jitter on a 90 s timer
            _classifier.Classify(Shown("ann", ts - Second, content: $"post-{i}"));
            verdicts.Add(_classifier.Classify(Liked("ann", ts, content: $"post-{i}")));
        }

        Assert.All(verdicts.Take(5), v => Assert.Empty(v.Reasons));
        Assert.Equal([AuthenticityReasons.RegularTiming], verdicts[5].Reasons);
        Assert.Equal([AuthenticityReasons.RegularTiming], verdicts[6].Reasons);
    }

    [Fact]
    public void Classify_HumanPacedEngagements_AreNotRegular()
    {
        long[] offsets = [0, 40, 200, 230, 600, 610, 900]; // seconds: bunched and spread, as people are
        foreach (var (offset, i) in offsets.Select((o, i) => (o, i)))
        {
            _classifier.Classify(Shown("ann", T0 + (offset * Second) - Second, content: $"post-{i}"));
            var verdict = _classifier.Classify(Liked("ann", T0 + (offset * Second), content: $"post-{i}"));
            Assert.Empty(verdict.Reasons);
        }
    }

    [Fact]
    public void Classify_FifthUserOnOneIp_IsSharedIp()
    {
        var verdicts = new List<AuthenticityVerdict>();
        for (var i = 0; i < 6; i++)
        {
            _classifier.Classify(Shown($"user-{i}", T0 + (i * Second)));
            verdicts.Add(_classifier.Classify(Liked($"user-{i}", T0 + (i * Second) + 500) with { IpHash = "ip-proxy" }));
        }

        Assert.All(verdicts.Take(4), v => Assert.Empty(v.Reasons));
        Assert.Equal([AuthenticityReasons.SharedIp], verdicts[4].Reasons);
        Assert.Equal([AuthenticityReasons.SharedIp], verdicts[5].Reasons);
    }

    [Fact]
    public void Classify_UsersOnOneIpOutsideTheWindow_AreNotShared()
    {
        for (var i = 0; i < 8; i++)
        {
            var ts = T0 + (i * 11 * Minute); // one user every 11 minutes: a carrier address, reassigned
            _classifier.Classify(Shown($"user-{i}", ts));
            Assert.Empty(_classifier.Classify(Liked($"user-{i}", ts + 500) with { IpHash = "ip-carrier" }).Reasons);
        }
    }

    [Fact]
    public void Classify_ThirdUserOnOneDevice_IsSharedDevice()
    {
        var verdicts = new List<AuthenticityVerdict>();
        for (var i = 0; i < 3; i++)
        {
            _classifier.Classify(Shown($"user-{i}", T0 + (i * Second)));
            verdicts.Add(_classifier.Classify(Liked($"user-{i}", T0 + (i * Second) + 500) with { DeviceId = "d-phone" }));
        }

        Assert.Empty(verdicts[1].Reasons); // two accounts on one phone happens
        Assert.Equal([AuthenticityReasons.SharedDevice], verdicts[2].Reasons);
    }

    [Fact]
    public void Classify_ClickLeavingAtOnce_IsZeroDwellAndFlaggedWhenNeverShown()
    {
        _classifier.Classify(Shown("ann", T0));
        var tap = _classifier.Classify(Click("ann", T0 + Second) with { DwellMs = 120 });
        var read = _classifier.Classify(Click("bob", T0 + Second, content: "post-2") with { DwellMs = 40_000 });
        var scripted = _classifier.Classify(Click("bot", T0 + Second) with { DwellMs = 80 });

        Assert.Equal([AuthenticityReasons.ZeroDwell], tap.Reasons);
        Assert.True(tap.IsAuthentic); // an accidental tap
        Assert.Equal([AuthenticityReasons.NotShown], read.Reasons);
        Assert.Equal([AuthenticityReasons.NotShown, AuthenticityReasons.ZeroDwell], scripted.Reasons);
        Assert.False(scripted.IsAuthentic);
    }

    [Fact]
    public void Classify_SameCommentFromFiveAccounts_IsCopyPasteFromTheFifth()
    {
        string[] texts = ["Great content 👍", "great content!!", "GREAT   content", "Great content", "great content 👍👍"];
        var verdicts = new List<AuthenticityVerdict>();
        for (var i = 0; i < texts.Length; i++)
        {
            _classifier.Classify(Shown($"user-{i}", T0 + (i * Second)));
            verdicts.Add(_classifier.Classify(Commented($"user-{i}", T0 + (i * Second) + 500, texts[i])));
        }

        _classifier.Classify(Shown("other", T0, content: "post-2"));
        var elsewhere = _classifier.Classify(Commented("other", T0 + (9 * Second), "great content", content: "post-2"));

        Assert.All(verdicts.Take(4), v => Assert.Empty(v.Reasons));
        Assert.Equal([AuthenticityReasons.CopyPasteComment], verdicts[4].Reasons);
        Assert.Empty(elsewhere.Reasons); // counted per post
    }

    /// <summary>What a crowd writes: varied lines, a few of them popular (issue 18: one line from all of them is a template wave).</summary>
    private static readonly string[] CrowdLines =
    [
        "love this", "where is this from?", "so good", "need it", "the colour!", "how much", "obsessed", "wow", "link?", "want one",
        "this is everything", "saving this", "omg yes", "the details", "perfect for summer", "is it comfy?", "stunning", "same",
        "who made this", "iconic", "buying now", "ok wow", "amazing", "the vibe", "10/10", "tell me more", "cute", "love it",
    ];

    [Fact]
    public void Classify_GenuineViralSurge_FlagsNothing()
    {
        // 600 users new to the post (and to the classifier) within a minute, each shown the post first, old accounts,
        // their own IPs and devices, a few of them commenting the same popular words.
        var verdicts = new List<AuthenticityVerdict>();
        for (var i = 0; i < 600; i++)
        {
            var ts = T0 + (i * 100);
            var who = $"fan-{i}";
            _classifier.Classify(Shown(who, ts) with { IpHash = $"ip-{i}", DeviceId = $"d-{i}" });
            var like = Liked(who, ts + 2 * Second) with { IpHash = $"ip-{i}", DeviceId = $"d-{i}", AccountAgeDays = 200 + i };
            verdicts.Add(_classifier.Classify(like));
            if (i % 5 == 0)
            {
                verdicts.Add(_classifier.Classify(Commented(who, ts + (4 * Second), CrowdLines[i / 5 % CrowdLines.Length]) with { IpHash = $"ip-{i}", AccountAgeDays = 200 + i }));
            }
        }

        var alerts = new List<Alert>();
        _classifier.Advance(T0 + (2 * Minute), 0, alerts);

        Assert.All(verdicts, v => Assert.True(v.IsAuthentic));

        // Popular phrases recur in a crowd, each one line among many: noted as copy-paste at most, which alone never flags.
        Assert.All(verdicts, v => Assert.True(v.Reasons.Count == 0 || v.Reasons.SequenceEqual([AuthenticityReasons.CopyPasteComment])));
        Assert.Empty(alerts);
        Assert.Equal(1.0, _classifier.AuthenticityScore("spring", "anna"));
    }

    [Fact]
    public void Classify_SameInputTwice_GivesTheSameVerdicts()
    {
        static List<string> Run()
        {
            var classifier = new AuthenticityClassifier(AuthenticityOptions.Default);
            var seen = new List<string>();
            var alerts = new List<Alert>();
            foreach (var record in new TrafficGenerator(new GeneratorOptions { Seed = 3, StartMs = T0, EventsPerSecond = 100, MaxEvents = 30_000 }).Generate())
            {
                if (record.Kind == RecordKind.Genuine && record.Event is AudienceEvent e)
                {
                    var v = classifier.Classify(e);
                    seen.Add($"{v.IsAuthentic}:{v.Suspicion}:{string.Join(',', v.Reasons)}");
                    if (seen.Count % 1_000 == 0)
                    {
                        classifier.Advance(e.Ts - 5_000, 0, alerts);
                    }
                }
            }

            seen.AddRange(alerts.Select(a => $"{a.AlertId} {a.WindowStart} {a.WindowEnd} {a.Details.ToJsonString()}"));
            return seen;
        }

        var first = Run();

        Assert.Equal(first, Run());
        Assert.Contains(first, s => s.StartsWith("False", StringComparison.Ordinal));
    }

    private static Impression Shown(string user, long ts, string content = "post-1") => Impression(user, ts, content: content);

    private static Engagement Liked(string user, long ts, string content = "post-1") =>
        Engagement(user, ts, content: content) with { AccountAgeDays = 900, IpHash = "ip-" + user, DeviceId = "d-" + user };

    private static Engagement Commented(string user, long ts, string text, string content = "post-1") =>
        Engagement(user, ts, EngagementKind.Comment, content: content) with { CommentText = text, AccountAgeDays = 900, IpHash = "ip-" + user };
}
