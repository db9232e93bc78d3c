using CreatorStream.Core.State;
using CreatorStream.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Redis.Tests;

/// <summary>
/// A commit made while Redis is gone retries until it lands or is cancelled, its task's registration included: every
/// commit registers its task, since the stream's counters are summed over the registered tasks. Each test has a real
/// redis-server of its own, which it kills and starts again.
/// </summary>
public sealed class RedisCommitRetryTests
{
    // Commit ids as a worker's committer gives them: a commit retried after its reply was lost finds itself a repeat.
    private const string Writer = "retry-tests";

    [Fact]
    public async Task Commit_CancelledWhileRegisteringTheTask_TheNextCommitRegistersItAndItsFiguresCount()
    {
        await using var server = await RedisServer.StartNewAsync();
        var (connection, store, _) = await ConnectAsync(server);
        using var closing = connection;
        await store.CommitAsync(new StateDelta { WallClockMs = EventBuilder.T0, Task = TaskNames.Brand(0), CommitId = new CommitId(Writer, 1) }, default); // the layout and one task stored

        await server.StopAsync();
        var first = new StateDelta { WallClockMs = EventBuilder.T0, Task = TaskNames.Brand(1), CommitId = new CommitId(Writer, 1) };
        first.Attribution.Unattributed.Add(1, 19.99);
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(800)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.CommitAsync(first, cancel.Token).AsTask());
        }

        await server.StartAsync();
        var second = new StateDelta { WallClockMs = EventBuilder.T0, Task = TaskNames.Brand(1), CommitId = new CommitId(Writer, 2) };
        second.Attribution.Unattributed.Add(2, 5.01);
        using (var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await store.CommitAsync(second, bounded.Token);
        }

        var counters = await store.ReadCountersAsync(default);
        Assert.Equal(2.0, counters.Unattributed.Conversions); // the cancelled commit applied nothing; the second counts
        Assert.Equal(5.01, counters.Unattributed.Revenue);
    }

    /// <summary>
    /// A server restarted without its data (no persistence) has lost the set of tasks and the layout: the worker's next
    /// commit is fenced, its stage restarts from nothing, and its commits from then on must register the task and record
    /// the layout again, or the task's figures are never summed and readers find no layout.
    /// </summary>
    [Fact]
    public async Task Commit_AfterTheServerLostItsData_FencedThenTheTaskAndTheLayoutAreRecordedAgain()
    {
        await using var server = await RedisServer.StartNewAsync();
        var (connection, store, layout) = await ConnectAsync(server);
        using var closing = connection;
        var partition = new Core.Streaming.SourcePartition("creatorstream.by-brand", 1);
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await store.CommitAsync(Delta(fence: StateDelta.NoOffset, next: 10, conversions: 1, revenue: 1.50), bounded.Token);

        await server.StopAsync();
        await server.StartAsync(); // empty: the test server keeps nothing on disk
        await Assert.ThrowsAsync<StateFencedException>(() => store.CommitAsync(Delta(fence: 10, next: 20, conversions: 0, revenue: 0), bounded.Token).AsTask());
        await store.CommitAsync(Delta(fence: StateDelta.NoOffset, next: 20, conversions: 2, revenue: 5.01), bounded.Token); // the stage restored from nothing

        var counters = await store.ReadCountersAsync(bounded.Token);
        Assert.Equal(2.0, counters.Unattributed.Conversions);
        Assert.Equal(5.01, counters.Unattributed.Revenue);
        Assert.Equal(layout, (int)await connection.GetDatabase().StringGetAsync(store.Keys.Layout));

        StateDelta Delta(long fence, long next, long conversions, double revenue)
        {
            var delta = new StateDelta { WallClockMs = EventBuilder.T0, Task = TaskNames.Of(partition), CommitId = new CommitId(Writer, next) };
            delta.Fence[partition] = fence;
            delta.NextOffsets[partition] = next;
            delta.Attribution.Unattributed.Add(conversions, revenue);
            return delta;
        }
    }

    /// <summary>
    /// StackExchange.Redis 1.2.6 could complete a call with no reply when its connection failed (CI saw the commit's script
    /// return null, and the store threw a NullReferenceException); any client may lose a reply. A commit whose reply is lost has an unknown outcome:
    /// the store retries it, and the commit id makes the repeat a no-op, so its figures count once.
    /// </summary>
    [Fact]
    public async Task Commit_ReplyLostAfterTheScriptRan_RetriedAndCountedOnce()
    {
        await using var server = await RedisServer.StartNewAsync();
        var (connection, _, layout) = await ConnectAsync(server);
        using var closing = connection;
        var lossy = ReplyLosingConnection.Wrap(connection, lose: 1);
        var options = new RedisStoreOptions { Endpoint = server.Endpoint, MaxRetryDelay = TimeSpan.FromMilliseconds(200), BrandPartitions = layout };
        var store = new RedisStateStore(lossy, options, TestCampaigns.Spring(), NullLogger<RedisStateStore>.Instance);
        var partition = new Core.Streaming.SourcePartition("creatorstream.by-brand", 1);
        var delta = new StateDelta { WallClockMs = EventBuilder.T0, Task = TaskNames.Of(partition), CommitId = new CommitId("worker-a", 1) };
        delta.Fence[partition] = StateDelta.NoOffset;
        delta.NextOffsets[partition] = 10;
        delta.Attribution.Unattributed.Add(3, 7.25);

        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await store.CommitAsync(delta, bounded.Token);

        Assert.Equal(0, ReplyLosingConnection.Remaining(lossy)); // the first reply was indeed lost
        var counters = await store.ReadCountersAsync(bounded.Token);
        Assert.Equal(3.0, counters.Unattributed.Conversions); // applied once, not twice
        Assert.Equal(7.25, counters.Unattributed.Revenue);
        Assert.Equal(10, (await store.ReadCheckpointAsync([partition], bounded.Token)).Offsets[partition]);
    }

    /// <summary>A worker's store on <paramref name="server"/>, retrying every 200 ms at most, and the brand layout it records.</summary>
    private static async Task<(StackExchange.Redis.ConnectionMultiplexer Connection, RedisStateStore Store, int Layout)> ConnectAsync(RedisServer server)
    {
        var options = new RedisStoreOptions { Endpoint = server.Endpoint, MaxRetryDelay = TimeSpan.FromMilliseconds(200) };
        var connection = await RedisConnections.ConnectAsync(options, NullLogger.Instance);
        var catalog = TestCampaigns.Spring();
        var layout = new Processing.Replay.Replayer(catalog, Core.Streaming.ProcessorOptions.Default, TimeProvider.System).BrandPartitions;
        return (connection, new RedisStateStore(connection, options with { BrandPartitions = layout }, catalog, NullLogger<RedisStateStore>.Instance), layout);
    }
}
