using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Events;
using CreatorStream.Core.Snapshots;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// A classifier user's snapshot with its lists held inline (docs/design.md, "Per-event cost"): written as the lists were
/// (a judged list emptied by revisions is present and empty, one forgotten is absent), and read back to the same bytes.
/// </summary>
public sealed class UserStateSnapshotTests
{
    [Fact]
    public void JudgedAllTaken_IsWrittenPresentAndEmpty_AndReadsBackToTheSameBytes()
    {
        var user = UserWithLists();
        user.AddJudged(Judged(post: 7, ts: 1_000), capacity: 8);
        user.TakeJudged(7, []);

        var saved = Save(user);
        Assert.True(JudgedPresent(saved)); // the list was there, emptied: so it was written
        Assert.Equal(saved, Save(Load(saved)));
    }

    [Fact]
    public void JudgedAllForgotten_IsWrittenAbsent()
    {
        var user = UserWithLists();
        user.AddJudged(Judged(post: 7, ts: 1_000), capacity: 8);
        user.ForgetJudgedBefore(2_000);

        var saved = Save(user);
        Assert.False(JudgedPresent(saved));
        Assert.Equal(saved, Save(Load(saved)));
    }

    [Fact]
    public void Lists_ReadBackInOrder()
    {
        var user = UserWithLists();
        user.AddJudged(Judged(post: 7, ts: 1_000), capacity: 8);
        user.AddJudged(Judged(post: 8, ts: 1_100), capacity: 8);

        var restored = Load(Save(user));

        Assert.Equal([(3UL, 10L), (4UL, 20L)], restored.Posts.ToArray());
        Assert.Equal([(3UL, 30UL)], restored.RingPosts.ToArray());
        Assert.Equal([7UL, 8UL], restored.Judged.ToArray().Select(j => j.Post));
        restored.AddJudged(Judged(post: 9, ts: 1_200), capacity: 8); // a list read back still grows
        Assert.Equal([7UL, 8UL, 9UL], restored.Judged.ToArray().Select(j => j.Post));
    }

    [Fact]
    public void Flags_CountedByReasonAndPost_ReadBackToTheSameBytes()
    {
        var user = UserWithLists();
        Assert.Equal((0, false, false), (user.Flagged, user.HasReasonCounts, user.HasFlaggedOn)); // nothing kept before a flag
        var unflagged = Save(user);
        user.RecordFlag(0b101, new PostScopes("spring", "anna", "reel-1"));
        user.RecordFlag(0b100, new PostScopes("spring", "anna", "reel-1"));
        user.RecordFlag(0b010, new PostScopes("spring", "ben", "reel-2"));

        var restored = Load(Save(user));

        Assert.Equal(unflagged, Save(Load(unflagged)));
        Assert.Equal(Save(user), Save(restored));
        Assert.Equal(3, restored.Flagged);
        Assert.Equal([1, 1, 2, 0], restored.ReasonCounts[..4].ToArray());
        Assert.Equal(AuthenticityReasons.All.Count, restored.ReasonCounts.Length);
        Assert.Equal([("reel-1", 2), ("reel-2", 1)], restored.FlaggedOn.ToArray().Select(p => (p.ContentId, p.Flagged)));
    }

    [Fact]
    public void Reset_AnAccountWithEverythingHeld_IsANewOnesBytesAndGrowsAsOne()
    {
        // A forgotten account is lent to a user first seen later (AuthenticityClassifier): every field must go. Its
        // snapshot writes every field the account judges by, so a reset that missed one would not write a new one's bytes.
        var user = UserWithLists();
        for (var i = 0; i < 40; i++)
        {
            user.RecordTime(1_000 + (i * 97_000_000L)); // spread wider than the compact ages hold
        }

        user.RaiseSuspicion(0.8, ts: 5_000, halfLifeMs: 60_000);
        user.UserId = EventIdKey.Of("u-forgotten");
        user.LastSeen = 9_000;
        user.ForgetAt = 12_000;
        user.AddJudged(Judged(post: 7, ts: 1_000), capacity: 8);
        user.AddJudged(Judged(post: 8, ts: 1_100), capacity: 8);
        user.RecordFlag(0b101, new PostScopes("spring", "anna", "reel-1"));

        user.Reset();

        Assert.Equal(Save(new UserState()), Save(user));
        Assert.Equal((long.MaxValue, 0, false, false), (user.ForgetAt, user.Flagged, user.HasReasonCounts, user.HasFlaggedOn));
        user.AddPost(5, 50, capacity: 8);
        user.RecordTime(60);
        var fresh = new UserState();
        fresh.AddPost(5, 50, capacity: 8);
        fresh.RecordTime(60);
        Assert.Equal(Save(fresh), Save(user));
    }

    private static UserState UserWithLists()
    {
        var user = new UserState();
        user.AddPost(3, 10, capacity: 8);
        user.AddPost(4, 20, capacity: 8);
        user.AddRingPost(3, 30, capacity: 8);
        return user;
    }

    private static JudgedEngagement Judged(ulong post, long ts) =>
        new(EventIdKey.Of($"e-{post}-{ts}"), post, ts, EngagementKind.Like, Platform.Instagram);

    private static byte[] Save(UserState user)
    {
        var writer = new SnapshotWriter();
        user.Save(writer);
        return writer.ToArray();
    }

    private static UserState Load(byte[] bytes) => UserState.Load(new SnapshotReader(bytes));

    /// <summary>The judged list's presence flag, read the way <see cref="UserState.Load"/> reads up to it.</summary>
    private static bool JudgedPresent(byte[] bytes)
    {
        var reader = new SnapshotReader(bytes);
        for (var i = 0; i < 8; i++)
        {
            reader.Long();
        }

        reader.Int(); // recent count, next
        reader.Int();
        reader.Double(); // suspicion and its time
        reader.Long();
        reader.NullableString(); // id, last seen, flagged
        reader.Long();
        reader.Int();
        reader.Each(static r => { r.ULong(); r.Long(); }); // posts
        reader.Each(static r => { r.ULong(); r.ULong(); }); // ring posts
        return reader.Bool();
    }
}
