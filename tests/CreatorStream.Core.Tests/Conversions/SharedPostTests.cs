using CreatorStream.Core.Attribution;
using CreatorStream.Core.Conversions;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Tests.Conversions;

public sealed class SharedPostTests
{
    private static readonly TouchedPost Reel = new("spring", "anna", "reel-1");

    [Fact]
    public void SourceOf_EveryKindAndPlatform_OneInstanceEachWithItsValues()
    {
        var post = new SharedPost(Reel);
        var sources = new HashSet<TouchSource>(ReferenceEqualityComparer.Instance);
        Platform?[] platforms = [null, .. Enum.GetValues<Platform>()];
        foreach (var kind in Enum.GetValues<TouchKind>())
        {
            foreach (var platform in platforms)
            {
                var source = post.SourceOf(kind, platform);

                Assert.Same(source, post.SourceOf(kind, platform));
                Assert.Same(Reel, source.Post);
                Assert.Equal((kind, platform), (source.Kind, source.Platform));
                Assert.True(sources.Add(source), $"{kind} on {platform} shares another's source");
            }
        }
    }

    [Fact]
    public void SourceOf_NotPooledOrAValueNoEventHas_AFreshSourceEachTime()
    {
        var unpooled = new SharedPost(Reel, pooled: false);
        var pooled = new SharedPost(Reel);

        Assert.NotSame(unpooled.SourceOf(TouchKind.View, Platform.Instagram), unpooled.SourceOf(TouchKind.View, Platform.Instagram));
        var odd = pooled.SourceOf((TouchKind)7, (Platform)200); // a snapshot's bytes, never an event's
        Assert.Equal(((TouchKind)7, (Platform?)(Platform)200), (odd.Kind, odd.Platform));
        Assert.NotSame(odd, pooled.SourceOf((TouchKind)7, (Platform)200));
    }
}
