using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Simulation;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.Recovery;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Processing.Tests.Recovery;

/// <summary>
/// Hand-overs of partitions between workers, in process and deterministic: the same records processed by one worker
/// throughout, and by workers that take partitions over from each other mid-stream (each rebuilding from the log up to
/// the store's checkpoint), must leave the same figures in the store.
/// </summary>
public sealed class RestoringProcessorTests
{
    private const int PartitionCount = 8;

    [Fact]
    public async Task Handovers_BetweenWorkers_LeaveTheFiguresOfOneWorker()
    {
        var generator = new TrafficGenerator(new GeneratorOptions { Seed = 5, StartMs = EventBuilder.T0, MaxEvents = 8_000, EventsPerSecond = 40 });
        var catalog = CampaignCatalog.From(generator.Campaigns);
        var log = new PartitionLog(generator.Generate().Where(r => r.Type is not null));

        var single = await RunAsync(catalog, log, [(0.0, [[.. log.Partitions]])]);
        var handedOver = await RunAsync(catalog, log, [
            (0.0, [[.. log.Partitions]]),
            (0.3, [[.. log.Partitions.Take(3)], [.. log.Partitions.Skip(3)]]),
            (0.6, [[.. log.Partitions.Where(p => p.Partition % 2 == 0)], [.. log.Partitions.Where(p => p.Partition % 2 == 1)], []]),
            (0.8, [[.. log.Partitions]]),
        ]);

        var expected = ReportComparison.Json(await StoredReport.ReadAsync(single, catalog, default), withAlerts: false);
        var actual = ReportComparison.Json(await StoredReport.ReadAsync(handedOver, catalog, default), withAlerts: false);
        var differences = ReportComparison.Differences(actual, expected);
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(12)));
        Assert.True((await single.ReadCampaignAsync(catalog.Campaigns[0].CampaignId, StateWindow.CampaignToDate, default)).Totals.Counters.AuthenticEngagements > 100);
    }

    /// <summary>
    /// Feeds the log round-robin over partitions, in batches of 50, to workers owning partitions as <paramref name="phases"/>
    /// say (from a fraction of the records on); every worker commits to one store. Ends with every owner flushing.
    /// </summary>
    private static async Task<InMemoryStateStore> RunAsync(CampaignCatalog catalog, PartitionLog log, List<(double From, List<List<SourcePartition>> Owners)> phases)
    {
        var store = new InMemoryStateStore();
        var sinks = new CollectingSinks();
        var clock = 1_000_000L;
        List<(RestoringProcessor Processor, BatchCommitter Committer, HashSet<SourcePartition> Owned)> workers = [];
        var next = log.Partitions.ToDictionary(p => p, _ => 0L);
        var total = log.Count;
        var fed = 0;
        var phase = 0;
        while (fed < total)
        {
            if (phase < phases.Count && fed >= phases[phase].From * total)
            {
                // Eager rebalance: every worker gives everything up (after committing), then takes its new share. Workers
                // live on across phases (a revocation reaches the processor they already have).
                foreach (var (processor, committer, owned) in workers)
                {
                    clock += 100;
                    await committer.CommitAsync(processor.Process(new RecordBatch([], clock) { Revoked = [.. owned] }), default);
                }

                var checkpoint = await store.ReadCheckpointAsync(default);
                var owners = phases[phase].Owners;
                while (workers.Count < owners.Count)
                {
                    workers.Add((
                        new RestoringProcessor(() => new StreamProcessor(catalog, ProcessorOptions.Default with { IdleTimeout = TimeSpan.FromSeconds(3) }, new AllAuthentic(), new EventDecoder()), log, NullLogger.Instance),
                        new BatchCommitter(store, sinks, sinks, null, null),
                        []));
                }

                workers = [.. workers.Take(owners.Count).Select((w, i) => (w.Processor, w.Committer, owners[i].ToHashSet()))];
                foreach (var (processor, committer, owned) in workers)
                {
                    clock += 100;
                    var assigned = new RecordBatch([], clock) { Assigned = [.. owned], Checkpoint = checkpoint };
                    await committer.CommitAsync(processor.Process(assigned), default);
                }

                foreach (var partition in log.Partitions)
                {
                    next[partition] = checkpoint.Offsets.GetValueOrDefault(partition, 0);
                }

                phase++;
            }

            foreach (var (processor, committer, owned) in workers)
            {
                var records = new List<InboundRecord>();
                foreach (var partition in owned)
                {
                    records.AddRange(log.Read(partition, next[partition], 7));
                    next[partition] += records.Count(r => r.Source == partition);
                }

                fed = (int)next.Values.Sum();
                clock += 100;
                await committer.CommitAsync(processor.Process(new RecordBatch(records, clock)), default);
            }
        }

        foreach (var (processor, committer, _) in workers)
        {
            await committer.CommitAsync(processor.Current.Flush(clock), default);
        }

        return store;
    }

    /// <summary>Records spread over partitions by key, as Kafka's producer does; readable again from any offset.</summary>
    private sealed class PartitionLog : IPartitionHistory
    {
        private readonly Dictionary<SourcePartition, List<InboundRecord>> _logs = [];

        public PartitionLog(IEnumerable<GeneratedRecord> records)
        {
            foreach (var record in records)
            {
                var partition = new SourcePartition("events", (int)((uint)record.Key.Aggregate(17, (h, c) => (h * 31) + c) % PartitionCount));
                if (!_logs.TryGetValue(partition, out var list))
                {
                    list = [];
                    _logs.Add(partition, list);
                }

                list.Add(new InboundRecord(partition, list.Count, record.Type ?? EventType.Impression, System.Text.Encoding.UTF8.GetBytes(record.Key), record.Value));
            }
        }

        public IReadOnlyList<SourcePartition> Partitions => [.. _logs.Keys.OrderBy(p => p.Partition)];

        public int Count => _logs.Values.Sum(l => l.Count);

        public long TruncatedPartitions => 0;

        public IEnumerable<InboundRecord> Read(SourcePartition partition, long from, int count) =>
            _logs[partition].Skip((int)from).Take(count);

        public IEnumerable<RecordBatch> Read(IReadOnlyDictionary<SourcePartition, long> until, long wallClockMs, CancellationToken cancellationToken)
        {
            foreach (var (partition, end) in until)
            {
                yield return new RecordBatch([.. _logs[partition].Take((int)end)], wallClockMs) { IsRestore = true };
            }
        }
    }
}
