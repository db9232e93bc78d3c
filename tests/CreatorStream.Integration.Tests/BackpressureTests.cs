using Confluent.Kafka;
using CreatorStream.Core.Alerts;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Composition;
using CreatorStream.Kafka;
using CreatorStream.Processing.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// The source stage never lets the brand topic hold more unread records than the limit plus one batch, however slow the
/// brand stage (docs/design.md, "Dataflow"; found in session 13: a source stage sending ahead outran its brand stage, and the
/// embedded broker's 5 MiB a partition dropped records before they were read). Measured from outside: the records in the
/// frames between the brand stage's committed offset (the store's, or Kafka's group offset if that were ahead: the store
/// is where the brand stage's progress is durable, and Kafka's copy follows it by the auto-commit interval) and the brand
/// partition's end, sampled every 20 ms. Without the limit the same run goes far past it, so the sampler can tell.
/// </summary>
public sealed class BackpressureTests
{
    private const int Records = 60_000;
    private const long Limit = 2_000;
    private const long Batch = 5_000; // the consumer's largest batch: sent after the last check passed
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private static readonly SourcePartition BrandPartition = new(Topics.ByBrand, 0);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Worker_ABrandStageFarSlowerThanItsSources_HoldsTheBrandTopicsUnreadRecordsWithinTheLimit(bool held)
    {
        var (records, catalog) = IngestRecords.CleanTraffic(seed: 5, Records, 2_000);
        using var broker = IngestRecords.Broker(brandPartitions: 1); // one brand task, so one partition takes everything
        var kafka = new KafkaClientSettings(broker.BootstrapServers);
        IngestRecords.Publish(kafka, records, "backpressure-test");

        var groups = "backpressure-" + Guid.NewGuid().ToString("N");
        var store = new SlowBrandCommits(new InMemoryStateStore(), TimeSpan.FromMilliseconds(400));
        using var stop = new CancellationTokenSource(Deadline);
        var worker = new WorkerPipeline(kafka, catalog, ProcessorOptions.Default, store, null, TimeProvider.System, NullLoggerFactory.Instance)
        {
            GroupPrefix = groups,
            MaxBrandBacklog = held ? Limit : long.MaxValue,
            MaxBrandBacklogFrames = held ? 64 : long.MaxValue,
        };
        var running = Task.Run(() => worker.RunAsync(stop.Token));
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(() => MostUnread(kafka, $"{groups}-brands", store, sampling.Token));

        var counted = (await IngestRecords.WaitUntilCommittedAsync(store, Records, Deadline - TimeSpan.FromSeconds(10), null, stop.Token)).Events;
        await sampling.CancelAsync();
        var mostUnread = await sampler;
        await stop.CancelAsync();
        await running;

        Assert.Equal(records.Count(r => r.Type is not null), counted);
        if (held)
        {
            Assert.InRange(mostUnread, 1, Limit + Batch + 500);
        }
        else
        {
            Assert.True(mostUnread > Limit + Batch + 500, $"without the limit the brand topic should run far ahead; at most {mostUnread} unread");
        }
    }

