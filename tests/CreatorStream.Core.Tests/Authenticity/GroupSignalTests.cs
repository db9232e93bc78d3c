using CreatorStream.Core.Events;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// The group signals on one post (docs/design.md, "Authenticity"), on hand-built scenarios judged as the dataflow judges
/// (a lag behind, revisions included): each fake shape caught whole, and the genuine shape beside it left alone.
/// </summary>
public sealed class GroupSignalTests
{
    private const long Second = 1_000;
    private const long Minute = 60_000;

    [Fact]
    public void Judge_LikesFromAccountsNeverShownThePostAndNewToItsCreator_AreAllAnExposureGap()
    {
        var judge = new LaggedJudge();
        judge.Add(Impression("passer-by", T0));
        var genuine = Viewers(judge, "fan", 10, T0, Minute);
        var bought = Enumerable.Range(0, 30).Select(i => Aged(Engagement($"bought-{i}", T0 + (5 * Minute) + (i * 5 * Second)), i)).ToList();
        judge.Add([.. bought]);

        // A follower who was shown the creator's previous post likes this one with its impression lost upstream.
        judge.Add(Impression("follower", T0 - (30 * Minute), content: "post-0"));
        var follower = Aged(Engagement("follower", T0 + (6 * Minute)), 99);
        judge.Add(follower);
        judge.Run();

        Assert.All(bought, e => Assert.True(judge.Flagged(e), e.UserId));
        Assert.All(bought, e => Assert.Contains("exposure_gap", judge.Reasons(e), StringComparison.Ordinal));
        Assert.All(genuine, e => Assert.False(judge.Flagged(e), e.UserId));
        Assert.False(judge.Flagged(follower)); // it knew the creator: a lost impression, not a bought like
    }

    [Fact]
    public void Judge_AnAccountOfABatchJudgedAuthenticOnThePostAgain_IsRevisedWhenTheBatchIsFoundAgain()
    {
        // A bought batch is found, and each of its accounts is then known to hold nothing to revise on the post. One of
        // them is then shown the post and likes it again, judged authentic on its own (it was shown it, and a group's
        // evidence is not carried by the account). The batch goes on without a break: found again, it must revise that
        // like too, though the account was known clear before it (PostState.JudgedAuthentic forgets that).
        var judge = new LaggedJudge();
        judge.Add(Impression("passer-by", T0));
        var genuine = Viewers(judge, "fan", 10, T0, Minute);
        var bought = Enumerable.Range(0, 60).Select(i => Aged(Engagement($"bought-{i}", T0 + (5 * Minute) + (i * 5 * Second)), i)).ToList();
        judge.Add([.. bought]);
        judge.Add(Impression("bought-0", T0 + (8 * Minute)));
        var again = Aged(Engagement("bought-0", T0 + (8 * Minute) + (3 * Second), EngagementKind.Save), 0);
        judge.Add(again);
        judge.Run();

        Assert.All(bought, e => Assert.True(judge.Flagged(e), e.UserId));
        Assert.Equal((true, "revised:exposure_gap"), judge.Verdicts[again.EventId]);
        Assert.Single(judge.Revised, r => r.EventId == again.EventId);
        Assert.All(genuine, e => Assert.False(judge.Flagged(e), e.UserId));
    }

    [Fact]
    public void Judge_TheSameShortLineFromManyAccountsWithinAMinute_IsATemplateWave()
    {
        var judge = new LaggedJudge();
        judge.Add(Impression("passer-by", T0));
        string[] lines = ["Yesss 🔥", "YESSS!!", "yesss ✨"]; // one line, case, punctuation and emoji aside
        var pod = new List<AudienceEvent>();
        for (var i = 0; i < 12; i++)
        {
            var at = T0 + Minute + (i * 2 * Second);
            judge.Add(Impression($"pod-{i}", at));
            pod.Add(Aged(Commented($"pod-{i}", at + Second, lines[i % 3]), i));
        }

        judge.Add([.. pod]);
        // (A newcomer's generic "so good!" in the middle of such a wave would be swept into it: it looks exactly like the
        // wave's own comments. The viewers here say something about the post.)
        string[] said = ["where is it from?", "the colour!", "does it come in blue", "you look so happy here", "need this for summer"];
        var genuine = Viewers(judge, "viewer", 5, T0 + (30 * Second), 20 * Second, said);
        judge.Run();

        Assert.All(pod, e => Assert.True(judge.Flagged(e), e.UserId));
        Assert.All(pod, e => Assert.Contains("template_wave", judge.Reasons(e), StringComparison.Ordinal));
        Assert.All(genuine, e => Assert.False(judge.Flagged(e), $"{e.UserId}: {judge.Reasons(e)}"));
    }

