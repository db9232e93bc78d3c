using BenchmarkDotNet.Attributes;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Events;

namespace CreatorStream.Benchmarks;

/// <summary>Authenticity scoring: one audience event judged by a fresh classifier fed the generator's mix (fakes included), per event.</summary>
[MemoryDiagnoser]
public class AuthenticityBenchmarks
{
    private const int Records = 20_000;
    private AudienceEvent[] _events = [];

    [GlobalSetup]
    public void Setup() => _events = [.. Traffic.Events(Records).OfType<AudienceEvent>().OrderBy(e => e.Ts).ThenBy(e => e.EventId, StringComparer.Ordinal)];

    [Benchmark]
    public int Classify()
    {
        var classifier = new AuthenticityClassifier(new AuthenticityOptions());
        var flagged = 0;
        foreach (var e in _events)
        {
            if (!classifier.Classify(e).IsAuthentic)
            {
                flagged++;
            }
        }

        return flagged;
    }
}
