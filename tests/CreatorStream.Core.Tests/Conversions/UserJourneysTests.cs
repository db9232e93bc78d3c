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
        Assert.Same(first, journeys.Intern(second));
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
        Assert.Equal("u-9", journeys.Intern("u-9")); // unknown users come back as given
    }

    private static Touchpoint Touch(long ts, string eventId) => new("camp", "creator", "post", ts, eventId, TouchKind.View);
}