    [Fact]
    public void Judge_ACrowdRepeatingItsFavouriteLines_IsNotATemplateWave()
    {
        var judge = new LaggedJudge();
        judge.Add(Impression("passer-by", T0));
        string[] lines =
        [
            "love this", "where is this from?", "so good", "need it", "the colour!", "how much", "obsessed", "wow", "link?",
            "want one", "this is everything", "saving this", "omg yes", "the details", "perfect for summer", "is it comfy?",
            "stunning", "same", "who made this", "iconic",
        ];
        var crowd = Viewers(judge, "crowd", 60, T0 + Minute, 10 * Second, [.. lines.SelectMany(l => new[] { l, l, l })]);
        Lookers(judge, 400, T0 + Minute, 1_500); // a crowd that speaks is part of a larger one that only looks
        judge.Run();

        Assert.All(crowd, e => Assert.False(judge.Flagged(e), $"{e.UserId}: {judge.Reasons(e)}"));
    }

    [Fact]
    public void Judge_AGroupComingBackToThePostTogether_IsAPodAndItsFirstWaveIsRevised()
    {
        var judge = new LaggedJudge();
        judge.Add(Impression("passer-by", T0));
        string[] first = ["love this look 😍", "obsessed with the colours", "so into this edit", "adore the vibe ✨", "living for this one"];
        string[] again = ["can't get over this", "this one is everything", "the colours though", "need this look", "still obsessed"];
        var wave1 = new List<AudienceEvent>();
        var wave2 = new List<AudienceEvent>();
        for (var i = 0; i < 10; i++)
        {
            var at = T0 + (2 * Minute) + (i * 5 * Second);
            judge.Add(Impression($"member-{i}", at));
            wave1.Add(Aged(Engagement($"member-{i}", at + (2 * Second)), i));
            wave1.Add(Aged(Commented($"member-{i}", at + (4 * Second), first[i % 5]), i));
            wave2.Add(Aged(Commented($"member-{i}", T0 + (45 * Minute) + (i * 6 * Second), again[i % 5]), i));
        }

        judge.Add([.. wave1, .. wave2]);
        var genuine = Viewers(judge, "viewer", 5, T0 + (20 * Second), 3 * Minute);
        judge.Run();

        Assert.All(wave2, e => Assert.Contains("pod", judge.Reasons(e), StringComparison.Ordinal));
        Assert.All(wave1, e => Assert.Equal((true, "revised:pod"), judge.Verdicts[e.EventId]));
        Assert.All(genuine, e => Assert.False(judge.Flagged(e), e.UserId));
    }

    [Fact]
    public void Judge_FollowersCommentingAgainEachOnTheirOwnTime_AreNotAPod()
    {
        var judge = new LaggedJudge();
        judge.Add(Impression("passer-by", T0));
        var all = new List<AudienceEvent>();
        for (var i = 0; i < 10; i++)
        {
            var at = T0 + (2 * Minute) + (i * 5 * Second);
            judge.Add(Impression($"follower-{i}", at));
            all.Add(Aged(Commented($"follower-{i}", at + (4 * Second), First[i]), i));
            all.Add(Aged(Commented($"follower-{i}", T0 + (20 * Minute) + (i * 7 * Minute), Again[i]), i));
        }

        judge.Add([.. all]);
        judge.Run();

        Assert.All(all, e => Assert.False(judge.Flagged(e), $"{e.UserId}: {judge.Reasons(e)}"));
    }

    [Fact]
    public void Judge_GenericCommentsFromNewcomersWhoDoNothingElse_AreAPraiseWave()
    {
        var judge = new LaggedJudge();
        judge.Add(Impression("passer-by", T0));
        string[] spun = ["Great shot! Keep it up", "Amazing pic 🔥", "Nice work, follow back?", "Awesome content!! Check my page", "Superb photo 💯", "Fantastic post! Keep going"];
        var farm = new List<AudienceEvent>();
        for (var i = 0; i < 12; i++)
        {
            var at = T0 + Minute + (i * 30 * Second);
            judge.Add(Impression($"farm-{i}", at - (5 * Second)));
            farm.Add(Aged(Commented($"farm-{i}", at, spun[i % spun.Length]), i));
        }

        judge.Add([.. farm]);
        var genuine = Viewers(judge, "viewer", 4, T0 + (20 * Second), 2 * Minute, ["where is it from?", "my sister has this", "the colour!", "how much"]);
        judge.Run();

        Assert.All(farm, e => Assert.True(judge.Flagged(e), e.UserId));
        Assert.All(farm, e => Assert.Contains("praise_wave", judge.Reasons(e), StringComparison.Ordinal));
        Assert.All(genuine, e => Assert.False(judge.Flagged(e), e.UserId));
    }

