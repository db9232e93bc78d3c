using System.Text.Json;
using CreatorStream.Bench;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Composition;

namespace CreatorStream.Host.Verbs;

/// <summary>
/// <c>creatorstream bench</c>: the performance harness (docs/design.md, "Performance"). Live by default (generator →
/// Kafka → pipeline → store → hub client, then the raw Kafka ceiling in the same run); with <c>--replay</c>, the
/// pipeline alone on a file. Prints the figures on standard output, progress on standard error.
/// </summary>
public sealed class BenchVerb(TextWriter output, TextWriter error, TimeProvider clock) : IVerb
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string Name => "bench";

    public string Summary => "measure throughput, latency and memory of the pipeline (live through Kafka, or on a file)";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("duration", "seconds the generator produces (live)", "30", ValueName: "SECONDS"),
        new("rate", "records offered per second (live); 0 offers as fast as the pipeline takes them", "0", ValueName: "N"),
        new("preload", "live, unpaced: produce N records before the pipeline starts, then time the pipeline over them alone, as the raw ceiling's consumer is (the generator's CPU is left out; no latency figures; --duration and --rate are not used). The embedded broker keeps about 5 MiB a partition: a preload it cannot keep is refused", ValueName: "N", WhenUnset: "produce while the pipeline runs"),
        new("kafka", "bootstrap servers of a Kafka with empty ingest topics", ValueName: "BOOTSTRAP", WhenUnset: "the embedded broker"),
        new("partitions", "partitions per embedded topic", "16", ValueName: "N"),
        new("seed", "generator seed", "42", ValueName: "N"),
        new("replay", "measure the pipeline without Kafka on this JSON Lines file instead", ValueName: "FILE", WhenUnset: "live through Kafka"),
        new("campaigns", "campaign configuration (required with --replay)", ValueName: "FILE", WhenUnset: "the generator's campaigns (live)"),
        new("memory", "measure the state held per active user and per creator instead (a synthetic population through the processor and memory store, no Kafka; with --redis, its snapshot is streamed to that Redis as a worker's is)", IsFlag: true),
        new("users", "with --memory: distinct active users; with --soak: the audience of each campaign", "100000", ValueName: "N"),
        new("creators", "with --memory: creators (three campaigns, four posts each)", "60", ValueName: "N"),
        new("components", "with --memory: also feed the events to dedup, attribution and the classifier one at a time and measure each (three more passes)", IsFlag: true),
        new("span-minutes", "with --memory: event time over which the users' sessions start", "20", ValueName: "MINUTES"),
        new("soak", "measure whether state levels off instead: this many hours of event time from the generator straight into the replay pipeline, the heap measured every hour of event time (docs/benchmarks.md)", ValueName: "HOURS", WhenUnset: "not measured"),
        new("event-rate", "with --soak: genuine events per second of event time", "3000", ValueName: "EPS"),
        new("lookback-days", "with --soak: the campaigns' attribution lookback (journeys are kept that long)", ValueName: "DAYS", WhenUnset: "the generator's 30"),
        new("recovery", "measure recovery instead: two worker processes take N records (needs --redis), one is killed, and the time until the survivor commits the victim's brand partitions is reported", ValueName: "N", WhenUnset: "not measured"),
        new("snapshot-interval-ms", "with --recovery: the workers' snapshot interval", "3000", ValueName: "MS"),
        new("timeline", "live: also write the run second by second as CSV (latency p50/p99, commits, batch sizes, collections and their pauses, hub messages); with --soak, the heap hour by hour", ValueName: "FILE", WhenUnset: "no file"),
        new("collect", "measure the collector instead: wrk (Debian's) posts clicks to it on the embedded broker for --duration, then the topic is read back to check that every accepted click is in it once", IsFlag: true),
        new("connections", "with --collect: connections wrk keeps busy", "64", ValueName: "N"),
        new("json", "also write the figures as JSON to this file", ValueName: "FILE", WhenUnset: "no file"),
        .. KafkaOptionSpecs.Security,
        // Only the live bench reads sources that can go idle (replay, soak and memory have none): its default is its own.
        .. ProcessorOptionSpecs.All.Select(o => o.Name == "idle-timeout-ms" ? o with { Default = $"{LiveBenchOptions.IdleTimeout.TotalMilliseconds:F0}", Description = o.Description + ", live (not the product's 30000: some generated topics stay silent, and a run is shorter)" } : o),
        .. LimitOptionSpecs.All,
        .. RedisOptionSpecs.All.Select(o => o.Name == "redis-prefix" ? o with { Default = "cs-bench", Description = "prefix of every key; bench clears it at start" } : o),
    ];

    public async Task<int> RunAsync(ParsedArgs args, CancellationToken cancellationToken)
    {
        var progress = new ProgressPrinter(error, clock, Name);
        if (args.Flag("memory"))
        {
            var memoryOptions = new MemoryBenchOptions
            {
                Users = args.Int("users", 1, 50_000_000),
                Creators = args.Int("creators", 3, 1_000_000),
                Span = TimeSpan.FromMinutes(args.Double("span-minutes", 1, 24 * 60)),
                Seed = args.Int("seed"),
                Components = args.Flag("components"),
                Redis = RedisOptionSpecs.Read(args),
            };
            var memory = await new MemoryBench(memoryOptions, ProcessorOptionSpecs.Read(args), progress, clock).RunAsync(cancellationToken);
            await WriteAsync(memory);
            await WriteJsonAsync(args, memory, cancellationToken);
            return ExitCodes.Success;
        }

        if (args.Flag("collect"))
        {
            var collect = await new Collect.CollectBench(TimeSpan.FromSeconds(args.Double("duration", 1, 3_600)), args.Int("connections", 1, 10_000), progress).RunAsync(cancellationToken);
            await output.WriteLineAsync($"mode: collect, {collect.Machine}");
            await output.WriteLineAsync($"requests: {collect.Requests:N0} in {collect.Seconds:F1} s over {collect.Connections} connections: {collect.RequestsPerSecond:N0} requests/s, latency p50 {collect.P50Ms:F2} ms, p99 {collect.P99Ms:F2} ms; {collect.NotOk:N0} not 2xx, {collect.SocketErrors:N0} socket errors");
            await output.WriteLineAsync($"topic: {collect.TopicRecords:N0} records, {collect.TopicDistinctIds:N0} distinct event ids; the collector accepted {collect.Accepted:N0}; lost: {collect.Lost:N0}");
            await WriteJsonAsync(args, collect, cancellationToken);
            return ExitCodes.Success;
        }

        if (args.Has("soak"))
        {
            var soakOptions = new SoakOptions
            {
                Hours = args.Double("soak", 0.1, 24 * 30),
                EventsPerSecond = args.Double("event-rate", 0.1, 1_000_000),
                UsersPerCampaign = args.Int("users", 10, 10_000_000),
                Seed = args.Int("seed"),
                LookbackDays = args.Has("lookback-days") ? args.Int("lookback-days", 1, 365) : null,
            };
            var soak = await new SoakBench(soakOptions, ProcessorOptionSpecs.Read(args), progress, clock).RunAsync(cancellationToken);
            await WriteAsync(soak);
            if (args.String("timeline") is { } curve)
            {
                await File.WriteAllLinesAsync(curve, [SoakSample.CsvHeader, .. soak.Samples.Select(s => s.ToCsv())], cancellationToken);
            }

            await WriteJsonAsync(args, soak, cancellationToken);
            return ExitCodes.Success;
        }

        if (args.Has("recovery"))
        {
            var redis = RedisOptionSpecs.Read(args) ?? throw new UsageException("option --recovery needs --redis: the workers commit to a real Redis");
            var recovery = await new RecoveryBench(
                typeof(BenchVerb).Assembly.Location,
                args.Long("recovery", 1_000, 100_000_000),
                redis,
                TimeSpan.FromMilliseconds(args.Long("snapshot-interval-ms", 100, 3_600_000)),
                progress,
                clock).RunAsync(cancellationToken);
            await output.WriteLineAsync($"mode: recovery, {recovery.Machine}");
            await output.WriteLineAsync($"records: {recovery.Records:N0}, committed by both stages in {recovery.ProcessingSeconds:F1} s");
            await output.WriteLineAsync($"recovery: {recovery.RecoveredBrandPartitions} of the victim's {recovery.VictimBrandPartitions} brand partitions committed by the survivor {Figure(recovery.RecoverySecondsMin, "F2")}–{Figure(recovery.RecoverySecondsMax, "F2")} s after the SIGKILL; {recovery.Restores} restores, the longest tail {recovery.RestoredRecordsMax:N0} records (snapshots every {recovery.SnapshotIntervalSeconds:F1} s)");
            await WriteJsonAsync(args, recovery, cancellationToken);
            return ExitCodes.Success;
        }

        BenchFigures figures;
        if (args.ExistingFile("replay") is { } replay)
        {
            var catalog = CampaignFile.Load(args);
            figures = await new ReplayBench(catalog, ProcessorOptionSpecs.Read(args), progress, clock).RunAsync(replay, cancellationToken);
        }
        else
        {
            var options = new LiveBenchOptions
            {
                Duration = TimeSpan.FromSeconds(args.Double("duration", 1, 86_400)),
                Rate = args.Double("rate", 0, 10_000_000),
                Kafka = args.Has("kafka") ? KafkaOptionSpecs.Connect(args) : null,
                EmbeddedKafkaConfig = args.Has("kafka") ? new Dictionary<string, string>() : KafkaOptionSpecs.ForEmbedded(args),
                Redis = RedisOptionSpecs.Read(args),
                Seed = args.Int("seed"),
                Partitions = args.Int("partitions", 1, 1024),
                Timeline = args.String("timeline"),
                Preload = args.Has("preload") ? args.Long("preload", 1, 100_000_000) : 0,
                Processor = ProcessorOptionSpecs.Read(args),
            };
            using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
            figures = await new LiveBench(
                options,
                (inputs, token) => BenchTarget.StartAsync(inputs, loggers, clock, token),
                progress,
                loggers,
                clock).RunAsync(cancellationToken);
        }

        await WriteAsync(figures);
        await WriteJsonAsync(args, figures, cancellationToken);
        return ExitCodes.Success;
    }

    private static async Task WriteJsonAsync<T>(ParsedArgs args, T figures, CancellationToken cancellationToken)
    {
        if (args.String("json") is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(figures, Indented) + "\n", cancellationToken);
        }
    }

    private async Task WriteAsync(SoakFigures f)
    {
        await output.WriteLineAsync($"mode: soak ({f.Gc} GC), {f.Machine}");
        await output.WriteLineAsync($"traffic: {f.Hours:N1} h of event time at {f.EventsPerSecond:N0} events/s, {f.UsersPerCampaign:N0} users a campaign, a {f.LookbackDays} day lookback; {f.Records:N0} records ({f.EventsCounted:N0} counted, {f.Duplicates:N0} duplicates of which {f.DuplicatesProbable:N0} probable) in {f.Seconds:N0} s");
        await output.WriteLineAsync("hour  records        live MiB  heap MiB  resident MiB");
        foreach (var s in f.Samples)
        {
            await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{s.Hours,4:F0}  {s.RecordsCommitted,13:N0}  {s.Heap.LiveBytes / 1048576.0,8:N0}  {s.Heap.HeapBytes / 1048576.0,8:N0}  {s.Heap.RssBytes / 1048576.0,12:N0}"));
        }

        await output.WriteLineAsync($"after the longest horizon ({f.HorizonHours:N0} h): live heap {Figure(f.LiveMbPerHourAfterHorizon, "N1")} MiB an hour; peak live {f.PeakLiveMb:N0} MiB, peak resident {f.PeakRssMb:N0} MiB");
    }

    private async Task WriteAsync(MemoryFigures f)
    {
        static string Mib(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("N1", System.Globalization.CultureInfo.InvariantCulture);
        await output.WriteLineAsync($"mode: memory ({f.Gc} GC), {f.Machine}");
        await output.WriteLineAsync($"population: {f.Users:N0} users, {f.Creators:N0} creators in {f.Campaigns} campaigns, {f.Posts:N0} posts, sessions over {f.SpanMinutes:N0} min of event time; {f.Records:N0} records ({f.EventsCounted:N0} counted) in {f.Seconds:F1} s");
        await output.WriteLineAsync($"baseline (before any state): {Mib(f.Baseline.LiveBytes)} MiB live managed, {Mib(f.Baseline.RssBytes)} MiB resident");
        await output.WriteLineAsync($"state after a full GC: {Mib(f.State.LiveBytes)} MiB live managed ({f.StateBytesPerUser:N0} bytes a user), GC heap +{Mib(f.State.HeapBytes)} MiB, committed by the GC +{Mib(f.State.CommittedBytes)} MiB, resident +{Mib(f.State.RssBytes)} MiB");
        await output.WriteLineAsync($"  processor {Mib(f.Processor.LiveBytes)} MiB, store {Mib(f.Store.LiveBytes)} MiB");
        foreach (var c in f.Components)
        {
            await output.WriteLineAsync($"  alone: {c.Name}: {Mib(c.LiveBytes)} MiB ({c.BytesPerUser:N0} bytes a user, {c.Entries:N0} entries)");
        }

        await output.WriteLineAsync($"peak RSS {f.PeakRssMb:N0} MiB");
        var where = f.SnapshotStore == "redis" ? "streamed to Redis as written, and committed" : "held whole: no --redis";
        await output.WriteLineAsync($"snapshot of the state (as a worker writes it inside a batch; {where}): {Mib(f.SnapshotBytes)} MiB in {f.SnapshotSeconds:F2} s{(f.SnapshotStore == "redis" ? $" (then {f.SnapshotCommitSeconds:F2} s to commit)" : "")}, {Mib(f.SnapshotAllocatedBytes)} MiB allocated; peak RSS with it {f.PeakRssWithSnapshotMb:N0} MiB");
    }

    private async Task WriteAsync(BenchFigures f)
    {
        await output.WriteLineAsync($"mode: {f.Mode} ({f.StateStore} store), {f.Machine}");
        await output.WriteLineAsync($"records: {f.RecordsProduced:N0} offered, {f.RecordsProcessed:N0} processed in {f.Seconds:F1} s ({f.EventsCounted:N0} counted, {f.Duplicates:N0} duplicates, {f.DeadLetters:N0} dead letters)");
        await output.WriteLineAsync($"throughput: {f.EventsPerSecond:N0} records/s ({f.EventsPerCpuSecond:N0} per CPU second of the process, {f.ProcessCpuSeconds:F1} CPU s, {f.CpuSecondsPerSecond:F2} cores busy); raw ceiling {Figure(f.RawCeilingEventsPerSecond, "N0")} records/s over {f.RawCeilingRecords:N0} records; ratio {Figure(f.RatioToCeiling, "F3")}");
        if (f.Mode is "live" or "live-preloaded")
        {
            if (f.Mode == "live")
            {
                await output.WriteLineAsync($"latency to the store (ms): p50 {Figure(f.LatencyMsP50)}, p99 {Figure(f.LatencyMsP99)}, p99.9 {Figure(f.LatencyMsP999)}, max {Figure(f.LatencyMsMax)} ({f.LatencySamples:N0} records)");
                await output.WriteLineAsync($"latency by stage (ms from creation, p50 / p99 / max): in the ingest log {Figure(f.LogLatencyMsP50)} / {Figure(f.LogLatencyMsP99)} / {Figure(f.LogLatencyMsMax)}, routed (the source stage's commit) {Figure(f.SourceLatencyMsP50)} / {Figure(f.SourceLatencyMsP99)} / {Figure(f.SourceLatencyMsMax)}, in the store {Figure(f.LatencyMsP50)} / {Figure(f.LatencyMsP99)} / {Figure(f.LatencyMsMax)}");
            }

            await output.WriteLineAsync($"garbage collector ({(f.GcServer == true ? "server" : "workstation")}, {(f.GcConcurrent == true ? "background gen2" : "no background gen2")}, {f.GcLatencyMode}): {f.GcGen0:N0} gen0, {f.GcGen1:N0} gen1, {f.GcGen2:N0} gen2 ({f.GcGen2Blocking:N0} blocking) collections, {Figure(f.GcPauseMsTotal, "N0")} ms paused in all, longest {Figure(f.GcPauseMsMax)} ms");
            if (f.Mode == "live")
            {
                await output.WriteLineAsync($"latency to a hub client (ms): p50 {Figure(f.HubLatencyMsP50)}, p99 {Figure(f.HubLatencyMsP99)}, p99.9 {Figure(f.HubLatencyMsP999)} ({f.HubLatencySamples:N0} of {f.HubLatencyCandidates:N0} events, {f.HubMessages:N0} messages)");
                await output.WriteLineAsync($"steady (records produced after the first {LiveBench.WarmUp.TotalSeconds:F0} s): p99 to the store {Figure(f.LatencyMsP99Steady)} ms, to a hub client {Figure(f.HubLatencyMsP99Steady)} ms");
            }
            else
            {
                await output.WriteLineAsync($"preloaded: every record was in Kafka before the pipeline started, so no latency is measured; {f.HubMessages:N0} hub messages");
            }
            await output.WriteLineAsync($"event time: a silent ingest partition holds it back for {Figure(f.IdleTimeoutMs, "N0")} ms (--idle-timeout-ms; the product's default is {Core.Streaming.ProcessorOptions.Default.IdleTimeout?.TotalMilliseconds:N0})");
            await output.WriteLineAsync($"snapshots: {f.Snapshots:N0}, the longest {Figure(f.SnapshotMsMax, "N0")} ms ({(f.SnapshotBytesMax ?? 0) / 1_048_576.0:N1} MiB), {Figure(f.SnapshotMsTotal, "N0")} ms in all; held their batches at most {Figure(f.SnapshotHeldMsMax, "N0")} ms, {Figure(f.SnapshotHeldMsTotal, "N0")} ms in all");
        }

        await output.WriteLineAsync($"memory: peak RSS {f.PeakRssMb:N0} MiB, {f.BytesAllocatedPerEvent:N0} bytes allocated per record");
    }

    private static string Figure(double? value, string format = "F1") => value is { } v ? v.ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "n/a";
}
