using CreatorStream.Core.Attribution;
using CreatorStream.Core.Conversions;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Tests.Conversions;

public sealed class SharedPostTests
{
    private static readonly TouchedPost Reel = new("spring", "anna", "reel-1");
    private static readonly EventIdKey Packed = EventIdKey.Of("evt-1");
    private static readonly EventIdKey Uuid = EventIdKey.Of("3f2b8c1e-9d4a-4c6b-8e2f-1a2b3c4d5e6f");

    [Fact]
    public void SourceOf_EveryKindPlatformAndSharedIdShape_OneInstanceEachWithItsValues()
    {
        var post = new SharedPost(Reel);
        var sources = new HashSet<TouchSource>(ReferenceEqualityComparer.Instance);
        Platform?[] platforms = [null, .. Enum.GetValues<Platform>()];
        // Two ids of each shared shape: a packed id and a UUID (the source keeps the shape, the touch the id's bits).
        EventIdKey[][] shapes = [[Packed, EventIdKey.Of("ev-2a-99")], [Uuid, EventIdKey.Of("00000000-0000-4000-8000-000000000001")]];
        foreach (var kind in Enum.GetValues<TouchKind>())
        {
            foreach (var platform in platforms)
            {
                foreach (var keys in shapes)
                {
                    var source = post.SourceOf(kind, platform, keys[0]);

                    Assert.Same(source, post.SourceOf(kind, platform, keys[1]));
                    Assert.Same(Reel, source.Post);
                    Assert.Equal((kind, platform), (source.Kind, source.Platform));
                    Assert.Same(keys[0].Shape, source.IdShape);
                    Assert.True(sources.Add(source), $"{kind} on {platform} ({keys[0]}) shares another's source");
                }
            }
        }
    }

    [Fact]
    public void SourceOf_AKeptId_ASourceOfItsOwnHoldingTheId()
    {
        var post = new SharedPost(Reel);
        var kept = EventIdKey.Of("An-Id-Kept-As-Its-String");

        var source = post.SourceOf(TouchKind.View, Platform.Instagram, kept);

        Assert.NotSame(source, post.SourceOf(TouchKind.View, Platform.Instagram, kept));
        Assert.Equal("An-Id-Kept-As-Its-String", source.IdShape);
        Assert.Equal(kept, new Touchpoint(source, 5, kept).EventKey);
    }

    [Fact]
    public void SourceOf_NotPooledOrAValueNoEventHas_AFreshSourceEachTime()
    {
        var unpooled = new SharedPost(Reel, pooled: false);
        var pooled = new SharedPost(Reel);

        Assert.NotSame(unpooled.SourceOf(TouchKind.View, Platform.Instagram, Packed), unpooled.SourceOf(TouchKind.View, Platform.Instagram, Packed));
        var odd = pooled.SourceOf((TouchKind)7, (Platform)200, Uuid); // a snapshot's bytes, never an event's
        Assert.Equal(((TouchKind)7, (Platform?)(Platform)200, Uuid.Shape), (odd.Kind, odd.Platform, odd.IdShape));
        Assert.NotSame(odd, pooled.SourceOf((TouchKind)7, (Platform)200, Uuid));
    }
}
