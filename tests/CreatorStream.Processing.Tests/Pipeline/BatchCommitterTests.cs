using CreatorStream.Core.Metrics;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;

namespace CreatorStream.Processing.Tests.Pipeline;

/// <summary>
/// The committer gives a delta's user-hash arrays back to the pool only once the store has applied them (docs/design.md,
/// "Per-event cost"): the stored reach counts every user, and the delta's lists are empty after.
/// </summary>
public sealed class BatchCommitterTests
{
    [Fact]
    public async Task Commit_AppliesTheUserHashes_ThenReleasesThem()
    {
        var store = new InMemoryStateStore();
        var committer = new BatchCommitter(store, new CollectingSinks(), new CollectingSinks(), alerts: null, changes: null);
        var result = new BatchResult(1_000);
        var key = AggregateKey.Campaign("spring");
        var delta = result.Delta.For(key);
        for (ulong user = 1; user <= 100; user++)
        {
            delta.Counters.Impressions++;
            delta.UserHashes.Add(Core.Sketches.UserHash.Of($"u{user}"));
            delta.UserHashes.Add(Core.Sketches.UserHash.Of($"u{user}")); // repeats are harmless
        }

        result.Delta.NextOffsets[new SourcePartition("replay", 0)] = 200;

        await committer.CommitAsync(result, CancellationToken.None);

        var stored = (await store.ReadAggregatesAsync("spring", [key], CancellationToken.None))[key];
        Assert.Equal(100, stored.Reach.Count());
        Assert.Equal(100, stored.Counters.Impressions);
        Assert.Equal(0, delta.UserHashes.Count); // given back
    }
}
