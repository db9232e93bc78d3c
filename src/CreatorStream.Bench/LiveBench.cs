using System.Diagnostics;
using System.Security.Cryptography;
using Confluent.Kafka;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Consuming;
using CreatorStream.Kafka.Embedded;
using CreatorStream.Kafka.Producing;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;
using CreatorStream.Redis;
using CreatorStream.Simulation;
using Microsoft.Extensions.Logging;

namespace CreatorStream.Bench;

/// <summary>
/// The live bench (docs/design.md, "Performance"): the generator produces into Kafka for the set duration, the worker's
/// pipeline (decode, dedup, windows, reach, authenticity, attribution; started by the Host, <see cref="ILiveTarget"/>)
/// commits to the store, the web role pushes to one hub client watching every campaign; then, with the pipeline stopped, a bare
/// consumer reads the same topics (<see cref="RawKafkaCeiling"/>).
/// <para>Latency of a record: from when the bench handed it to the producer to when the commit covering its offset
/// returned (visible in the store), and to when the hub client first received its campaign's count at or past that
/// commit's. Every delivered record is a store sample; audience events on time are hub samples.</para>
/// </summary>
public sealed class LiveBench(LiveBenchOptions options, LiveTargetStarter startTarget, IBenchProgress progress, ILoggerFactory loggers, TimeProvider clock)
{
    /// <summary>The first seconds of a live run, left out of the steady latency figures (JIT, the group join, first batches).</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Event-time intensity of the generator when unpaced: event time then runs slower than the wall clock, which
    /// changes nothing the pipeline does per record (windows close by event time, idle partitions by wall time).
    /// </summary>
    private const double UnpacedEventTimeRate = 20_000;

    public async Task<BenchFigures> RunAsync(CancellationToken cancellationToken)
    {
        var generator = new TrafficGenerator(new GeneratorOptions
        {
            Seed = options.Seed,
            StartMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            EventsPerSecond = options.Rate > 0 ? options.Rate : UnpacedEventTimeRate,
            MaxEvents = long.MaxValue,
        });
        var catalog = CampaignCatalog.From(generator.Campaigns);
        var campaignIds = catalog.Campaigns.Select(c => c.CampaignId).ToList();

        using var broker = options.Kafka is null ? EmbeddedBroker.Start() : null;
        broker?.CreateTopics(Topics.All, options.Partitions);
        var kafka = options.Kafka ?? new KafkaClientSettings(broker!.BootstrapServers) { Extra = options.EmbeddedKafkaConfig };
        using var redis = options.Redis is null ? null : await RedisConnections.ConnectAsync(options.Redis, loggers.CreateLogger<LiveBench>());
        IStateStore store = new InMemoryStateStore();
        if (redis is not null)
        {
            var redisStore = new RedisStateStore(redis, options.Redis!, catalog, loggers.CreateLogger<RedisStateStore>());
            await redisStore.ClearAsync();
            store = redisStore;
        }

        var commits = new CommitTimeline(campaignIds);
        var measured = new MeasuringStateStore(store, commits, clock);
        var hubSeen = new HubTimeline(commits, campaignIds.Count);
        var produced = new ProduceLog();
        using var changes = new InProcessChangeFeed();

        // Preloaded, the topics are filled before the pipeline starts, and only the pipeline's work is timed.
        var preloaded = options.Preload > 0 ? await PreloadAsync(generator, kafka, broker is not null, commits, produced, cancellationToken) : 0;

        var apiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        // Updates at 250 ms (the web role's default is 1 s): the hub latency measured is the pipeline's, not the throttle's.
        var inputs = new LiveTargetInputs(kafka, catalog, measured, changes, apiKey, $"creatorstream-bench-{Guid.NewGuid():N}", TimeSpan.FromMilliseconds(250), options.Processor);
        await using var target = await startTarget(inputs, cancellationToken);
        var pipelineRun = target.Running;
        var hub = await HubClient.ConnectAsync(target.HubUri, apiKey, hubSeen.OnMessage, clock, cancellationToken);
        foreach (var campaignId in campaignIds)
        {
            await hub.InvokeAsync("Join", [campaignId, StateWindow.CampaignToDate.Name], cancellationToken);
        }

        // The consumer group's first assignment (about 3 s on the embedded broker) is not part of any latency. A first
        // commit is not proof of it: the idle tick commits an empty batch before the group has assigned anything, and
        // waiting only for that made the first 2-3 s of every run a wait for the join. Lag is measured per assigned partition.
        // Preloaded, the pipeline reads from its first assignment on, so the clock starts there (within the 20 ms poll).
        await WaitUntilAsync(
            () => (options.Preload > 0 ? target.Assigned : target.Joined) || pipelineRun.IsCompleted,
            TimeSpan.FromSeconds(60),
            "the pipeline to join its group",
            cancellationToken);
        await EndIfFailedAsync(pipelineRun);

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = ProcessMeters.CpuTime();
        var gcBefore = GcTotals.Now();
        await using var gcSampler = new GcSampler(clock);
        gcSampler.Start();
        using var snapshots = new SnapshotMeter(clock);
        var started = clock.GetTimestamp();
        var producing = options.Preload > 0 ? Task.FromResult(preloaded) : ProduceOnItsOwnThread(generator, kafka, commits, produced, 0, cancellationToken);
        while (!producing.IsCompleted)
        {
            await Task.WhenAny(producing, Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken));
            ReportProgress("producing", started, produced.Delivered, commits, hubSeen);
            await EndIfFailedAsync(pipelineRun);
        }

