using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.State;
using CreatorStream.Testing;

namespace CreatorStream.Redis.Tests;

/// <summary>
/// A source task commits a delta per batch with offsets and nothing else. Its rarely used collections (corrections,
/// flagged accounts, content, the measuring offsets) are made only by writers (docs/design.md, "Per-event cost"), so a
/// store committing it must not make them by reading: each would be a dozen objects a task and batch.
/// </summary>
public sealed class RedisSourceDeltaTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly SourcePartition Clicks = new("creatorstream.clicks", 3);

    [Fact]
    public async Task Commit_ADeltaOfOffsetsOnly_MakesNoneOfItsRareCollectionsAndStoresTheOffset()
    {
        var redisStore = redis.NewStore(TestCampaigns.Spring());
        foreach (var store in new IStateStore[] { redisStore, new InMemoryStateStore() })
        {
            var delta = new StateDelta { WallClockMs = EventBuilder.T0, Task = TaskNames.Of(Clicks) };
            delta.Fence[Clicks] = StateDelta.NoOffset;
            delta.NextOffsets[Clicks] = 42;

            await store.CommitAsync(delta, default);

            Assert.Equal(42, (await store.ReadCheckpointAsync([Clicks], default)).Offsets[Clicks]);
            Assert.False(delta.HasContent);
            Assert.False(delta.HasFlaggedAccounts);
            Assert.False(delta.HasCorrections);
            Assert.False(delta.HasAppliedOrigins);
            Assert.False(delta.HasRoutedThrough);
        }
    }
}
