using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Producing;
using CreatorStream.Processing.Replay;
using CreatorStream.Processing.State;
using CreatorStream.Redis;
using CreatorStream.Simulation;
using CreatorStream.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// One recovery scenario of issue 6, with real parts in separate processes: <c>creatorstream broker</c>, a real
/// <c>redis-server</c> (append-only, fsync always), and <c>creatorstream worker</c> processes that the test kills with
/// SIGKILL. Generated traffic (fakes, duplicates, malformed records, purchases and refunds, post reports) is published at a steady
/// pace, then one last event a minute later so the live watermark passes everything, as the end of input does in replay.
/// </summary>
internal sealed partial class RecoveryScenario : IAsyncDisposable
{
    private readonly List<(EventType Type, string Key, byte[] Value)> _lines;
    private readonly TempDirectory _directory = new("cs-recovery-");
    private readonly string _campaignsPath;
    private readonly List<CliProcess> _workers = [];
    private CliProcess _broker = null!;

    // One connection for the scenario's reads; it reconnects by itself after Redis restarts.
    private StackExchange.Redis.ConnectionMultiplexer _connection = null!;
    private RedisStateStore _store = null!;

    private RecoveryScenario(CampaignCatalog catalog, List<(EventType, string, byte[])> lines)
    {
        Catalog = catalog;
        _lines = lines;
        _campaignsPath = _directory.Combine("campaigns.json");
    }

    public CampaignCatalog Catalog { get; }

    /// <summary>The single redis-server (null when the scenario runs on a Redis Cluster).</summary>
    public RedisServer Redis { get; private set; } = null!;

    /// <summary>The three-master Redis Cluster, when the scenario runs on one.</summary>
    public RedisCluster? Cluster { get; private set; }

    /// <summary>What workers are given as <c>--redis</c>: the server, or every cluster node.</summary>
    public string RedisEndpoint => Cluster?.Configuration ?? Redis.Endpoint;

    public string Bootstrap { get; private set; } = "";

    public int Records => _lines.Count;

    public IReadOnlyList<CliProcess> Workers => _workers;

    /// <summary>The <c>creatorstream broker</c> process (fault commands go to its standard input).</summary>
    public CliProcess Broker => _broker;

    /// <summary>The store the workers commit to, for reading what they committed.</summary>
    public RedisStateStore Store => _store;

    public static Task<RecoveryScenario> StartAsync(int seed, int events) => StartAsync(seed, events, partitions: 16, eventsPerSecond: 60, dataDrivenMinConversions: null);

    /// <summary>
    /// A scenario over <paramref name="partitions"/> partitions per topic; <paramref name="dataDrivenMinConversions"/>
    /// lowers every campaign's threshold so data-driven credit comes from the Markov chains, not the linear fallback;
    /// with <paramref name="brokers"/> above one, partition leadership is spread over that many brokers.
    /// </summary>
    public static async Task<RecoveryScenario> StartAsync(int seed, int events, int partitions, double eventsPerSecond, int? dataDrivenMinConversions, SimulationLog? log = null, bool cluster = false, int brokers = 1)
    {
        var generator = new TrafficGenerator(new GeneratorOptions { Seed = seed, StartMs = EventBuilder.T0, MaxEvents = events, EventsPerSecond = eventsPerSecond, PostReports = true });
        var records = generator.Generate(log ?? new SimulationLog()).ToList();
        var document = generator.Campaigns;
        if (dataDrivenMinConversions is { } minimum)
        {
            foreach (var campaign in document.Campaigns)
            {
                campaign.Attribution.DataDrivenMinConversions = minimum;
            }
        }

        var catalog = CampaignCatalog.From(document);
        var tick = ClosingTick.After(records, catalog);
        var lines = records.Where(r => r.Type is not null).Select(r => (r.Type!.Value, r.Key, r.Value))
            .Append((EventType.Impression, tick.UserId, EventWriter.ToUtf8(tick, includeType: true))).ToList();

        var scenario = new RecoveryScenario(catalog, lines);
        try
        {
            await File.WriteAllTextAsync(scenario._campaignsPath, catalog.ToJson());
            if (cluster)
            {
                scenario.Cluster = await RedisCluster.StartNewAsync();
            }
            else
            {
                scenario.Redis = await RedisServer.StartNewAsync(persistent: true);
            }

            var options = new RedisStoreOptions { Endpoint = scenario.RedisEndpoint };
            scenario._connection = await RedisConnections.ConnectAsync(options, NullLogger.Instance);
            scenario._store = new RedisStateStore(scenario._connection, options, catalog, NullLogger<RedisStateStore>.Instance);
            scenario._broker = CliProcess.Start("broker", "--partitions", partitions.ToString(System.Globalization.CultureInfo.InvariantCulture), "--brokers", brokers.ToString(System.Globalization.CultureInfo.InvariantCulture));
            scenario.Bootstrap = await scenario._broker.WaitForAsync(BootstrapLine(), TimeSpan.FromSeconds(30));
            return scenario;
        }
        catch
        {
            // Not returned, so no caller disposes it: stop what started and delete its folder here.
            await scenario.DisposeAsync();
            throw;
        }
    }

