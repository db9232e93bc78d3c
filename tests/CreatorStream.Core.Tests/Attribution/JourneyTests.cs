using CreatorStream.Core.Attribution;

namespace CreatorStream.Core.Tests.Attribution;

public sealed class JourneyTests
{
    private static readonly TimeSpan Lookback = TimeSpan.FromDays(7);
    private const long T = Touch.ConversionTs;

    [Fact]
    public void Build_Empty_IsEmpty()
    {
        Assert.Empty(Journey.Build([], T, Lookback));
    }

    [Fact]
    public void Build_LookbackBounds_KeepsBothEndsInclusiveAndDropsOutside()
    {
        var touchpoints = new[]
        {
            Touch.At("too-old", T - (7 * Touch.Day) - 1),
            Touch.At("oldest-kept", T - (7 * Touch.Day)),
            Touch.At("middle", T - Touch.Day),
            Touch.At("at-conversion", T),
            Touch.At("after-conversion", T + 1),
        };

        var journey = Journey.Build(touchpoints, T, Lookback);

        Assert.Equal(["oldest-kept", "middle", "at-conversion"], journey.Select(t => t.CreatorId));
    }

    [Fact]
    public void Build_ZeroLookback_KeepsOnlyTouchpointsAtTheConversionTime()
    {
        var journey = Journey.Build([Touch.At("a", T - 1), Touch.At("b", T)], T, TimeSpan.Zero);

        Assert.Equal(["b"], journey.Select(t => t.CreatorId));
    }

    [Fact]
    public void Build_MaximumLookback_KeepsEverythingUpToTheConversionWithoutOverflow()
    {
        var journey = Journey.Build([Touch.At("epoch", 0), Touch.At("recent", T - 1), Touch.At("late", T + 1)], T, TimeSpan.MaxValue);

        Assert.Equal(["epoch", "recent"], journey.Select(t => t.CreatorId));
    }

    [Fact]
    public void Build_UnorderedInput_OrdersByTimestamp()
    {
        var journey = Journey.Build([Touch.At("c", T - 1), Touch.At("a", T - 3), Touch.At("b", T - 2)], T, Lookback);

        Assert.Equal(["a", "b", "c"], journey.Select(t => t.CreatorId));
    }

    [Fact]
    public void Build_EqualTimestamps_BreaksTiesByEventIdOrdinal()
    {
        // Ordinal, not culture or numeric: "E" (0x45) < "e" (0x65), and "e10" < "e9".
        var touchpoints = new[]
        {
            Touch.At("c", T - 5, eventId: "e9"),
            Touch.At("b", T - 5, eventId: "e10"),
            Touch.At("a", T - 5, eventId: "E9"),
        };

        var journey = Journey.Build(touchpoints, T, Lookback);

        Assert.Equal(["a", "b", "c"], journey.Select(t => t.CreatorId));
    }

    [Fact]
    public void Build_ConsecutiveSameCreator_MergesKeepingTheLatestTimestampContentEventAndKind()
    {
        var touchpoints = new[]
        {
            Touch.At("a", T - (3 * Touch.Hour), eventId: "v1", content: "reel-1", kind: TouchKind.View),
            Touch.At("a", T - (2 * Touch.Hour), eventId: "c1", content: "reel-2", kind: TouchKind.Click),
            Touch.At("a", T - (2 * Touch.Hour) - 1, eventId: "e1", content: "reel-3", kind: TouchKind.Engage),
            Touch.At("b", T - Touch.Hour, eventId: "v2", content: "video-1"),
        };

        var journey = Journey.Build(touchpoints, T, Lookback);

        Assert.Equal(
            [
                new Touchpoint("camp-1", "a", "reel-2", T - (2 * Touch.Hour), "c1", TouchKind.Click),
                new Touchpoint("camp-1", "b", "video-1", T - Touch.Hour, "v2", TouchKind.View),
            ],
            journey);
    }

    [Fact]
    public void Build_SameCreatorRunWithEqualTimestamps_KeepsTheGreatestEventId()
    {
        var journey = Journey.Build([Touch.At("a", T, eventId: "e2", content: "x"), Touch.At("a", T, eventId: "e1", content: "y")], T, Lookback);

        var only = Assert.Single(journey);
        Assert.Equal(("e2", "x"), (only.EventId, only.ContentId));
    }

    [Fact]
    public void Build_CreatorReturningAfterAnother_KeepsThreeTouchpoints()
    {
        var journey = Journey.Build([Touch.At("a", T - 3), Touch.At("b", T - 2), Touch.At("a", T - 1)], T, Lookback);

        Assert.Equal(["a", "b", "a"], journey.Select(t => t.CreatorId));
    }

    [Fact]
    public void Build_SameCreatorInTwoCampaigns_DoesNotMerge()
    {
        var journey = Journey.Build([Touch.At("a", T - 2, campaign: "spring"), Touch.At("a", T - 1, campaign: "summer")], T, Lookback);

        Assert.Equal(["spring", "summer"], journey.Select(t => t.CampaignId));
    }

    [Fact]
    public void Build_NegativeLookback_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Journey.Build([], T, TimeSpan.FromMilliseconds(-1)));
    }
}
