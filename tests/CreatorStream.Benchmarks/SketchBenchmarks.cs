using BenchmarkDotNet.Attributes;
using CreatorStream.Core.Sketches;

namespace CreatorStream.Benchmarks;

/// <summary>Reach: hashing a user id and adding it to a HyperLogLog, exact (sparse, up to 1,024 users) and dense, per add.</summary>
[MemoryDiagnoser]
public class SketchBenchmarks
{
    private const int Adds = 4_096;
    private readonly string[] _users = [.. Enumerable.Range(0, Adds).Select(i => $"user-{i * 7919}")];
    private HyperLogLog _dense = new();

    [GlobalSetup]
    public void Setup() => _dense = HyperLogLog.FromHashes(Enumerable.Range(0, 100_000).Select(i => UserHash.Of($"seed-{i}")));

    [Benchmark(OperationsPerInvoke = Adds)]
    public bool HashAndAddDense()
    {
        var changed = false;
        foreach (var user in _users)
        {
            changed |= _dense.Add(UserHash.Of(user));
        }

        return changed;
    }

    [Benchmark(OperationsPerInvoke = 1_000)]
    public long AddSparse()
    {
        var sketch = new HyperLogLog();
        for (var i = 0; i < 1_000; i++)
        {
            sketch.Add(UserHash.Mix((ulong)i));
        }

        return sketch.Count();
    }
}
