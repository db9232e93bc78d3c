using CreatorStream.Core.Attribution;
using CreatorStream.Core.Conversions;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Tests.Conversions;

public sealed class UserJourneysTests
{
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(30);
    private static readonly long Day = (long)TimeSpan.FromDays(1).TotalMilliseconds;

    [Theory]
    [InlineData("u-1")] // short: a packed key
    [InlineData("0438691b-7b1f-4219-8864-fa2f7e75b960")] // a UUID
    [InlineData("an account id longer than sixteen characters")] // kept as its string
    public void Add_SameUserFromTwoEvents_IsOneUser(string userId)
    {
        var journeys = new UserJourneys(Horizon);

        journeys.Add(new string(userId.AsSpan()), Touch(1_000, "e1")); // two equal ids, as two decoded events carry them
        journeys.Add(new string(userId.AsSpan()), Touch(2_000, "e2"));

        Assert.Equal(1, journeys.Users);
        Assert.Equal(["e1", "e2"], journeys.Of(userId).Select(t => t.EventId));
    }

    /// <summary>
    /// Most users held under a sustained rate are seen once: a user's first touch takes an array of one, and the array
    /// grows by half, at least by one, up to the cap, keeping every touch in order.
    /// </summary>
    [Fact]
    public void Add_TouchesOneByOne_GrowTheArrayFromOneByHalf()
    {
        var journeys = new UserJourneys(Horizon);
        var lengths = new List<int>();
        for (var i = 0; i < UserJourneys.MaxPerUser + 5; i++)
        {
            journeys.Add("u-1", Touch(i, $"e{i}"));
            var touches = (ArraySegment<Touchpoint>)journeys.Of("u-1");
            if (lengths.Count == 0 || lengths[^1] != touches.Array!.Length)
            {
                lengths.Add(touches.Array!.Length);
            }
        }

        Assert.Equal([1, 2, 3, 4, 6, 9, 13, 19, 28, 42, 63, 94, 141, 200], lengths);
        Assert.Equal(Enumerable.Range(5, UserJourneys.MaxPerUser).Select(i => $"e{i}"), journeys.Of("u-1").Select(t => t.EventId));
    }

    [Fact]
    public void Evict_UserForgottenThenBackAgain_KeepsOnlyTheNewTouchpoints()
    {
        var journeys = new UserJourneys(Horizon);
        var day = (long)TimeSpan.FromDays(1).TotalMilliseconds;
        journeys.Add("u-1", Touch(0, "old"));
        journeys.Evict(31 * day); // the old touch is past the horizon: the user goes
        Assert.Equal(0, journeys.Users);

        journeys.Add("u-1", Touch(31 * day, "new"));
        journeys.Add("u-2", Touch(31 * day, "other"));
        journeys.Evict(32 * day);

        Assert.Equal(["new"], journeys.Of("u-1").Select(t => t.EventId));
        Assert.Equal(2, journeys.Users);
    }

    [Fact]
    public void Add_TwoUsersWhoseHashesCollide_KeepsTwoJourneys()
    {
        var journeys = new UserJourneys(Horizon);
        journeys.Add(new HashedId(EventIdKey.Of("u-1"), 42), Touch(1_000, "e1")); // one hash for two ids: the ids still tell them apart
        journeys.Add(new HashedId(EventIdKey.Of("u-2"), 42), Touch(2_000, "e2"));

        Assert.Equal(2, journeys.Users);
        Assert.Equal(["e1"], journeys.Of(new HashedId(EventIdKey.Of("u-1"), 42)).Select(t => t.EventId));
        Assert.Equal(["e2"], journeys.Of(new HashedId(EventIdKey.Of("u-2"), 42)).Select(t => t.EventId));
        Assert.Empty(journeys.Of(new HashedId(EventIdKey.Of("u-1"), 43)));
    }

    [Fact]
    public void Path_UserWithAJourney_IsHeldInTheJourneysRecord()
    {
        var journeys = new UserJourneys(Horizon);
        journeys.Add("u-1", Touch(1_000, "e1"));

        ref var path = ref journeys.Path(HashedId.Of(new string("u-1".AsSpan())), "camp");
        path.Add("anna");
        path.LastTs = 1_000;
        journeys.Path(HashedId.Of("u-1"), "other").Add("ben");

        Assert.Equal(1, journeys.Users); // no second record for the path
        Assert.Equal(2, journeys.OpenPaths);
        Assert.Equal(["anna"], journeys.PathOf(HashedId.Of("u-1"), "camp")!.Value.Creators.ToArray());
        Assert.Equal(1_000, journeys.PathOf(HashedId.Of("u-1"), "camp")!.Value.LastTs);
        Assert.Equal(["ben"], journeys.PathOf(HashedId.Of("u-1"), "other")!.Value.Creators.ToArray());
        Assert.Null(journeys.PathOf(HashedId.Of("u-1"), "third"));
        Assert.Null(journeys.PathOf(HashedId.Of("u-2"), "camp"));
    }

