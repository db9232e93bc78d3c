using CreatorStream.Core.Alerts;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;

namespace CreatorStream.Processing.Tests.Pipeline;

/// <summary>
/// The committer gives a delta's user-hash arrays back to the pool only once the store has applied them (docs/design.md,
/// "Per-event cost"): the stored reach counts every user, and the delta's lists are empty after. And what a batch sends
/// out (dead letters, closed windows, alerts) is written before its state: a batch whose state is committed has sent
/// everything, since a restore re-reads committed records without output (docs/design.md, "Exactly once").
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
    public async Task Commit_WhoseWindowsCannotBePublished_CommitsNoStateAndKeepsTheUserHashesForTheRetry()
    {
        var store = new InMemoryStateStore();
        var committer = new BatchCommitter(store, new CollectingSinks(), new FailingWindows(), alerts: null, changes: null);
        var result = new BatchResult(1_000);
        var key = AggregateKey.Campaign("spring");
        var delta = result.Delta.For(key);
        delta.UserHashes.Add(7);
        delta.UserHashes.Add(8);
        result.ClosedWindows.Add(new ClosedWindow(key, default, 2, IsCorrection: false, Watermark: 0));

        await Assert.ThrowsAsync<InvalidOperationException>(() => committer.CommitAsync(result, CancellationToken.None));

        Assert.Equal([7UL, 8UL], delta.UserHashes.AsSpan().ToArray());
        Assert.Empty(await store.ReadAggregatesAsync("spring", [key], CancellationToken.None)); // the batch is done again after the restart, windows and all
    }

    [Fact]
    public async Task Commit_WhoseStateIsRefused_HasSentItsDeadLettersWindowsAndAlertsAlready()
    {
        var partition = new SourcePartition("creatorstream.by-brand", 3);
        var sinks = new CollectingSinks { KeepWindows = true };
        var alerts = new CollectingAlerts();
        var committer = new BatchCommitter(new InMemoryStateStore(), sinks, sinks, alerts, changes: null);
        var result = new BatchResult(1_000);
        var key = AggregateKey.Campaign("spring");
        result.ClosedWindows.Add(new ClosedWindow(key, default, 2, IsCorrection: false, Watermark: 0));
        result.Alerts.Add(new Alert { AlertId = "a1", Kind = "spike", CampaignId = "spring", CreatorId = "c1", WindowStart = 0, WindowEnd = 60_000, DetectedAtMs = 1_000, Details = [] });
        result.DeadLetters.Add(new DeadLetter(new InboundRecord(partition, 5, null, default, "{}"u8.ToArray()), Core.Decoding.DeadLetterStage.Process, Core.Decoding.DeadLetterReason.UnknownOrder, "refund of an order never seen"));
        result.Delta.Fence[partition] = 40; // the store holds nothing for it: refused, as a crash right here would leave it
        result.Delta.NextOffsets[partition] = 41;

        await Assert.ThrowsAsync<Core.State.StateFencedException>(() => committer.CommitAsync(result, CancellationToken.None));

        Assert.Equal(key, Assert.Single(sinks.Windows).Key);
        Assert.Equal("a1", Assert.Single(alerts.Alerts).AlertId);
        Assert.Equal(5, Assert.Single(sinks.DeadLetters).Record.Offset);
    }

    [Fact]
    public async Task Commit_ItsWindowsPublished_GivesTheirListBackAndASinkKeepsItsCopies()
    {
        // A batch's windows sit in a pooled list that goes back once the batch is committed: the committed batch's list
        // can no longer be read, a list lent again comes back empty, and what a sink kept (this sink copies the values,
        // as every sink must) does not change when later batches fill the list again.
        var sinks = new CollectingSinks { KeepWindows = true };
        var committer = new BatchCommitter(new InMemoryStateStore(), sinks, sinks, alerts: null, changes: null);
        var first = new BatchResult(1_000);
        first.ClosedWindows.Add(new ClosedWindow(AggregateKey.Campaign("spring", 0), new Counters { Likes = 3 }, 2, IsCorrection: false, Watermark: 60_000));
        await committer.CommitAsync(first, CancellationToken.None);

        Assert.Throws<InvalidOperationException>(() => first.ClosedWindows);
        for (var batch = 0; batch < 20; batch++)
        {
            var later = new BatchResult(2_000);
            Assert.Empty(later.ClosedWindows); // a list given back comes back empty
            later.ClosedWindows.Add(new ClosedWindow(AggregateKey.Campaign("autumn", 60_000), new Counters { Likes = 9 }, 5, IsCorrection: true, Watermark: 120_000));
            await committer.CommitAsync(later, CancellationToken.None);
        }

        var kept = sinks.Windows[0];
        Assert.Equal((AggregateKey.Campaign("spring", 0), 3L, 2L, false), (kept.Key, kept.Counters.Likes, kept.Reach, kept.IsCorrection));
        Assert.Equal(21, sinks.Windows.Count);
    }

    private sealed class CollectingAlerts : IAlertSink
    {
        public List<Alert> Alerts { get; } = [];

        public Task PublishAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
        {
            Alerts.AddRange(alerts);
            return Task.CompletedTask;
        }
    }

    /// <summary>A window sink that is down: the batch's commit fails after the store applied it, and is retried whole.</summary>
    private sealed class FailingWindows : IWindowSink
    {
        public Task PublishAsync(IReadOnlyList<ClosedWindow> windows, long version, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the window topic is down");
    }
}
