using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;
using CreatorStream.Simulation;

namespace CreatorStream.Benchmarks;

/// <summary>Generated traffic every benchmark shares: the same seed, so figures compare across runs and machines.</summary>
public static class Traffic
{
    public const long StartMs = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    public static TrafficGenerator Generator(int records) =>
        new(new GeneratorOptions { StartMs = StartMs, EventsPerSecond = 2_000, MaxEvents = records, Seed = 11 });

    public static CampaignCatalog Catalog(TrafficGenerator generator) => CampaignCatalog.From(generator.Campaigns);

    /// <summary>The records' bytes as they come off a topic.</summary>
    public static byte[][] Lines(int records) => [.. Generator(records).Generate().Select(r => r.Value)];

    /// <summary>The records that decode, decoded.</summary>
    public static StreamEvent[] Events(int records)
    {
        var decoder = new EventDecoder();
        return [.. Lines(records).Select(line => decoder.Decode(line).Event).OfType<StreamEvent>()];
    }

    /// <summary>The records in batches, one partition, a second of wall clock apart.</summary>
    public static RecordBatch[] Batches(int records, int batchSize) => Batches(Generator(records), batchSize);

    /// <summary>What <paramref name="generator"/> generates in batches, one partition, a second of wall clock apart.</summary>
    public static RecordBatch[] Batches(TrafficGenerator generator, int batchSize) =>
        [.. generator.Generate()
            .Select((record, i) => new InboundRecord(new SourcePartition("bench", 0), i, null, ReadOnlyMemory<byte>.Empty, record.Value))
            .Chunk(batchSize)
            .Select((chunk, i) => new RecordBatch(chunk, StartMs + (i * 1_000L)))];
}
