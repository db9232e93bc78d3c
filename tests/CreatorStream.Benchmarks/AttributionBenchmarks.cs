using BenchmarkDotNet.Attributes;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Conversions;
using CreatorStream.Core.Events;
using CreatorStream.Core.State;

namespace CreatorStream.Benchmarks;

/// <summary>
/// Attribution: every audience event appended to its user's journey and chained, every conversion credited under
/// all seven models, in event-time order, by a fresh attributor (the whole generated stream per invocation).
/// </summary>
[MemoryDiagnoser]
public class AttributionBenchmarks
{
    private const int Records = 20_000;
    private StreamEvent[] _events = [];
    private CampaignCatalog _catalog = null!;

    [GlobalSetup]
    public void Setup()
    {
        _catalog = Traffic.Catalog(Traffic.Generator(Records));
        var brands = _catalog.Campaigns.Select(c => c.BrandId).ToHashSet(StringComparer.Ordinal);

        // Only what the processor lets through to attribution: the generator's malformed records name unknown campaigns.
        _events = [.. Traffic.Events(Records)
            .Where(e => e switch
            {
                AudienceEvent a => _catalog.HasCreator(a.CampaignId, a.CreatorId),
                Conversion c => c.CampaignId is { } campaign ? _catalog.TryGet(campaign, out _) : brands.Contains(c.BrandId),
                _ => false,
            })
            .OrderBy(e => e.Ts)
            .ThenBy(e => e.EventId, StringComparer.Ordinal)];
    }

    [Benchmark]
    public int TouchChainAndConvert()
    {
        var attributor = new ConversionAttributor(_catalog);
        var delta = new AttributionDelta();
        foreach (var e in _events)
        {
            switch (e)
            {
                case AudienceEvent touch:
                    attributor.Touch(touch);
                    attributor.Chain(touch);
                    break;
                case Conversion conversion:
                    attributor.Convert(conversion, delta);
                    break;
            }
        }

        return attributor.Users;
    }
}
