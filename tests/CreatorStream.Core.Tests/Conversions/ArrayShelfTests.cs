using CreatorStream.Core.Attribution;
using CreatorStream.Core.Conversions;
using CreatorStream.Core.Windows;

namespace CreatorStream.Core.Tests.Conversions;

/// <summary>The journeys' kept arrays: given back cleared, lent again by exact length, never more than the bound kept.</summary>
public sealed class ArrayShelfTests
{
    [Fact]
    public void Rent_AfterReturn_LendsTheSameArray_Cleared()
    {
        var arrays = new ArrayShelf<Touchpoint>();
        var first = arrays.Rent(3);
        first[0] = Touch(1, "e1");
        first[1] = Touch(2, "e2");

        arrays.Return(first, used: 2);

        Assert.NotSame(first, arrays.Rent(2)); // another length: a new array
        var again = arrays.Rent(3);
        Assert.Same(first, again);
        Assert.All(again, t => Assert.Equal(default, t)); // nothing of the old journey (no post, no id) held alive
        Assert.Equal(0, arrays.Kept);
    }

    [Fact]
    public void Return_PastTheBound_KeepsNoMore()
    {
        var arrays = new ArrayShelf<Touchpoint>();
        for (var i = 0; i < ArrayShelf<Touchpoint>.MaxPerLength + 10; i++)
        {
            arrays.Return(new Touchpoint[2], used: 0);
        }

        Assert.Equal(ArrayShelf<Touchpoint>.MaxPerLength, arrays.Kept);
    }

    [Fact]
    public void Journeys_GrowingAndForgotten_KeepEveryTouchInOrder_AndLendTheirArraysOn()
    {
        var journeys = new UserJourneys(TimeSpan.FromDays(1));
        var day = (long)TimeSpan.FromDays(1).TotalMilliseconds;
        for (var i = 0; i < 10; i++) // through arrays of 1, 2, 3, 4, 6, 9 and 13
        {
            journeys.Add("u-1", Touch(i, $"a{i}"));
            journeys.Add("u-2", Touch(i, $"b{i}"));
        }

        journeys.Evict(2 * day); // both forgotten: their arrays go back
        for (var i = 0; i < 7; i++)
        {
            journeys.Add("u-3", Touch((2 * day) + i, $"c{i}"));
        }

        Assert.Equal([.. Enumerable.Range(0, 7).Select(i => $"c{i}")], journeys.Of("u-3").Select(t => t.EventId));
        Assert.Equal(1, journeys.Users);
    }

    [Fact]
    public void Journeys_UserForgotten_GivesItsOpenPathsArraysBack()
    {
        var journeys = new UserJourneys(TimeSpan.FromDays(1));
        journeys.Add("u-1", Touch(0, "e0"));
        ref var path = ref journeys.Path(HashedId.Of("u-1"), "camp");
        for (var i = 0; i < 5; i++)
        {
            path.Add($"c{i}", state: 1, journeys.PathArrays); // arrays of 2, 4 and 8
        }

        Assert.Equal(2, journeys.PathArrays.Kept);
        journeys.Evict((long)TimeSpan.FromDays(2).TotalMilliseconds);

        Assert.Equal(0, journeys.Users);
        Assert.Equal(3, journeys.PathArrays.Kept);
    }

    private static Touchpoint Touch(long ts, string eventId) => new("camp", "creator", "post", ts, eventId, TouchKind.View);
}
