using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Processing.State;

namespace CreatorStream.Bench;

/// <summary>
/// The pipeline without Kafka: a JSON Lines file, read into memory first (so the disk is not measured), through
/// the replay pipeline (the live processor and Rx stages, one partition, the report built at the end). Its raw
/// ceiling is a bare pass over the same lines that only decodes each one (<see cref="EventDecoder"/>): what the
/// pipeline does beyond decoding is what the ratio shows. No latency: replay has no producer to measure from.
/// </summary>
public sealed class ReplayBench(CampaignCatalog catalog, ProcessorOptions processorOptions, IBenchProgress progress, TimeProvider clock)
{
    public async Task<BenchFigures> RunAsync(string eventsPath, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(eventsPath, cancellationToken);
        progress.Report($"read {bytes.Length / (1024.0 * 1024.0):F0} MiB; decode-only pass (the raw ceiling)", force: true);
        var (decoded, decodeSeconds) = DecodeOnly(bytes);

        progress.Report($"decode-only: {decoded:N0} records in {decodeSeconds:F2} s; now the pipeline", force: true);
        var replayer = new Replayer(catalog, processorOptions, clock);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gcBefore = GcTotals.Now();
        var cpuBefore = ProcessMeters.CpuTime();
        var started = clock.GetTimestamp();
        using var input = new MemoryStream(bytes, writable: false);
        var store = new InMemoryStateStore();
        var outcome = await replayer.RunAsync(
            input,
            new Progress<ReplayProgress>(p => progress.Report($"{p.Records:N0} records, {100.0 * p.BytesRead / Math.Max(1, bytes.Length):F0}% of input")),
            cancellationToken,
            store);
        var seconds = Math.Max(clock.GetElapsedTime(started).TotalSeconds, 1e-3);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var cpu = (ProcessMeters.CpuTime() - cpuBefore).TotalSeconds;
        var gc = GcTotals.Now() - gcBefore;

        var counters = await store.ReadCountersAsync(cancellationToken);
        var ceiling = decodeSeconds > 0 ? decoded / decodeSeconds : (double?)null;
        return BenchFigures.Throughput("replay", outcome.Records, seconds, ceiling, allocated, cpu).WithCollector(gc) with
        {
            RecordsProduced = decoded,
            RecordsProcessed = outcome.Records,
            EventsCounted = counters.Events,
            Duplicates = counters.Duplicates,
            DeadLetters = counters.DeadLetterTotal,
            RawCeilingRecords = decoded,
        };
    }

    /// <summary>Reads the lines and decodes each, keeping nothing; returns the lines and the seconds it took.</summary>
    private (long Records, double Seconds) DecodeOnly(byte[] bytes)
    {
        var decoder = new EventDecoder();
        var reader = new JsonLinesReader(new MemoryStream(bytes, writable: false));
        var started = clock.GetTimestamp();
        long records = 0;
        while (reader.ReadLine() is { } line)
        {
            _ = decoder.Decode(line);
            records++;
        }

        return (records, clock.GetElapsedTime(started).TotalSeconds);
    }
}
