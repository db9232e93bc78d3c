using BenchmarkDotNet.Attributes;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Benchmarks;

/// <summary>
/// The whole processor (decode, dedup, watermark, aggregates, windows, spikes, authenticity, attribution) over the
/// generated stream in 4,096-record batches, from a fresh processor: the replay pipeline minus Rx and the store.
/// </summary>
[MemoryDiagnoser]
public class ProcessorBenchmarks
{
    private const int Records = 20_000;
    private RecordBatch[] _batches = [];
    private CampaignCatalog _catalog = null!;

    [GlobalSetup]
    public void Setup()
    {
        _catalog = Traffic.Catalog(Traffic.Generator(Records));
        _batches = Traffic.Batches(Records, 4_096);
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public long Process()
    {
        var processor = new StreamProcessor(_catalog, ProcessorOptions.Default with { IdleTimeout = null });
        long events = 0;
        foreach (var batch in _batches)
        {
            events += processor.Process(batch).Delta.Events;
        }

        return events + processor.Flush(Traffic.StartMs).Delta.Events;
    }
}
