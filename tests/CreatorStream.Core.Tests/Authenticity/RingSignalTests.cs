using CreatorStream.Core.Events;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// The ring signal (docs/design.md, "Authenticity"): the same devoted accounts early on the posts of several creators,
/// found by its third post and revised back to its first; fans of one creator and keen viewers left alone.
/// </summary>
public sealed class RingSignalTests
{
    private const long Second = 1_000;
    private const long Minute = 60_000;

    // anna posts every hour, ben every hour in between: five posts over two hours.
    private static readonly (string Creator, string Content, long At)[] Posts =
        [("anna", "a-1", T0), ("ben", "b-1", T0 + (30 * Minute)), ("anna", "a-2", T0 + (60 * Minute)), ("ben", "b-2", T0 + (90 * Minute)), ("anna", "a-3", T0 + (120 * Minute))];

    [Fact]
    public void Judge_AGroupEarlyOnEveryPostOfTwoCreators_IsARingAndEveryOneOfItsLikesIsCaught()
    {
        var judge = Published();
        var ring = Early(judge, "member", 8, Posts, shownTimes: 1);
        judge.Run();

        Assert.All(ring, e => Assert.True(judge.Flagged(e), $"{e.UserId} on {e.ContentId}"));
        Assert.All(ring, e => Assert.Contains("pod_ring", judge.Reasons(e), StringComparison.Ordinal));

        // The first posts were judged before the ring could be seen, and were revised once it was.
        Assert.Contains(ring, e => e.ContentId == "a-1" && judge.Reasons(e) == "revised:pod_ring");
    }

    /// <summary>
    /// A revision takes back what was counted (docs/design.md, "Content"): a ring member's comments judged authentic at
    /// first come back revised with the traits (sentiment, quality, brand mention) they were counted with.
    /// </summary>
    [Fact]
    public void Judge_ARingsRevisedComments_CarryTheTraitsTheyWereCountedWith()
    {
        var judge = Published();
        Early(judge, "member", 8, Posts, shownTimes: 1, comment: "Terrible quality, do not buy from acme");
        judge.Run();

        var revised = judge.Revised.Where(r => r.ContentId == "a-1").ToList();
        Assert.NotEmpty(revised);
        Assert.All(revised, r => Assert.Equal(judge.Traits[r.EventId], r.CommentTraits));
        Assert.All(revised, r => Assert.Equal((Core.Content.SentimentClass?)Core.Content.SentimentClass.Negative, Core.Content.CommentTraits.SentimentOf(r.CommentTraits)));
        Assert.All(revised, r => Assert.True(Core.Content.CommentTraits.MentionsBrand(r.CommentTraits) && Core.Content.CommentTraits.IsMeaningful(r.CommentTraits)));
    }

    [Fact]
    public void Judge_FansEarlyOnEveryPostOfOneCreator_AreNotARing()
    {
        var judge = Published();
        var fans = Early(judge, "fan", 40, [.. Posts.Where(p => p.Creator == "anna")], shownTimes: 1);
        judge.Run();

        Assert.All(fans, e => Assert.False(judge.Flagged(e), $"{e.UserId}: {judge.Reasons(e)}"));
    }

    [Fact]
    public void Judge_KeenViewersShownEveryPostOverAndOver_AreNotARing()
    {
        // They engage every post of both creators early too, but were shown each one ten times: people engage a few
        // percent of what they see; a ring member engages the showing it is sent.
        var judge = Published();
        var keen = Early(judge, "keen", 8, Posts, shownTimes: 10);
        judge.Run();

        Assert.All(keen, e => Assert.False(judge.Flagged(e), $"{e.UserId}: {judge.Reasons(e)}"));
    }

    private static LaggedJudge Published()
    {
        var judge = new LaggedJudge();
        foreach (var (creator, content, at) in Posts)
        {
            judge.Add(Impression("passer-by", at, creator, content)); // the post goes up
        }

        return judge;
    }

    /// <summary>Accounts that like each of <paramref name="posts"/> within minutes of it going up, shown it first.</summary>
    private static List<AudienceEvent> Early(LaggedJudge judge, string prefix, int count, (string Creator, string Content, long At)[] posts, int shownTimes, string? comment = null)
    {
        var likes = new List<AudienceEvent>();
        foreach (var (creator, content, at) in posts)
        {
            for (var i = 0; i < count; i++)
            {
                var user = $"{prefix}-{i}";
                var liked = at + (2 * Minute) + (i * 20 * Second);
                for (var shown = 0; shown < shownTimes; shown++)
                {
                    judge.Add(Impression(user, liked - ((shown + 1) * 5 * Second), creator, content));
                }

                likes.Add(Engagement(user, liked, comment is null ? EngagementKind.Like : EngagementKind.Comment, creator, content) with { AccountAgeDays = 500, IpHash = "ip-" + user, DeviceId = "device-" + user, CommentText = comment });
            }
        }

        judge.Add([.. likes]);
        return likes;
    }
}
