using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CreatorStream.Core.Decoding;

namespace CreatorStream.Benchmarks;

/// <summary>
/// Decoding and validating one record (the four event types in the generator's mix), per record; and the floor under
/// it: <see cref="Utf8JsonReader"/> walking the same bytes' tokens and doing nothing with them.
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private const int Records = 4_096;
    private readonly EventDecoder _decoder = new();
    private byte[][] _lines = [];

    [GlobalSetup]
    public void Setup() => _lines = Traffic.Lines(Records);

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
