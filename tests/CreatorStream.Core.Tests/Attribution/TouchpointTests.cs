using System.Runtime.CompilerServices;
using CreatorStream.Core.Attribution;
using CreatorStream.Core.Conversions;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Tests.Attribution;

public sealed class TouchpointTests
{
    private static readonly TouchedPost Reel = new("spring", "anna", "reel-1", "GB");

    [Fact]
    public void Size_APooledSourceAndTheEventsTimeAndId_FortyBytes()
    {
        // A million users' journeys hold millions of these for the lookback (docs/benchmarks.md, session 38).
        Assert.Equal(40, Unsafe.SizeOf<Touchpoint>());
    }

    [Fact]
    public void Equals_APooledAndAnOwnSourceWithTheSameValues_AreEqual()
    {
        var key = EventIdKey.Of("evt-1");
        var pooled = new Touchpoint(new SharedPost(Reel).SourceOf(TouchKind.Click, Platform.TikTok), 1_000, key);
        var own = new Touchpoint(Reel with { }, 1_000, key, TouchKind.Click, Platform.TikTok);

        Assert.Equal(own, pooled);
        Assert.True(own == pooled);
        Assert.Equal(own.GetHashCode(), pooled.GetHashCode());
        Assert.Equal((Reel, 1_000L, key, TouchKind.Click, (Platform?)Platform.TikTok), (pooled.Post, pooled.Ts, pooled.EventKey, pooled.Kind, pooled.Platform));
    }

    [Theory]
    [InlineData("kind")]
    [InlineData("platform")]
    [InlineData("post")]
    [InlineData("ts")]
    [InlineData("id")]
    public void Equals_OneValueDiffers_AreNotEqual(string differs)
    {
        var key = EventIdKey.Of("evt-1");
        var touch = new Touchpoint(Reel, 1_000, key, TouchKind.Click, Platform.TikTok);
        var other = differs switch
        {
            "kind" => new Touchpoint(Reel, 1_000, key, TouchKind.View, Platform.TikTok),
            "platform" => new Touchpoint(Reel, 1_000, key, TouchKind.Click),
            "post" => new Touchpoint(Reel with { Country = "US" }, 1_000, key, TouchKind.Click, Platform.TikTok),
            "ts" => touch with { Ts = 1_001 },
            _ => touch with { EventKey = EventIdKey.Of("evt-2") },
        };

        Assert.NotEqual(touch, other);
    }

    [Fact]
    public void Default_NoSource_ReadsAsNoPostAView()
    {
        var none = default(Touchpoint);

        Assert.Null(none.Post);
        Assert.Equal(TouchKind.View, none.Kind);
        Assert.Null(none.Platform);
        Assert.NotEqual(new Touchpoint(Reel, 0, default, TouchKind.View), none); // a post of its own is not none
    }
}