    /// <summary>The replay report of the same records, without alerts (the last minutes close at the end of input in replay, only as time passes live).</summary>
    public Task<JsonNode> ReplayAsync() => ReplayAsync(withAlerts: false);

    /// <summary>
    /// The replay report of the same records. With alerts, the end of the input does not close the last windows, as the
    /// end of a live stream does not: both stop where the closing tick's watermark leaves them.
    /// </summary>
    public async Task<JsonNode> ReplayAsync(bool withAlerts)
    {
        var file = new MemoryStream();
        foreach (var (_, _, value) in _lines)
        {
            file.Write(value);
            file.WriteByte((byte)'\n');
        }

        file.Position = 0;
        var outcome = await new Replayer(Catalog, ProcessorOptions.Default, TimeProvider.System) { FlushAtEnd = !withAlerts }.RunAsync(file, null, CancellationToken.None);
        return ReportComparison.Json(outcome.Report, withAlerts);
    }

    /// <summary>
    /// Starts a worker. Partitions silent for <paramref name="idleTimeoutMs"/> stop holding the watermark back: short, so
    /// the tail is released soon after the last record, but longer than any planned outage (an outage that idles
    /// partitions lets the watermark pass records still on their way, which are then judged out of event-time order).
    /// </summary>
    public CliProcess StartWorker(int idleTimeoutMs = 3_000, params string[] extra)
    {
        var worker = CliProcess.Start(
            [
                "worker", "--kafka", Bootstrap, "--redis", RedisEndpoint, "--campaigns", _campaignsPath,
                "--idle-timeout-ms", idleTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                .. extra.Contains("--ops-urls") ? extra : [.. extra, "--ops-urls", "none"], // two workers must not share the default port
            ]);
        _workers.Add(worker);
        return worker;
    }

    /// <summary>Publishes every record in order, <paramref name="perSecond"/> a second (the last one, the tick, after the rest).</summary>
    public Task PublishAsync(int perSecond, CancellationToken cancellationToken) => PublishAsync(perSecond, 0, _lines.Count, cancellationToken);

    /// <summary>Publishes records <paramref name="from"/> to <paramref name="to"/> (exclusive) in order, <paramref name="perSecond"/> a second.</summary>
    public async Task PublishAsync(int perSecond, int from, int to, CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new KafkaClientSettings(Bootstrap).Producer("recovery-test")).Build();
        using var publisher = new EventPublisher(producer);
        var chunk = Math.Max(1, perSecond / 10);
        for (var i = from; i < to; i += chunk)
        {
            foreach (var (type, key, value) in _lines.Skip(i).Take(Math.Min(chunk, to - i)))
            {
                publisher.Publish(type, key, value);
            }

            await Task.Delay(100, cancellationToken);
        }