        var offered = await producing;
        await WaitUntilAsync(
            () =>
            {
                ReportProgress("draining", started, produced.Delivered, commits, hubSeen);
                return (commits.Records >= offered && commits.CaughtUp) || pipelineRun.IsCompleted;
            },
            options.DrainTimeout,
            null,
            cancellationToken);
        var finished = clock.GetTimestamp();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var cpu = (ProcessMeters.CpuTime() - cpuBefore).TotalSeconds;
        var gc = GcTotals.Now() - gcBefore;
        var snapshotTotals = snapshots.Totals;
        var snapshotHeld = snapshots.Held;
        await WaitUntilAsync(
            () => Enumerable.Range(0, campaignIds.Count).All(c => hubSeen.Highest((short)c) >= commits.TotalOf((short)c)),
            TimeSpan.FromSeconds(10),
            null,
            cancellationToken);

        await hub.DisposeAsync();
        await target.StopAsync();
        if (hub.Errors.Count > 0)
        {
            throw new InvalidOperationException("the hub refused the bench client: " + string.Join("; ", hub.Errors));
        }

        progress.Report("pipeline stopped; measuring the raw ceiling (a bare consumer reading the same topics)", force: true);
        var (ceilingRecords, ceilingSeconds) = await RawKafkaCeiling.MeasureAsync(kafka, produced.Delivered, TimeSpan.FromSeconds(120), clock, cancellationToken);

        await gcSampler.DisposeAsync();
        var measuredGcs = gcSampler.Events.Where(e => e.SeenTimestamp >= started && e.SeenTimestamp <= finished).ToList();
        var seconds = Math.Max(clock.GetElapsedTime(started, finished).TotalSeconds, 1e-3);
        var ceiling = ceilingSeconds > 0 ? ceilingRecords / ceilingSeconds : (double?)null;
        var figures = BenchFigures.Throughput(options.Preload > 0 ? "live-preloaded" : "live", commits.Records, seconds, ceiling, allocated, cpu).WithCollector(gc) with
        {
            OfferedRate = options.Rate,
            RecordsProduced = offered,
            RecordsProcessed = commits.Records,
            EventsCounted = commits.Events,
            Duplicates = commits.Duplicates,
            DeadLetters = commits.DeadLetters,
            RawCeilingRecords = ceilingRecords,
            Commits = commits.Commits,
            Snapshots = snapshotTotals.Count,
            IdleTimeoutMs = options.Processor.IdleTimeout?.TotalMilliseconds,
            SnapshotMsMax = snapshotTotals.Count > 0 ? Math.Round(snapshotTotals.MsMax, 1) : null,
            SnapshotMsTotal = Math.Round(snapshotTotals.MsTotal, 1),
            SnapshotBytesMax = snapshotTotals.BytesMax,
            SnapshotHeldMsMax = snapshotTotals.Count > 0 ? Math.Round(snapshotHeld.MsMax, 1) : null,
            SnapshotHeldMsTotal = Math.Round(snapshotHeld.MsTotal, 1),
            StateStore = redis is null ? "memory" : "redis",
            GcGen2Blocking = measuredGcs.Count(e => e is { Generation: 2, Background: false }),
            GcPauseMsMax = measuredGcs.Count > 0 ? Math.Round(measuredGcs.Max(e => e.PauseMs), 1) : 0,
            HubMessages = hubSeen.Messages,
        };
        if (options.Preload > 0)
        {
            return figures; // every record waited from before the start: no latency to speak of
        }

        var (toStore, toHub, perRecord, hubCandidates, toLog, toSource) = Latencies(produced, commits, hubSeen, long.MinValue);
        var (steadyStore, steadyHub, _, _, _, _) = Latencies(produced, commits, hubSeen, started + (long)(WarmUp.TotalSeconds * clock.TimestampFrequency));
        if (options.Timeline is { } timelinePath)
        {
            var createdAt = new List<long>();
            produced.ForEach(record => createdAt.Add(record.Created));
            var rows = LatencyTimeline.Build(started, createdAt, perRecord, commits.CommitSizes(), gcSampler.Events, hubSeen.ReceivedTimestamps(), snapshots.Events);
            await File.WriteAllLinesAsync(timelinePath, [TimelineRow.CsvHeader, .. rows.Select(r => r.ToCsv())], cancellationToken);
        }

