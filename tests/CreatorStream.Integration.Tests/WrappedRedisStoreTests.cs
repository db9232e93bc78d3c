using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Composition;
using CreatorStream.Kafka;
using CreatorStream.Redis;
using CreatorStream.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// A worker whose Redis store is wrapped (the live bench's measuring store) tells it the brand layout through the
/// wrapper (<see cref="IBrandLayoutStore"/>; docs/design.md, "Shape"), with no layout configured: before, such a
/// worker failed at its first commit ("no worker has recorded the brand layout"). Its snapshots go through the
/// wrapper to the Redis store's sink and are committed.
/// </summary>
public sealed class WrappedRedisStoreTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Worker_ARedisStoreBehindAWrapper_IsToldTheLayout_AndCommitsEveryRecordWithItsSnapshots()
    {
        var (records, catalog) = IngestRecords.CleanTraffic(seed: 12, 6_000, 400);
        using var broker = IngestRecords.Broker(brandPartitions: 2);
        var kafka = new KafkaClientSettings(broker.BootstrapServers);
        await using var redis = await RedisServer.StartNewAsync();
        var options = new RedisStoreOptions { Endpoint = redis.Endpoint, KeyPrefix = "wrapped" }; // no layout given
        using var connection = await RedisConnections.ConnectAsync(options, NullLogger.Instance);
        var redisStore = new RedisStateStore(connection, options, catalog, NullLogger<RedisStateStore>.Instance);
        var store = new Bench.MeasuringStateStore(redisStore, new Bench.CommitTimeline([.. catalog.Campaigns.Select(c => c.CampaignId)]), TimeProvider.System);
        IngestRecords.Publish(kafka, records, "wrapped-test");

        using var stop = new CancellationTokenSource(Deadline);
        var worker = new WorkerPipeline(kafka, catalog, ProcessorOptions.Default, store, null, TimeProvider.System, NullLoggerFactory.Instance)
        {
            GroupPrefix = "wrapped-" + Guid.NewGuid().ToString("N"),
            SnapshotInterval = TimeSpan.FromMilliseconds(200),
        };
        var running = Task.Run(() => worker.RunAsync(stop.Token));
        var counted = await IngestRecords.WaitUntilCommittedAsync(store, records.Count, Deadline - TimeSpan.FromSeconds(10), () => running.IsCompleted, stop.Token);
        // A snapshot is written beside the stage and committed after the batch it was taken in (decision 0033): with the
        // task's next batch, or on its own within about a second once the task is quiet. So wait for one, bounded.
        var brandPartitions = new[] { new SourcePartition(TaskNames.BrandTopic, 0), new SourcePartition(TaskNames.BrandTopic, 1) };
        var checkpoint = await redisStore.ReadCheckpointAsync(brandPartitions, default);
        for (var tries = 0; checkpoint.Snapshots.Count == 0 && tries < 100 && !running.IsCompleted; tries++)
        {
            await Task.Delay(100, stop.Token);
            checkpoint = await redisStore.ReadCheckpointAsync(brandPartitions, default);
        }

        await stop.CancelAsync();
        await running;

        Assert.Equal(records.Count(r => r.Type is not null), counted.Events);
        Assert.NotEmpty(checkpoint.Snapshots); // committed through the wrapper
        var campaign = await redisStore.ReadCampaignAsync(catalog.Campaigns[0].CampaignId, StateWindow.CampaignToDate, default); // readable: the layout is recorded
        Assert.True(campaign.Totals.Counters.Impressions > 0);
    }
}
