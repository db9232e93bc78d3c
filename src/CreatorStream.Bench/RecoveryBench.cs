using System.Globalization;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.State;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Embedded;
using CreatorStream.Kafka.Producing;
using CreatorStream.Redis;
using CreatorStream.Simulation;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Bench;

/// <summary>
/// <c>bench --recovery N</c> (docs/design.md, "Recovery"; issue 17): two worker processes on the embedded broker and a
/// real Redis take N generated records; then one is killed (SIGKILL) while traffic keeps coming, and the bench measures
/// the time from the kill to the first commit, on the survivor, of every brand partition the victim owned. Recovery
/// should cost the state and a snapshot's tail, not N: the figure after 100 k records and after 5 M should be close.
/// <paramref name="executable"/> is the <c>creatorstream</c> assembly whose <c>worker</c> verb the children run.
/// </summary>
public sealed partial class RecoveryBench(string executable, long records, RedisStoreOptions redis, TimeSpan snapshotInterval, IBenchProgress progress, TimeProvider clock)
{
    private const int Partitions = 16;
    private const int Campaigns = 8; // eight brands, so brand partitions spread over both workers
    private const double TrickleRate = 400;

    public async Task<RecoveryFigures> RunAsync(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("cs-recovery-bench-");
        try
        {
            return await MeasureAsync(Path.Combine(directory.FullName, "campaigns.json"), cancellationToken);
        }
        finally
        {
            // The workers that read the campaign file have been stopped by now; deleting it is best effort.
            try
            {
                directory.Delete(recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left in the temporary folder.
            }
        }
    }

    private async Task<RecoveryFigures> MeasureAsync(string campaignsPath, CancellationToken cancellationToken)
    {
        var generator = new TrafficGenerator(new GeneratorOptions { Seed = 42, StartMs = clock.GetUtcNow().ToUnixTimeMilliseconds() - 3_600_000, MaxEvents = records + 60_000, EventsPerSecond = 2_000, Campaigns = Campaigns, Brands = Campaigns });
        var catalog = CampaignCatalog.From(generator.Campaigns);
        await File.WriteAllTextAsync(campaignsPath, catalog.ToJson(), cancellationToken);

        using var broker = EmbeddedBroker.Start();
        broker.CreateTopics(Topics.All, Partitions);
        var kafka = new KafkaClientSettings(broker.BootstrapServers);
        var prefix = $"cs-recovery-{Environment.ProcessId}";
        using var connection = await RedisConnections.ConnectAsync(redis, NullLogger.Instance);
        var store = new RedisStateStore(connection, redis with { KeyPrefix = prefix }, catalog, NullLogger<RedisStateStore>.Instance);
        await store.ClearAsync();

        var workers = new[] { StartWorker(kafka, campaignsPath, prefix), StartWorker(kafka, campaignsPath, prefix) };
        try
        {
            using var producer = new ProducerBuilder<byte[], byte[]>(kafka.Producer("creatorstream-recovery-bench")).Build();
            using var publisher = new EventPublisher(producer);
            using var events = generator.Generate().Where(r => r.Type is not null).GetEnumerator();
            var started = clock.GetTimestamp();
            long sent = 0;
            while (sent < records && events.MoveNext())
            {
                publisher.Publish(events.Current.Type!.Value, events.Current.Key, events.Current.Value);
                if (++sent % 100_000 == 0)
                {
                    publisher.Flush(TimeSpan.FromSeconds(120));
                    progress.Report($"produced {sent:N0} of {records:N0}; committed {await CommittedAsync(store):N0}");
                }
            }

            publisher.Flush(TimeSpan.FromSeconds(120));
            while (await CommittedAsync(store) < sent || !await BrandStageCaughtUpAsync(kafka, store))
            {
                progress.Report($"waiting for the workers: {await CommittedAsync(store):N0} of {sent:N0} committed, {clock.GetElapsedTime(started).TotalSeconds:F0} s");
                await Task.Delay(TimeSpan.FromMilliseconds(2_000), clock, cancellationToken);
            }

            var processing = clock.GetElapsedTime(started);
            var victim = workers[1];
            var owned = OwnedBrandPartitions(victim.Output);
            progress.Report(force: true, line: $"all {sent:N0} records committed in {processing.TotalSeconds:F0} s; killing worker {victim.Process.Id} (brand partitions {string.Join(",", owned)}) under a trickle of {TrickleRate} records/s");

            using var trickle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var trickling = Task.Run(() => TrickleAsync(publisher, events, trickle.Token), CancellationToken.None);
            await Task.Delay(TimeSpan.FromMilliseconds(2_000), clock, cancellationToken);
            var killedAt = clock.GetTimestamp();
            victim.Process.Kill();

            // A partition is back when the survivor has restored its task and then committed past where it stood then
            // (the victim's last commits may land just after the kill: they must not count).
            var restoredAt = new Dictionary<int, long>();
            var recovered = new Dictionary<int, TimeSpan>();
            while (recovered.Count < owned.Count && clock.GetElapsedTime(killedAt) < TimeSpan.FromMinutes(10))
            {
                var now = await BrandOffsetsAsync(store);
                var survivorLog = workers[0].Output;
                foreach (var partition in owned.Where(p => !restoredAt.ContainsKey(p) && survivorLog.Contains($"Restored brand task b{p} ", StringComparison.Ordinal)))
                {
                    restoredAt[partition] = now.GetValueOrDefault(partition);
                }

                foreach (var (partition, offset) in restoredAt.Where(r => !recovered.ContainsKey(r.Key) && now.GetValueOrDefault(r.Key) > r.Value))
                {
                    recovered[partition] = clock.GetElapsedTime(killedAt);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), clock, cancellationToken);
            }

            await trickle.CancelAsync();
            await trickling;
            var restores = RestoreLine().Matches(workers[0].Output).Select(m => (Snapshot: m.Groups[1].Value, Records: long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
            return new RecoveryFigures
            {
                Records = sent,
                ProcessingSeconds = Math.Round(processing.TotalSeconds, 1),
                VictimBrandPartitions = owned.Count,
                RecoveredBrandPartitions = recovered.Count,
                RecoverySecondsMax = recovered.Count == 0 ? null : Math.Round(recovered.Values.Max().TotalSeconds, 2),
                RecoverySecondsMin = recovered.Count == 0 ? null : Math.Round(recovered.Values.Min().TotalSeconds, 2),
                RestoredRecordsMax = restores.Count == 0 ? 0 : restores.Max(r => r.Records),
                Restores = restores.Count,
                SnapshotIntervalSeconds = snapshotInterval.TotalSeconds,
            };
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Stop();
            }

            await store.ClearAsync();
        }
    }

    private async Task TrickleAsync(EventPublisher publisher, IEnumerator<GeneratedRecord> events, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested && events.MoveNext())
            {
                publisher.Publish(events.Current.Type!.Value, events.Current.Key, events.Current.Value);
                await Task.Delay(TimeSpan.FromSeconds(1 / TrickleRate), clock, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The measurement is over.
        }
    }

    private WorkerProcess StartWorker(KafkaClientSettings kafka, string campaignsPath, string prefix) =>
        WorkerProcess.Start(
            executable,
            [
                "worker", "--kafka", kafka.BootstrapServers, "--redis", redis.Endpoint, "--redis-prefix", prefix, "--campaigns", campaignsPath,
                "--ops-urls", "none", "--idle-timeout-ms", "5000",
                "--snapshot-interval-ms", ((long)snapshotInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            ]);

    /// <summary>Records stage 1 has committed (ingest offsets).</summary>
    private static async Task<long> CommittedAsync(RedisStateStore store) =>
        (await store.ReadOffsetsAsync()).Where(p => p.Key.Topic != TaskNames.BrandTopic).Sum(p => p.Value);

    private static async Task<Dictionary<int, long>> BrandOffsetsAsync(RedisStateStore store) =>
        (await store.ReadOffsetsAsync()).Where(p => p.Key.Topic == TaskNames.BrandTopic).ToDictionary(p => p.Key.Partition, p => p.Value);

    private static async Task<bool> BrandStageCaughtUpAsync(KafkaClientSettings kafka, RedisStateStore store)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(kafka.Consumer("creatorstream-recovery-probe", "creatorstream-recovery-probe")).Build();
        var committed = await BrandOffsetsAsync(store);
        for (var p = 0; p < Partitions; p++)
        {
            var high = consumer.QueryWatermarkOffsets(new TopicPartition(Topics.ByBrand, p), TimeSpan.FromSeconds(10)).High.Value;
            if (committed.GetValueOrDefault(p) < high - (2 * 4))
            {
                return false; // allow for the marks written since: each worker's source stage heartbeats its marks, a frame per brand partition and batch
            }
        }

        return true;
    }

    /// <summary>The brand partitions a worker owns, from its log: assigned minus revoked, in order.</summary>
    private static List<int> OwnedBrandPartitions(string log)
    {
        var owned = new SortedSet<int>();
        foreach (Match line in AssignmentLine().Matches(log))
        {
            var partitions = PartitionOf().Matches(line.Groups[2].Value).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
            foreach (var partition in partitions)
            {
                if (line.Groups[1].Value == "Assigned")
                {
                    owned.Add(partition);
                }
                else
                {
                    owned.Remove(partition);
                }
            }
        }

        return [.. owned];
    }

    [GeneratedRegex(@"(Assigned|Revoked) \d+ partitions: ([^\n]*creatorstream\.by-brand[^\n]*)")]
    private static partial Regex AssignmentLine();

    [GeneratedRegex(@"creatorstream\.by-brand\[(\d+)\]")]
    private static partial Regex PartitionOf();

    [GeneratedRegex(@"Restored brand task b\d+ from (its snapshot \([\d,]+ bytes\)|no snapshot) and (\d+) records")]
    private static partial Regex RestoreLine();
}
