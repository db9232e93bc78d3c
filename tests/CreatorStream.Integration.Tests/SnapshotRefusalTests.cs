using CreatorStream.Core.Configuration;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Composition;
using CreatorStream.Kafka;
using CreatorStream.Processing.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// A brand whose snapshots outgrow what a store with a limit keeps (`IStateStore.MaxSnapshotBytes`; docs/design.md,
/// "Recovery") goes on without them: each is written and refused (counted), never committed, and a worker that takes over later
/// restores the task from its partition's whole log instead, counting every record once. Here the store takes
/// snapshots of at most a kilobyte, so every one is refused.
/// </summary>
public sealed class SnapshotRefusalTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Worker_EverySnapshotTooLargeForTheStore_CountsEveryRecordOnceAcrossARestart()
    {
        var (records, catalog) = IngestRecords.CleanTraffic(seed: 9, 16_000, 400);
        using var broker = IngestRecords.Broker(brandPartitions: 2);
        var kafka = new KafkaClientSettings(broker.BootstrapServers);
        var store = new InMemoryStateStore { MaxSnapshotBytes = 1_024 };
        var groups = "refusal-" + Guid.NewGuid().ToString("N");
        using var snapshots = new Bench.SnapshotMeter(); // hears creatorstream_task_snapshots_refused_total

        // The first half through one worker, which snapshots every 200 ms (each refused), then stops.
        IngestRecords.Publish(kafka, records.Take(8_000), "refusal-test");
        await RunUntilCountedAsync(kafka, catalog, store, groups, 8_000);
        var afterFirst = snapshots.Refused;
        var checkpoint = await store.ReadCheckpointAsync([new SourcePartition(TaskNames.BrandTopic, 0), new SourcePartition(TaskNames.BrandTopic, 1)], default);

        // The second half through a new worker: its brand tasks restore from the log, with no snapshot to start from.
        IngestRecords.Publish(kafka, records.Skip(8_000), "refusal-test");
        var counted = await RunUntilCountedAsync(kafka, catalog, store, groups, records.Count);

        Assert.True(afterFirst > 0, "no snapshot was refused");

        // Every snapshot of a task that holds a brand was refused. What the store kept is a task's header and marks alone
        // (about 80 bytes): a task no brand routes to, or one that snapshotted after a batch of marks, before its first
        // event reached it. Which of those the timing gives varies, so each kept one is read back: it holds no brand.
        var router = new Core.Dataflow.BrandRouter(catalog, 2);
        Assert.All(checkpoint.Snapshots, kept =>
        {
            var task = new Core.Dataflow.BrandTask(kept.Key.Partition, catalog, router, ProcessorOptions.Default, () => new Core.Authenticity.AuthenticityClassifier(ProcessorOptions.Default.Authenticity), new Core.Decoding.EventDecoder());
            task.Load(kept.Value);
            Assert.Empty(task.Brands);
        });
        Assert.All(checkpoint.Snapshots.Values, s => Assert.True(s.Length <= store.MaxSnapshotBytes));
        Assert.NotEmpty(checkpoint.Offsets);
        Assert.Equal(records.Count(r => r.Type is not null), counted.Events);
        Assert.Equal(0, counted.Duplicates);
    }

    private static async Task<StreamCounters> RunUntilCountedAsync(KafkaClientSettings kafka, CampaignCatalog catalog, IStateStore store, string groups, int records)
    {
        using var stop = new CancellationTokenSource(Deadline);
        var worker = new WorkerPipeline(kafka, catalog, ProcessorOptions.Default, store, null, TimeProvider.System, NullLoggerFactory.Instance)
        {
            GroupPrefix = groups,
            SnapshotInterval = TimeSpan.FromMilliseconds(200),
        };
        var running = Task.Run(() => worker.RunAsync(stop.Token));
        var counters = await IngestRecords.WaitUntilCommittedAsync(store, records, Deadline - TimeSpan.FromSeconds(10), () => running.IsCompleted, stop.Token);

        await stop.CancelAsync();
        await running;
        return counters;
    }
}
