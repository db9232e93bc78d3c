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
        Assert.Throws<InvalidOperationException>(() => result.Delta.Aggregates); // given back, the hashes' arrays with them
    }

    [Fact]
    public async Task Commit_ThatFailsAfterTheStore_KeepsTheUserHashesForTheRetry()
    {
        var committer = new BatchCommitter(new InMemoryStateStore(), new CollectingSinks(), new FailingWindows(), alerts: null, changes: null);
        var result = new BatchResult(1_000);
        var key = AggregateKey.Campaign("spring");
        var delta = result.Delta.For(key);
        delta.UserHashes.Add(7);
        delta.UserHashes.Add(8);
        result.ClosedWindows.Add(new ClosedWindow(key, default, 2, IsCorrection: false, Watermark: 0));

        await Assert.ThrowsAsync<InvalidOperationException>(() => committer.CommitAsync(result, CancellationToken.None));

        Assert.Equal([7UL, 8UL], delta.UserHashes.AsSpan().ToArray());
    }

    /// <summary>A window sink that is down: the batch's commit fails after the store applied it, and is retried whole.</summary>
    private sealed class FailingWindows : IWindowSink
    {
        public Task PublishAsync(IReadOnlyList<ClosedWindow> windows, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the window topic is down");
    }
}