    [Fact]
    public void Evict_UserLeftWithNoTouches_ForgetsTheUsersOpenPaths()
    {
        var journeys = new UserJourneys(Horizon);
        var day = (long)TimeSpan.FromDays(1).TotalMilliseconds;
        journeys.Add("u-1", Touch(0, "old"));
        journeys.Add("u-2", Touch(2 * day, "kept"));
        journeys.Path(HashedId.Of("u-1"), "camp").Add("anna");
        journeys.Path(HashedId.Of("u-2"), "camp").Add("ben");

        journeys.Evict(31 * day); // u-1's only touch is past the horizon; u-2's is not

        Assert.Null(journeys.PathOf(HashedId.Of("u-1"), "camp"));
        Assert.Equal(["ben"], journeys.PathOf(HashedId.Of("u-2"), "camp")!.Value.Creators.ToArray());
        Assert.Equal(1, journeys.OpenPaths);

        journeys.Add("u-1", Touch(31 * day, "new")); // back again: a new journey with no path of the old one
        Assert.Null(journeys.PathOf(HashedId.Of("u-1"), "camp"));
    }

    [Fact]
    public void Path_UserWithoutAJourney_GetsARecordThatItsLaterTouchesJoin()
    {
        var journeys = new UserJourneys(Horizon);
        var day = (long)TimeSpan.FromDays(1).TotalMilliseconds;
        journeys.Path(HashedId.Of("u-1"), "camp").Add("anna"); // a guard: the pipeline touches before it chains

        journeys.Evict(40 * day); // no touch, so nothing of the user's is due
        Assert.Equal(["anna"], journeys.PathOf(HashedId.Of("u-1"), "camp")!.Value.Creators.ToArray());

        journeys.Add("u-1", Touch(40 * day, "e1"));
        journeys.Evict(71 * day); // the touch is past the horizon: the user goes, and the path with it
        Assert.Null(journeys.PathOf(HashedId.Of("u-1"), "camp"));
        Assert.Equal(0, journeys.Users);
    }

    [Fact]
    public void Evict_AnArrivalOfAForgottenRecord_LeavesAPathsRecordWithoutTouches()
    {
        // A path for the forgotten user without a touch (the guard): the late arrival, evicted, finds the guard's record by
        // id and must not take its path.
        var journeys = WithAForgottenArrival();
        journeys.Path(HashedId.Of("u-1"), "camp").Add("anna");

        journeys.Evict(71 * Day); // u-2's arrival goes, then u-1's late one

        Assert.Equal(["anna"], journeys.PathOf(HashedId.Of("u-1"), "camp")!.Value.Creators.ToArray());
    }

    [Fact]
    public void RemovePath_TheLastPathOfARecordWithoutTouches_ForgetsTheRecord()
    {
        var journeys = new UserJourneys(Horizon);
        journeys.Path(HashedId.Of("u-1"), "camp").Add("anna");
        Assert.Equal(1, journeys.Users);

        Assert.True(journeys.RemovePath(HashedId.Of("u-1"), "camp", out _));

        Assert.Equal(0, journeys.Users);
    }

    [Fact]
    public void RemovePath_OneOfTwoCampaigns_LeavesTheOther()
    {
        var journeys = new UserJourneys(Horizon);
        journeys.Add("u-1", Touch(1_000, "e1"));
        journeys.Path(HashedId.Of("u-1"), "a").Add("anna");
        journeys.Path(HashedId.Of("u-1"), "b").Add("ben");

        Assert.True(journeys.RemovePath(HashedId.Of("u-1"), "a", out var removed));
        Assert.Equal(["anna"], removed.Creators.ToArray());
        Assert.False(journeys.RemovePath(HashedId.Of("u-1"), "a", out _));
        Assert.False(journeys.RemovePath(HashedId.Of("u-9"), "a", out _));
        Assert.Equal(["ben"], journeys.PathOf(HashedId.Of("u-1"), "b")!.Value.Creators.ToArray());
        Assert.Equal(1, journeys.OpenPaths);
    }