    [Fact]
    public void Judge_NewcomersPraisingInGenericWordsAmongManyWhoOnlyLook_AreNotAPraiseWave()
    {
        // A popular post: 500 newcomers shown it within ten minutes, 40 of them leave a generic "so good" and nothing else
        // (a real crowd's comment rate, a few percent of its views); a farm's accounts are most of those it was shown to.
        var judge = new LaggedJudge();
        judge.Add(Impression("passer-by", T0));
        Lookers(judge, 500, T0 + Minute, 1_200);
        var praise = Viewers(judge, "fan", 40, T0 + Minute, 15 * Second, ["so good", "love it", "amazing", "wow", "stunning", "obsessed"]);
        judge.Run();

        Assert.All(praise, e => Assert.False(judge.Flagged(e), $"{e.UserId}: {judge.Reasons(e)}"));
    }

    [Fact]
    public void Judge_NewcomersFromAViralMomentWhoLikeAndSayVariedThings_AreNotFlagged()
    {
        var judge = new LaggedJudge();
        judge.Add(Impression("passer-by", T0));
        string[] said = ["so good 🔥", "love it", "where is this from?", "need this", "the colour on the second one", "saving this", "ok but the lighting", "wait what is the song"];
        var crowd = new List<AudienceEvent>();
        for (var i = 0; i < 80; i++)
        {
            var at = T0 + Minute + (i * 5 * Second);
            judge.Add(Impression($"newcomer-{i}", at));
            crowd.Add(Aged(Engagement($"newcomer-{i}", at + (3 * Second)), i));
            if (i % 3 == 0)
            {
                crowd.Add(Aged(Commented($"newcomer-{i}", at + (9 * Second), said[i % said.Length]), i));
            }
        }

        judge.Add([.. crowd]);
        judge.Run();

        Assert.All(crowd, e => Assert.False(judge.Flagged(e), $"{e.UserId}: {judge.Reasons(e)}"));
    }

    [Fact]
    public void Judge_ChatBurstsOnALiveStream_AreNotFlagged()
    {
        var judge = new LaggedJudge();
        judge.Add(Impression("host", T0) with { ContentFormat = ContentFormat.Live });
        string[] chat = ["🔥", "lol", "W", "hi!", "🔥🔥", "no way"];
        var messages = new List<AudienceEvent>();
        for (var i = 0; i < 60; i++)
        {
            judge.Add(Impression($"viewer-{i}", T0 + (i * Second)) with { ContentFormat = ContentFormat.Live });
            for (var moment = 0; moment < 3; moment++)
            {
                // Everyone reacts within seconds of the same three moments of the stream, mostly in the same few words.
                messages.Add(Aged(Commented($"viewer-{i}", T0 + ((5 + (moment * 10)) * Minute) + (i * 300), chat[(i + moment) % chat.Length]), i));
            }
        }

        judge.Add([.. messages]);
        judge.Run();

        Assert.All(messages, e => Assert.False(judge.Flagged(e), $"{e.UserId}: {judge.Reasons(e)}"));
    }

    private static readonly string[] First =
    [
        "where did you get the jacket", "this is so you", "ok the lighting here", "need the link", "haha the dog in the back",
        "is this the new drop?", "my mum would love this", "how tall are you", "the colour is unreal", "saving for later",
    ];

    private static readonly string[] Again =
    [
        "found it, thanks!", "still thinking about this", "ordered mine", "came back for the song", "can you do a review",
        "does it run small?", "showed my sister", "it arrived today!", "restocked?", "back again lol",
    ];

    /// <summary>Viewers who are shown the post and do nothing else, <paramref name="gap"/> ms apart.</summary>
    private static void Lookers(LaggedJudge judge, int count, long from, long gap)
    {
        for (var i = 0; i < count; i++)
        {
            judge.Add(Impression($"looker-{from}-{i}", from + (i * gap)));
        }
    }

    /// <summary>Ordinary viewers: each shown the post, then a like (and a comment when given lines), <paramref name="gap"/> apart.</summary>
    private static List<AudienceEvent> Viewers(LaggedJudge judge, string prefix, int count, long from, long gap, string[]? comments = null)
    {
        var events = new List<AudienceEvent>();
        for (var i = 0; i < count; i++)
        {
            var at = from + (i * gap);
            judge.Add(Impression($"{prefix}-{i}", at));
            events.Add(Aged(comments is null ? Engagement($"{prefix}-{i}", at + (3 * Second)) : Commented($"{prefix}-{i}", at + (3 * Second), comments[i % comments.Length]), i));
        }

        judge.Add([.. events]);
        return events;
    }

    private static Engagement Commented(string user, long ts, string text) => Engagement(user, ts, EngagementKind.Comment) with { CommentText = text };

    /// <summary>An established account on its own address and device (nothing about it alone is suspicious).</summary>
    private static Engagement Aged(Engagement e, int i) => e with { AccountAgeDays = 400 + i, IpHash = "ip-" + e.UserId, DeviceId = "device-" + e.UserId };
}
