using CreatorStream.Core.Attribution;
using CreatorStream.Core.Conversions;

namespace CreatorStream.Core.Tests.Conversions;

public sealed class UserJourneysTests
{
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(30);

    [Fact]
    public void Add_SameUserFromTwoEvents_ReturnsTheFirstStoredInstance()
    {
        var journeys = new UserJourneys(Horizon);
        var first = new string("u-1".AsSpan()); // two equal ids, as two decoded events carry them
        var second = new string("u-1".AsSpan());

        var storedFirst = journeys.Add(first, Touch(1_000, "e1"));
        var storedSecond = journeys.Add(second, Touch(2_000, "e2"));

        Assert.Same(first, storedFirst);
        Assert.Same(first, storedSecond);
        Assert.Same(first, journeys.Intern(HashedId.Of(second)).Id);
        Assert.Equal(["e1", "e2"], journeys.Of("u-1").Select(t => t.EventId));
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
        Assert.Equal(HashedId.Of("u-9"), journeys.Intern(HashedId.Of("u-9"))); // unknown users come back as given
    }

    [Fact]
    public void Add_TwoUsersWhoseHashesCollide_KeepsTwoJourneys()
    {
        var journeys = new UserJourneys(Horizon);
        journeys.Add(new HashedId("u-1", 42), Touch(1_000, "e1")); // one hash for two ids: the ids still tell them apart
        journeys.Add(new HashedId("u-2", 42), Touch(2_000, "e2"));

        Assert.Equal(2, journeys.Users);
        Assert.Equal(["e1"], journeys.Of(new HashedId("u-1", 42)).Select(t => t.EventId));
        Assert.Equal(["e2"], journeys.Of(new HashedId("u-2", 42)).Select(t => t.EventId));
        Assert.Empty(journeys.Of(new HashedId("u-1", 43)));
    }

    private static Touchpoint Touch(long ts, string eventId) => new("camp", "creator", "post", ts, eventId, TouchKind.View);
}