    [Fact]
    public void Path_TwoUsersWhoseHashesCollide_KeepsTwoPaths()
    {
        var journeys = new UserJourneys(Horizon);
        journeys.Add(new HashedId(EventIdKey.Of("u-1"), 42), Touch(1_000, "e1"));
        journeys.Add(new HashedId(EventIdKey.Of("u-2"), 42), Touch(2_000, "e2"));
        journeys.Path(new HashedId(EventIdKey.Of("u-1"), 42), "camp").Add("anna");
        journeys.Path(new HashedId(EventIdKey.Of("u-2"), 42), "camp").Add("ben");

        Assert.Equal(["anna"], journeys.PathOf(new HashedId(EventIdKey.Of("u-1"), 42), "camp")!.Value.Creators.ToArray());
        Assert.Equal(["ben"], journeys.PathOf(new HashedId(EventIdKey.Of("u-2"), 42), "camp")!.Value.Creators.ToArray());
    }

    [Fact]
    public void Load_WhatSaveWrote_SavesTheSameBytesAndEvictsAsTheOriginal()
    {
        // The user back after the forgotten arrival: the saved arrival names a record that is gone, so it is written by id,
        // and both the original and the restored journeys find the new record by it.
        var journeys = WithAForgottenArrival();
        journeys.Add("u-3", Touch(40 * Day, "c", "other-post"));
        journeys.Add("u-1", Touch(41 * Day, "back"));
        journeys.Path(HashedId.Of("u-2"), "camp").Add("anna");

        var saved = Save(journeys);
        var restored = new UserJourneys(Horizon);
        var reader = new Snapshots.SnapshotReader(saved) { Format = Core.Dataflow.BrandTask.SnapshotFormat };
        restored.Load(reader, static (campaign, creator, content, country) => new SharedPost(new TouchedPost(campaign, creator, content, country)));
        restored.LoadPaths(reader);

        Assert.Equal(saved, Save(restored));
        Assert.Equal(["c"], restored.Of("u-3").Select(t => t.EventId));
        Assert.Equal("other-post", restored.Of("u-3")[0].ContentId);
        foreach (var watermark in new[] { 70 * Day, 71 * Day, 72 * Day })
        {
            journeys.Evict(watermark);
            restored.Evict(watermark);
            Assert.Equal(Save(journeys), Save(restored));
        }

        Assert.Equal(0, restored.Users);
    }

    [Fact]
    public void Freeze_WrittenAfterTheJourneysMoveOn_WritesWhatSaveWroteAtTheFreeze()
    {
        // After the freeze the forgotten record's arrival goes, its record is lent to a new user, and the other users'
        // touches change: the copy still writes the forgotten arrival by its old id, and every user as they were.
        var journeys = WithAForgottenArrival();
        journeys.Add("u-3", Touch(40 * Day, "c", "other-post"));
        journeys.Add("u-1", Touch(41 * Day, "back"));
        var atFreeze = new Snapshots.SnapshotWriter();
        journeys.Save(atFreeze);
        var write = journeys.Freeze();

        journeys.Evict(40 * Day + Horizon.Ticks / TimeSpan.TicksPerMillisecond + 1); // u-2, u-3 and the forgotten arrival go
        journeys.Add("u-9", Touch(72 * Day, "new")); // takes a spare record: the forgotten one's, or u-2's
        journeys.Add("u-1", Touch(73 * Day, "later"));
        var frozen = new Snapshots.SnapshotWriter();
        write(frozen);

        Assert.Equal(atFreeze.ToArray(), frozen.ToArray());
        Assert.NotEqual(atFreeze.ToArray(), Save(journeys)); // the journeys did move on
    }