        if (!publisher.Flush(TimeSpan.FromSeconds(60)) || publisher.Failed > 0)
        {
            throw new InvalidOperationException($"publishing failed: {publisher.LastError}");
        }
    }

    /// <summary>
    /// Publishes the records with clients that are not ours: kcat (librdkafka's C client, set up as a third party would).
    /// With <paramref name="unkeyed"/> every record goes without a key (a partition drawn per record); otherwise the
    /// conversions go keyed by user with <paramref name="conversionsPartitioner"/> (<c>murmur2_random</c>: the Java client's
    /// placement) and the rest through our producer. kcat writes topic by topic; records kcat's line format cannot carry
    /// (the generator's malformed bytes) go through our producer. The closing tick comes last.
    /// </summary>
    public async Task PublishThirdPartyAsync(string? conversionsPartitioner, bool unkeyed, CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new KafkaClientSettings(Bootstrap).Producer("recovery-test")).Build();
        using var publisher = new EventPublisher(producer);
        var body = _lines.Take(_lines.Count - 1).ToList();
        static bool Clean(byte[] value) => System.Text.Unicode.Utf8.IsValid(value) && !value.Contains((byte)'\n') && !value.Contains((byte)'\t') && !value.Contains((byte)'\r');
        var byKcat = body.Where(l => Clean(l.Value) && (unkeyed || l.Type == EventType.Conversion)).ToList();
        var ours = body.Where(l => !byKcat.Contains(l)).ToList();
        await Kcat.ProduceAsync(
            Bootstrap,
            byKcat.Select(l => new KcatRecord(Kafka.Consuming.TopicTypes.TopicOf(l.Type), unkeyed ? null : l.Key, System.Text.Encoding.UTF8.GetString(l.Value))),
            unkeyed ? null : conversionsPartitioner,
            unkeyed ? new Dictionary<string, string> { ["sticky.partitioning.linger.ms"] = "0" } : null,
            TimeSpan.FromSeconds(90));
        var sent = 0;
        foreach (var (type, key, value) in ours.Append(_lines[^1]))
        {
            publisher.Publish(type, key, value);
            if (++sent % 1_000 == 0)
            {
                await Task.Delay(100, cancellationToken); // paced, as PublishAsync: the stream keeps moving while workers run
            }
        }

        if (!publisher.Flush(TimeSpan.FromSeconds(60)) || publisher.Failed > 0)
        {
            throw new InvalidOperationException($"publishing failed: {publisher.LastError}");
        }
    }

    /// <summary>Records committed so far (the sum of the stored offsets), read from Redis.</summary>
    public async Task<long> CommittedAsync()
    {
        try
        {
            return (await _store.ReadOffsetsAsync()).Where(p => p.Key.Topic != Topics.ByBrand).Sum(p => p.Value); // records routed by stage 1
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisConnectionException or StackExchange.Redis.RedisTimeoutException)
        {
            return -1;
        }
    }

    /// <summary>The brand partitions whose committed snapshot is kept in parts (docs/design.md, "Recovery"), of the first <paramref name="partitions"/>.</summary>
    public async Task<int> SnapshotsInPartsAsync(int partitions)
    {
        var db = _connection.GetDatabase();
        var inParts = await Task.WhenAll(Enumerable.Range(0, partitions).Select(p => new SourcePartition(Topics.ByBrand, p)).Select(p =>
            db.HashExistsAsync(_store.Keys.Snapshots(Core.State.TaskNames.Of(p)), RedisKeys.PartsField(RedisKeys.PartitionField(p)))));
        return inParts.Count(inPart => inPart);
    }

    /// <summary>
    /// Waits until <paramref name="worker"/> has logged a brand task's snapshot and the store holds that task's snapshot at
    /// the logged offset or later (the log line comes before its commit, which may be a batch after the one it stands
    /// at: decision 0033), read from the stored snapshot's own position.
    /// </summary>
    public async Task WaitForSnapshotCommittedAsync(CliProcess worker, CancellationToken cancellationToken)
    {
        await worker.WaitForAsync(SnapshotMade(), TimeSpan.FromSeconds(60));
        var made = SnapshotMade().Match(worker.Output);
        var partition = new SourcePartition(Topics.ByBrand, int.Parse(made.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        var offset = long.Parse(made.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        while (await StoredSnapshotPositionAsync(partition, cancellationToken) < offset)
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    // The offset the partition's stored snapshot stands at (its header: format, partition, position), -1 without one.
    private async Task<long> StoredSnapshotPositionAsync(SourcePartition partition, CancellationToken cancellationToken)
    {
        var checkpoint = await _store.ReadCheckpointAsync([partition], cancellationToken);
        if (!checkpoint.Snapshots.TryGetValue(partition, out var snapshot))
        {
            return -1;
        }

        var reader = new Core.Snapshots.SnapshotReader(snapshot);
        _ = (reader.Byte(), reader.Int());
        return reader.Long();
    }

    /// <summary>The offsets committed with the state in Redis, per partition.</summary>
    public async Task<IReadOnlyDictionary<SourcePartition, long>> StoredOffsetsAsync() => await _store.ReadOffsetsAsync();

    /// <summary>The workers' consumer group offsets in Kafka, per partition that has one.</summary>
    public Dictionary<SourcePartition, long> GroupOffsets(int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new KafkaClientSettings(Bootstrap).Consumer("creatorstream-sources", "recovery-test-offsets")).Build();
        var all = Topics.Ingest.SelectMany(topic => Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)));
        return consumer.Committed(all, TimeSpan.FromSeconds(10))
            .Where(o => o.Offset.Value >= 0)
            .ToDictionary(o => new SourcePartition(o.Topic, o.Partition.Value), o => o.Offset.Value);
    }

    /// <summary>Waits until at least <paramref name="records"/> records are committed.</summary>
    public async Task WaitForCommittedAsync(long records, CancellationToken cancellationToken)
    {
        while (await CommittedAsync() < records)
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Polls the report in Redis until it equals <paramref name="expected"/>; returns the last difference (null when equal).</summary>
    public Task<string?> AwaitAgreementAsync(JsonNode expected, TimeSpan timeout) => AwaitAgreementAsync(expected, timeout, withAlerts: false);

    /// <summary>As <see cref="AwaitAgreementAsync(JsonNode, TimeSpan)"/>, alerts compared too when <paramref name="withAlerts"/>.</summary>
    public async Task<string?> AwaitAgreementAsync(JsonNode expected, TimeSpan timeout, bool withAlerts)
    {
        string? difference = "not compared";
        var deadline = DateTime.UtcNow + timeout;
        while (difference is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1_000);
            try
            {
                difference = ReportComparison.Difference(ReportComparison.Json(await StoredReport.ReadAsync(_store, Catalog, CancellationToken.None), withAlerts), expected);
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisConnectionException or StackExchange.Redis.RedisTimeoutException)
            {
                difference = e.Message;
            }
        }

        return difference;
    }

    /// <summary>Every difference between the report in Redis and <paramref name="expected"/>.</summary>
    public async Task<IReadOnlyList<string>> DifferencesAsync(JsonNode expected, bool withAlerts = false)
    {
        return ReportComparison.Differences(ReportComparison.Json(await StoredReport.ReadAsync(_store, Catalog, CancellationToken.None), withAlerts), expected);
    }

    public string Logs() => string.Join("\n---\n", _workers.Select(w => w.Output));

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var worker in _workers)
            {
                await worker.DisposeAsync();
            }

            // Null only when start-up failed part way (see StartAsync).
            if (_broker is not null)
            {
                await _broker.DisposeAsync();
            }

            if (_connection is not null)
            {
                await _connection.CloseAsync();
                _connection.Dispose();
            }

            if (Cluster is not null)
            {
                await Cluster.DisposeAsync();
            }
            else if (Redis is not null)
            {
                await Redis.DisposeAsync();
            }
        }
        finally
        {
            _directory.Dispose(); // the workers that read its campaign file are gone
        }
    }

    [GeneratedRegex(@"^bootstrap: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex BootstrapLine();

    [GeneratedRegex(@"Snapshot of brand task b(\d+) at offset (\d+)")]
    private static partial Regex SnapshotMade();
}
