using System.Runtime.CompilerServices;
using CreatorStream.Core.Attribution;
using CreatorStream.Core.Conversions;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Tests.Attribution;

public sealed class TouchpointTests
{
    private static readonly TouchedPost Reel = new("spring", "anna", "reel-1", "GB");

    [Fact]
    public void Size_APooledSourceTheEventsTimeAndItsIdsBits_ThirtyTwoBytes()
    {
        // A million users' journeys hold millions of these for the lookback (docs/benchmarks.md, sessions 38 and 39).
        Assert.Equal(32, Unsafe.SizeOf<Touchpoint>());
    }

    public static TheoryData<string> Ids() =>
    [
        "evt-1", "ev-2a-123456", "0123456789abcdef", // packed (16 printable ASCII characters at most)
        "3f2b8c1e-9d4a-4c6b-8e2f-1a2b3c4d5e6f", // a canonical UUID
        "3F2B8C1E-9D4A-4C6B-8E2F-1A2B3C4D5E6F", "an id longer than sixteen", "évènement", "", // kept as strings
    ];

    [Theory]
    [MemberData(nameof(Ids))]
    public void EventKey_AnIdOfAnyShape_ReadsBackEqualOrderedAndAsTheSameId(string id)
    {
        var key = EventIdKey.Of(id);
        var pooled = new Touchpoint(new SharedPost(Reel).SourceOf(TouchKind.Engage, Platform.TikTok, key), 1_000, key);
        var own = new Touchpoint(Reel, 1_000, key, TouchKind.Engage, Platform.TikTok);

        var replaced = new Touchpoint(Reel, 1_000, EventIdKey.Of("x"), TouchKind.Engage, Platform.TikTok) with { EventKey = key };

        var none = default(Touchpoint) with { EventKey = key }; // no post, but the key whole
        Assert.Null(none.Post);

        foreach (var touch in new[] { pooled, own, own with { EventKey = key }, replaced, none })
        {
            Assert.Equal(key, touch.EventKey);
            Assert.Equal(id, touch.EventId);
            Assert.Equal(0, touch.EventKey.CompareTo(key));
            Assert.Equal(key.GetHashCode(), touch.EventKey.GetHashCode());
        }
    }

    [Fact]
    public void EventKey_ReplacedWithAnotherShape_TakesThatShapeWithoutChangingTheSourcesOthers()
    {
        var packed = EventIdKey.Of("evt-1");
        var uuid = EventIdKey.Of("3f2b8c1e-9d4a-4c6b-8e2f-1a2b3c4d5e6f");
        var post = new SharedPost(Reel);
        var touch = new Touchpoint(post.SourceOf(TouchKind.Click, Platform.YouTube, packed), 1_000, packed);

        var moved = touch with { EventKey = uuid };

        Assert.Equal(uuid, moved.EventKey);
        Assert.Equal(packed, touch.EventKey); // the pooled source the first still holds is unchanged
        Assert.Same(post.SourceOf(TouchKind.Click, Platform.YouTube, packed), touch.Source);
        Assert.Equal((Reel, TouchKind.Click, (Platform?)Platform.YouTube), (moved.Post, moved.Kind, moved.Platform));
    }

    [Fact]
    public void Equals_APooledAndAnOwnSourceWithTheSameValues_AreEqual()
    {
        var key = EventIdKey.Of("evt-1");
        var pooled = new Touchpoint(new SharedPost(Reel).SourceOf(TouchKind.Click, Platform.TikTok, key), 1_000, key);
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
