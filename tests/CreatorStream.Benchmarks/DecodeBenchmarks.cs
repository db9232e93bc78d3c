using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Benchmarks;

/// <summary>
/// Decoding and validating one record (the four event types in the generator's mix), per record; and the floor under
/// it: <see cref="Utf8JsonReader"/> walking the same bytes' tokens and doing nothing with them. And what the brand stage
/// does to a record that came over the brand topic: read its envelope, then decode the event again (decision 0016).
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private const int Records = 4_096;
    private readonly EventDecoder _decoder = new();
    private byte[][] _lines = [];
    private byte[][] _envelopes = [];

    [GlobalSetup]
    public void Setup()
    {
        _lines = Traffic.Lines(Records);
        var origin = new SourcePartition("creatorstream.engagements", 3);
        _envelopes = [.. _lines.Select((line, i) => BrandEnvelope.Encode(BrandInput.Event(new InboundRecord(origin, i, null, "u-0123456789"u8.ToArray(), line, 1_767_225_600_000 + i))))];
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public int Decode()
    {
        var decoded = 0;
        foreach (var line in _lines)
        {
            if (_decoder.Decode(line).Event is not null)
            {
                decoded++;
            }
        }

        return decoded;
    }

    /// <summary>The brand stage's read of a routed record: its envelope, then the event's JSON decoded a second time.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int EnvelopeThenDecode()
    {
        var decoded = 0;
        foreach (var envelope in _envelopes)
        {
            var record = BrandEnvelope.Decode(envelope).Record;
            if (_decoder.Decode(record.Value.Span, record.TypeHint).Event is not null)
            {
                decoded++;
            }
        }

        return decoded;
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public int TokensOnly()
    {
        var tokens = 0;
        foreach (var line in _lines)
        {
            var reader = new Utf8JsonReader(line);
            try
            {
                while (reader.Read())
                {
                    tokens++;
                }
            }
            catch (JsonException)
            {
                // the generator's malformed records: the decoder dead-letters them
            }
        }

        return tokens;
    }
}