        return figures with
        {
            LatencyMsP50 = toStore.P50,
            LatencyMsP99 = toStore.P99,
            LatencyMsP999 = toStore.P999,
            LatencyMsP99Steady = steadyStore.P99,
            HubLatencyMsP99Steady = steadyHub.P99,
            LatencyMsMax = toStore.Max,
            LogLatencyMsP50 = toLog.P50,
            LogLatencyMsP99 = toLog.P99,
            LogLatencyMsMax = toLog.Max,
            SourceLatencyMsP50 = toSource.P50,
            SourceLatencyMsP99 = toSource.P99,
            SourceLatencyMsMax = toSource.Max,
            LatencySamples = toStore.Count,
            HubLatencyMsP50 = toHub.P50,
            HubLatencyMsP99 = toHub.P99,
            HubLatencyMsP999 = toHub.P999,
            HubLatencySamples = toHub.Count,
            HubLatencyCandidates = hubCandidates,
        };
    }

    /// <summary>
    /// Produces <see cref="LiveBenchOptions.Preload"/> records before the pipeline starts; on the embedded broker, then
    /// checks that it kept them all (it keeps about 5 MiB a partition, and a record dropped would never be committed).
    /// </summary>
    private async Task<long> PreloadAsync(TrafficGenerator generator, KafkaClientSettings kafka, bool embedded, CommitTimeline commits, ProduceLog produced, CancellationToken cancellationToken)
    {
        progress.Report($"preloading {options.Preload:N0} records before the pipeline starts", force: true);
        var preloaded = await ProduceOnItsOwnThread(generator, kafka, commits, produced, options.Preload, cancellationToken);
        if (embedded)
        {
            using var probe = new ConsumerBuilder<byte[], byte[]>(kafka.Consumer($"creatorstream-bench-probe-{Guid.NewGuid():N}", "creatorstream-bench-probe")).Build();
            foreach (var topic in Topics.Ingest)
            {
                for (var p = 0; p < options.Partitions; p++)
                {
                    if (probe.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).Low.Value > 0)
                    {
                        throw new ConfigurationException("--preload", $"the embedded broker dropped records of {topic}[{p}] before the pipeline could read them (it keeps about 5 MiB a partition): preload fewer than {options.Preload:N0}, or use more --partitions");
                    }
                }
            }
        }

        progress.Report($"preloaded {preloaded:N0} records; starting the pipeline", force: true);
        return preloaded;
    }

    /// <summary><see cref="Produce"/> on a thread of its own, as a producer outside the process would be.</summary>
    private Task<long> ProduceOnItsOwnThread(TrafficGenerator generator, KafkaClientSettings kafka, CommitTimeline commits, ProduceLog log, long count, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(
            () => Produce(generator, kafka, commits, log, count, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();

    /// <summary>
    /// Produces for the duration (paced, or unpaced within the backlog), or, given a <paramref name="count"/>, that many
    /// records as fast as the producer takes them; then flushes. Returns records delivered.
    /// </summary>
    private async Task<long> Produce(TrafficGenerator generator, KafkaClientSettings kafka, CommitTimeline commits, ProduceLog log, long count, CancellationToken cancellationToken)
    {
        var config = kafka.Producer("creatorstream-bench");
        config.DeliveryReportFields = "none"; // read for error, partition and offset only, as the source stage's
        using var producer = new ProducerBuilder<byte[], byte[]>(config).Build();

        // A real producer is long-lived: connected, with the topics' leaders known before its first event. A new one
        // spends the run's first second on that, and every record created meanwhile waits for it (with the join wait
        // above, the whole-run p99 at 10k/s went 1.7-1.8 s without this, 0.68-0.76 s with it).
        using (var admin = new DependentAdminClientBuilder(producer.Handle).Build())
        {
            foreach (var topic in Topics.Ingest)
            {
                admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
            }
        }

        var pacer = new Pacer(clock, options.Rate);
        var started = clock.GetTimestamp();
        long sent = 0;
        foreach (var record in generator.Generate())
        {
            if ((count > 0 ? sent >= count : clock.GetElapsedTime(started) >= options.Duration) || cancellationToken.IsCancellationRequested)
            {
                break;
            }

            await pacer.WaitForAsync(sent, cancellationToken);
            while (count == 0 && options.Rate <= 0 && sent - commits.Records > options.MaxBacklog && clock.GetElapsedTime(started) < options.Duration)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(2), clock, cancellationToken);
            }

            var campaign = record is { Kind: RecordKind.Genuine, Event: AudienceEvent e } ? commits.CampaignIndex(e.CampaignId) : ProduceLog.NoCampaign;
            Send(producer, log, record, campaign);
            sent++;
        }

        if (producer.Flush(TimeSpan.FromSeconds(30)) > 0 || log.Failed > 0)
        {
            throw new InvalidOperationException($"{log.Failed} records were not delivered to Kafka");
        }

        return log.Delivered;
    }

    private void Send(IProducer<byte[], byte[]> producer, ProduceLog log, GeneratedRecord record, short campaign)
    {
        var message = new Message<byte[], byte[]> { Key = System.Text.Encoding.UTF8.GetBytes(record.Key), Value = record.Value };
        var topic = TopicTypes.TopicOf(record.Type ?? EventType.Impression);
        var created = clock.GetTimestamp();
        void Delivered(DeliveryReport<byte[], byte[]> report)
        {
            if (report.Error.IsError)
            {
                log.AddFailed();
                return;
            }

            log.AddDelivered(new SourcePartition(topic, report.Partition.Value), report.Offset.Value, created, clock.GetTimestamp(), campaign);
        }

        while (true)
        {
            try
            {
                producer.Produce(topic, message, Delivered);
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(20)); // let deliveries drain, then retry
            }
        }
    }

    /// <summary>
    /// Latency to the store and to the hub, summarised; each record's (commit timestamp, latency to the store); how many
    /// committed records a hub sample could be taken for (genuine audience events: the rest do not move the count the client
    /// sees); and, for the records the store holds, the latency to the two points before it: the ingest log (the producer's
    /// delivery report) and the source stage's commit (routed, its frames written to the brand topic).
    /// </summary>
    private static Latency Latencies(ProduceLog produced, CommitTimeline commits, HubTimeline hub, long createdFrom)
    {
        var toStore = new List<double>((int)Math.Min(produced.Delivered, int.MaxValue / 2));
        var toLog = new List<double>(toStore.Capacity);
        var toSource = new List<double>(toStore.Capacity);
        var perRecord = new List<(long, double)>(toStore.Capacity);
        var toHub = new List<double>();
        long candidates = 0;
        var tickMs = 1000.0 / Stopwatch.Frequency;
        produced.ForEach(record =>
        {
            var commit = commits.CommitOf(record.Partition, record.Offset, record.Campaign);
            if (commit < 0 || record.Created < createdFrom)
            {
                return;
            }

            var committed = commits.CommittedAt(commit);
            toStore.Add((committed - record.Created) * tickMs);
            perRecord.Add((committed, (committed - record.Created) * tickMs));
            toLog.Add((record.Logged - record.Created) * tickMs);
            if (commits.SourceCommitOf(record.Partition, record.Offset) is >= 0 and var routed)
            {
                toSource.Add((commits.CommittedAt(routed) - record.Created) * tickMs);
            }

            candidates += record.Campaign >= 0 ? 1 : 0;
            if (record.Campaign >= 0 && commits.TotalAfter(commit, record.Campaign) is { } total && hub.FirstReached(record.Campaign, total) is { } received)
            {
                toHub.Add((received - record.Created) * tickMs);
            }
        });
        return new Latency(LatencySummary.Of(toStore), LatencySummary.Of(toHub), perRecord, candidates, LatencySummary.Of(toLog), LatencySummary.Of(toSource));
    }

    private sealed record Latency(LatencySummary Store, LatencySummary Hub, List<(long Committed, double LatencyMs)> PerRecord, long HubCandidates, LatencySummary Log, LatencySummary Source);

    private void ReportProgress(string phase, long started, long delivered, CommitTimeline commits, HubTimeline hub)
    {
        var seconds = Math.Max(clock.GetElapsedTime(started).TotalSeconds, 1e-3);
        progress.Report($"{phase} {seconds:F0} s: {delivered:N0} produced, {commits.Records:N0} committed ({commits.Records / seconds:N0}/s), backlog {delivered - commits.Records:N0}, {hub.Messages:N0} hub messages");
    }

    private async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string? what, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        while (!condition())
        {
            if (clock.GetElapsedTime(started) > timeout)
            {
                if (what is null)
                {
                    return; // measured as it stands: what did not arrive shows in the figures
                }

                throw new TimeoutException($"gave up waiting {timeout.TotalSeconds:F0} s for {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), clock, cancellationToken);
        }
    }

    private static async Task EndIfFailedAsync(Task pipelineRun)
    {
        if (pipelineRun.IsCompleted)
        {
            await pipelineRun; // rethrows the pipeline's failure
            throw new InvalidOperationException("the pipeline stopped before the bench ended");
        }
    }
}