    /// <summary>
    /// The most records the brand partition held past the brand stage's committed offset, sampled until cancelled. The
    /// topic's offsets count frames of many records, so a reader of its own takes every frame as it is written and
    /// keeps each one's count of records by offset.
    /// </summary>
    private static long MostUnread(KafkaClientSettings kafka, string brandGroup, IStateStore store, CancellationToken cancellationToken)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(kafka.Consumer(brandGroup, "backpressure-sampler")).Build();
        using var reader = new ConsumerBuilder<byte[], byte[]>(kafka.Consumer("backpressure-reader-" + Guid.NewGuid().ToString("N"), "backpressure-reader")).Build();
        var partition = new TopicPartition(Topics.ByBrand, 0);
        reader.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
        var recordsAt = new List<int>(); // frame offset → its records (the brand topic is new to this test: offsets from 0)
        var inputs = new List<Core.Dataflow.BrandInput>();
        long most = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var end = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(5)).High.Value;
            var stored = store.ReadCheckpointAsync([BrandPartition], CancellationToken.None).AsTask().GetAwaiter().GetResult().Offsets.GetValueOrDefault(BrandPartition, 0);
            var committed = Math.Max(stored, Math.Max(0, consumer.Committed([partition], TimeSpan.FromSeconds(5))[0].Offset.Value));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (recordsAt.Count < end && DateTime.UtcNow < deadline && reader.Consume(TimeSpan.FromMilliseconds(200)) is { } frame)
            {
                Assert.Equal(recordsAt.Count, frame.Offset.Value);
                inputs.Clear();
                recordsAt.Add(Core.Dataflow.BrandEnvelope.DecodeAll(frame.Message.Value, inputs));
            }

            Assert.Equal(end, recordsAt.Count);
            var unread = 0L;
            for (var offset = (int)committed; offset < end; offset++)
            {
                unread += recordsAt[offset];
            }

            most = Math.Max(most, unread);
            cancellationToken.WaitHandle.WaitOne(20);
        }

        return most;
    }

    /// <summary>The in-memory store, with every brand task's commit slowed: a brand stage far slower than its sources.</summary>
    private sealed class SlowBrandCommits(IStateStore inner, TimeSpan delay) : IStateStore
    {
        public long MaxSnapshotBytes => inner.MaxSnapshotBytes;

        public async ValueTask CommitAsync(StateDelta delta, CancellationToken cancellationToken)
        {
            if (delta.NextOffsets.Keys.Any(p => p.Topic == Topics.ByBrand))
            {
                await Task.Delay(delay, cancellationToken);
            }

            await inner.CommitAsync(delta, cancellationToken);
        }

        public ValueTask<Checkpoint> ReadCheckpointAsync(IReadOnlyCollection<SourcePartition> partitions, CancellationToken cancellationToken) =>
            inner.ReadCheckpointAsync(partitions, cancellationToken);

        public ValueTask<CampaignState> ReadCampaignAsync(string campaignId, StateWindow window, CancellationToken cancellationToken) =>
            inner.ReadCampaignAsync(campaignId, window, cancellationToken);

        public ValueTask<IReadOnlyDictionary<AggregateKey, Aggregate>> ReadAggregatesAsync(string campaignId, StateWindow window, CancellationToken cancellationToken) =>
            inner.ReadAggregatesAsync(campaignId, window, cancellationToken);

        public ValueTask<IReadOnlyDictionary<AggregateKey, Aggregate>> ReadAggregatesAsync(string campaignId, IReadOnlyCollection<AggregateKey> keys, CancellationToken cancellationToken) =>
            inner.ReadAggregatesAsync(campaignId, keys, cancellationToken);

        public ValueTask<CampaignAttribution> ReadAttributionAsync(string campaignId, CancellationToken cancellationToken) => inner.ReadAttributionAsync(campaignId, cancellationToken);

        public ValueTask<long> ReadWatermarkAsync(string campaignId, CancellationToken cancellationToken) => inner.ReadWatermarkAsync(campaignId, cancellationToken);

        public ValueTask<IReadOnlyList<BucketView>> ReadBucketsAsync(AggregateKey key, long fromInclusive, long toExclusive, CancellationToken cancellationToken) =>
            inner.ReadBucketsAsync(key, fromInclusive, toExclusive, cancellationToken);

        public ValueTask<IReadOnlyList<PeriodView>> ReadSeriesAsync(AggregateKey key, SeriesGranularity granularity, long fromInclusive, long toExclusive, CancellationToken cancellationToken) =>
            inner.ReadSeriesAsync(key, granularity, fromInclusive, toExclusive, cancellationToken);

        public ValueTask<StreamCounters> ReadCountersAsync(CancellationToken cancellationToken) => inner.ReadCountersAsync(cancellationToken);

        public ValueTask<IReadOnlyList<Core.Authenticity.FlaggedAccount>> ReadFlaggedAccountsAsync(FlagScope scope, CancellationToken cancellationToken) =>
            inner.ReadFlaggedAccountsAsync(scope, cancellationToken);

        public ValueTask<Core.Content.CampaignContent> ReadContentAsync(string campaignId, CancellationToken cancellationToken) =>
            inner.ReadContentAsync(campaignId, cancellationToken);

        public ValueTask<Core.Content.ReviewLedger> ReadReviewsAsync(string campaignId, CancellationToken cancellationToken) =>
            inner.ReadReviewsAsync(campaignId, cancellationToken);

        public ValueTask<Core.Content.ReviewOutcome> ReviewAsync(string campaignId, Core.Content.ReviewEntry entry, CancellationToken cancellationToken) =>
            inner.ReviewAsync(campaignId, entry, cancellationToken);

        public ValueTask<Core.Commissions.StatementDecisions> ReadDecisionsAsync(string campaignId, CancellationToken cancellationToken) =>
            inner.ReadDecisionsAsync(campaignId, cancellationToken);

        public ValueTask<Core.Commissions.DecisionOutcome> DecideAsync(string campaignId, Core.Commissions.StatementDecision decision, CancellationToken cancellationToken) =>
            inner.DecideAsync(campaignId, decision, cancellationToken);

        public ValueTask<IReadOnlyList<Alert>> ReadAlertsAsync(string campaignId, CancellationToken cancellationToken) => inner.ReadAlertsAsync(campaignId, cancellationToken);
    }
}