    [Fact]
    public void NewUsers_TakeForgottenRecordsOnlyOnceNoArrivalNamesThem()
    {
        // u-1 is forgotten but its late arrival still names its record (the queue reads the record's key): a new user must
        // not take it until that arrival has gone.
        var journeys = WithAForgottenArrival();
        Assert.Equal(0, journeys.SpareUsers);
        journeys.Add("u-3", Touch(41 * Day, "c"));

        journeys.Evict(71 * Day); // u-2's arrival goes with u-2 (its record kept), then u-1's late one (u-1's record kept)

        Assert.Equal(2, journeys.SpareUsers);
        journeys.Add("u-4", Touch(71 * Day, "d"));
        journeys.Path(HashedId.Of("u-5"), "camp").Add("anna");
        journeys.Add("u-5", Touch(72 * Day, "e"));
        Assert.Equal(0, journeys.SpareUsers);
        Assert.Equal(3, journeys.Users);
        Assert.Equal(["c"], journeys.Of("u-3").Select(t => t.EventId));
        Assert.Equal(["d"], journeys.Of("u-4").Select(t => t.EventId));
        Assert.Equal(["e"], journeys.Of("u-5").Select(t => t.EventId));
        Assert.Equal(["anna"], journeys.PathOf(HashedId.Of("u-5"), "camp")!.Value.Creators.ToArray());
        Assert.Empty(journeys.Of("u-1"));
        Assert.Empty(journeys.Of("u-2"));
        Assert.Equal(1, journeys.OpenPaths);

        var restored = new UserJourneys(Horizon);
        var reader = new Snapshots.SnapshotReader(Save(journeys)) { Format = Core.Dataflow.BrandTask.SnapshotFormat };
        restored.Load(reader, static (campaign, creator, content, country) => new SharedPost(new TouchedPost(campaign, creator, content, country)));
        restored.LoadPaths(reader);
        foreach (var watermark in new[] { 101 * Day, 102 * Day, 103 * Day })
        {
            journeys.Evict(watermark); // the lent records go as their own users
            restored.Evict(watermark);
            Assert.Equal(Save(journeys), Save(restored));
        }

        Assert.Equal(0, journeys.Users);
        Assert.Equal(3, journeys.SpareUsers);
    }

    /// <summary>
    /// Arrivals name their records by slot. More users forgotten at once than spares are kept: the others' slots are
    /// given back, and the next users take the spares and those slots, so the table does not grow, and each arrival
    /// still names its own user (each user goes with its own touch, a day apart).
    /// </summary>
    [Fact]
    public void Slots_OfRecordsLetGo_AreTakenByNewUsersWithoutMixingThem()
    {
        var journeys = new UserJourneys(TimeSpan.FromDays(1));
        var users = UserJourneys.MaxSpareUsers + 3_000;
        for (var i = 0; i < users; i++)
        {
            journeys.Add($"old-{i}", Touch(0, $"o{i}"));
        }

        journeys.Evict(2 * Day);
        Assert.Equal((0, UserJourneys.MaxSpareUsers, UserJourneys.MaxSpareUsers), (journeys.Users, journeys.SpareUsers, journeys.RecordSlots));

        foreach (var i in Enumerable.Range(0, users).OrderBy(i => i % 2))
        {
            journeys.Add($"new-{i}", Touch((2 * Day) + (i % 2 == 0 ? 0 : Day), $"n{i}")); // the odd users after, a day later
        }

        Assert.Equal((users, users, users), (journeys.Users, journeys.RecordSlots, journeys.SlotsMade));
        journeys.Evict(3 * Day + 1); // the even users' touches are past the horizon, the odd users' are not
        Assert.Equal(users / 2, journeys.Users);
        for (var i = 0; i < users; i += 997)
        {
            Assert.Equal(i % 2 == 0 ? [] : new[] { $"n{i}" }, journeys.Of($"new-{i}").Select(t => t.EventId));
        }

        journeys.Evict(4 * Day + 1);
        Assert.Equal((0, users), (journeys.Users, journeys.SlotsMade));
    }

    /// <summary>
    /// Journeys holding an arrival of a forgotten record: u-1's two touches (the second a late one, arriving after u-2's
    /// newer touch) are past the horizon at day 41, u-1 goes, and its late arrival stays behind u-2's, since eviction stops
    /// at the first arrival within the horizon.
    /// </summary>
    private static UserJourneys WithAForgottenArrival()
    {
        var journeys = new UserJourneys(Horizon);
        journeys.Add("u-1", Touch(10 * Day, "a"));
        journeys.Add("u-2", Touch(40 * Day, "b"));
        journeys.Add("u-1", Touch(5 * Day, "late"));
        journeys.Evict(41 * Day);
        Assert.Equal(1, journeys.Users);
        return journeys;
    }

    private static byte[] Save(UserJourneys journeys)
    {
        var writer = new Snapshots.SnapshotWriter();
        journeys.Save(writer);
        journeys.SavePaths(writer);
        return writer.ToArray();
    }

    private static Touchpoint Touch(long ts, string eventId, string content) => new("camp", "creator", content, ts, eventId, TouchKind.View);

    private static Touchpoint Touch(long ts, string eventId) => new("camp", "creator", "post", ts, eventId, TouchKind.View);
}
