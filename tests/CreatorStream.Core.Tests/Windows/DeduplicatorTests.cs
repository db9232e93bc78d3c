using CreatorStream.Core.Windows;

namespace CreatorStream.Core.Tests.Windows;

public sealed class DeduplicatorTests
{
    private static readonly long Day = (long)TimeSpan.FromHours(24).TotalMilliseconds;

    [Fact]
    public void TryAdd_SameIdWithinTheHorizon_IsADuplicate()
    {
        var dedup = new Deduplicator(TimeSpan.FromHours(24));

        Assert.True(dedup.TryAdd("e1", 0));
        Assert.False(dedup.TryAdd("e1", Day));
    }

    [Fact]
    public void TryAdd_SameIdAfterTheHorizon_CountsAgain()
    {
        var dedup = new Deduplicator(TimeSpan.FromHours(24));
        dedup.TryAdd("e1", 0);

        Assert.True(dedup.TryAdd("e1", Day + 1));
    }

    [Fact]
    public void Evict_IdsOlderThanTheHorizon_AreForgotten()
    {
        var dedup = new Deduplicator(TimeSpan.FromHours(24));
        dedup.TryAdd("old", 0);
        dedup.TryAdd("new", Day);

        dedup.Evict(watermark: Day + 1);

        Assert.Equal(1, dedup.Count);
        Assert.True(dedup.TryAdd("old", 0));
    }

    [Fact]
    public void Evict_BeforeAnyWatermark_ForgetsNothing()
    {
        var dedup = new Deduplicator(TimeSpan.FromHours(24));
        dedup.TryAdd("e1", 1_767_225_600_000);

        dedup.Evict(long.MinValue); // "minus 24 hours" must not overflow into the far future

        Assert.False(dedup.TryAdd("e1", 1_767_225_600_000));
    }
}
