using System.Text.Json;
using CreatorStream.Core.Configuration;
using CreatorStream.Host.Bench;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Composition;

namespace CreatorStream.Host.Verbs;

/// <summary>
/// <c>creatorstream bench</c>: the performance harness (DESIGN.md section 10, issue 8). Live by default (generator →
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
        new("kafka", "bootstrap servers of a Kafka with empty ingest topics", ValueName: "BOOTSTRAP", WhenUnset: "the embedded broker"),
        new("partitions", "partitions per embedded topic", "16", ValueName: "N"),
        new("seed", "generator seed", "42", ValueName: "N"),
        new("replay", "measure the pipeline without Kafka on this JSON Lines file instead", ValueName: "FILE", WhenUnset: "live through Kafka"),
        new("campaigns", "campaign configuration (required with --replay)", ValueName: "FILE", WhenUnset: "the generator's campaigns (live)"),
        new("json", "also write the figures as JSON to this file", ValueName: "FILE", WhenUnset: "no file"),
        .. KafkaOptionSpecs.Security,
        .. ProcessorOptionSpecs.All,
        .. LimitOptionSpecs.All,
        .. RedisOptionSpecs.All.Select(o => o.Name == "redis-prefix" ? o with { Default = "cs-bench", Description = "prefix of every key; bench clears it at start" } : o),
    ];

    public async Task<int> RunAsync(ParsedArgs args, CancellationToken cancellationToken)
    {
        var progress = new ProgressPrinter(error, clock, Name);
        BenchFigures figures;
        if (args.String("replay") is { } replay)
        {
            if (!File.Exists(replay))
            {
                throw new UsageException($"option --replay: file '{replay}' does not exist");
            }

            var catalog = CampaignCatalog.Load(args.Required("campaigns"));
            figures = await new ReplayBench(catalog, ProcessorOptionSpecs.Read(args), progress, clock).RunAsync(replay, cancellationToken);
        }
        else
        {
            var options = new LiveBenchOptions
            {
                Duration = TimeSpan.FromSeconds(args.Double("duration", 1, 86_400)),
                Rate = args.Double("rate", 0, 10_000_000),
                Kafka = args.Has("kafka") ? KafkaOptionSpecs.Connect(args) : null,
                Redis = RedisOptionSpecs.Read(args),
                Seed = args.Int("seed"),
                Partitions = args.Int("partitions", 1, 1024),
            };
            figures = await new LiveBench(options, progress, clock).RunAsync(cancellationToken);
        }

        await WriteAsync(figures);
        if (args.String("json") is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(figures, Indented) + "\n", cancellationToken);
        }

        return ExitCodes.Success;
    }

    private async Task WriteAsync(BenchFigures f)
    {
        await output.WriteLineAsync($"mode: {f.Mode} ({f.StateStore} store), {f.Machine}");
        await output.WriteLineAsync($"records: {f.RecordsProduced:N0} offered, {f.RecordsProcessed:N0} processed in {f.Seconds:F1} s ({f.EventsCounted:N0} counted, {f.Duplicates:N0} duplicates, {f.DeadLetters:N0} dead letters)");
        await output.WriteLineAsync($"throughput: {f.EventsPerSecond:N0} records/s ({f.EventsPerCpuSecond:N0} per CPU second of the process, {f.ProcessCpuSeconds:F1} CPU s); raw ceiling {Figure(f.RawCeilingEventsPerSecond, "N0")} records/s over {f.RawCeilingRecords:N0} records; ratio {Figure(f.RatioToCeiling, "F3")}");
        if (f.Mode == "live")
        {
            await output.WriteLineAsync($"latency to the store (ms): p50 {Figure(f.LatencyMsP50)}, p99 {Figure(f.LatencyMsP99)}, p99.9 {Figure(f.LatencyMsP999)}, max {Figure(f.LatencyMsMax)} ({f.LatencySamples:N0} records)");
            await output.WriteLineAsync($"latency to a hub client (ms): p50 {Figure(f.HubLatencyMsP50)}, p99 {Figure(f.HubLatencyMsP99)}, p99.9 {Figure(f.HubLatencyMsP999)} ({f.HubLatencySamples:N0} events, {f.HubMessages:N0} messages)");
        }

        await output.WriteLineAsync($"memory: peak RSS {f.PeakRssMb:N0} MiB, {f.BytesAllocatedPerEvent:N0} bytes allocated per record");
    }

    private static string Figure(double? value, string format = "F1") => value is { } v ? v.ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "n/a";
}
