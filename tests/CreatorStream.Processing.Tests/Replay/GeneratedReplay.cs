using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Simulation;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>
/// A generated campaign file replayed through the pipeline, for tests that recompute its figures from the records.
/// Data-driven credit is checked by hand elsewhere (Core.Tests: MarkovChainTests, MarkovChainOracleTests; its chain
/// depends on every journey so far, in the order the pipeline met them); here it stays the linear fallback, so a
/// recomputation needs none of the pipeline's state.
/// </summary>
internal sealed record GeneratedReplay(CampaignCatalog Catalog, List<GeneratedRecord> Records, ReplayReport Report)
{
    /// <summary>The events the pipeline counts: sent once, on time, and well-formed (genuine and fake traffic alike).</summary>
    public List<StreamEvent> Counted => [.. Records.Where(r => r.Kind == RecordKind.Genuine && r.Event is not null).Select(r => r.Event!)];

    public static async Task<GeneratedReplay> RunAsync(int seed, int maxEvents, ProcessorOptions? options = null, bool sessions = false, bool posts = false, double eventsPerSecond = 80)
    {
        var generator = new TrafficGenerator(new GeneratorOptions { Seed = seed, StartMs = 1_767_225_600_000, EventsPerSecond = eventsPerSecond, MaxEvents = maxEvents, SiteSessions = sessions, PostReports = posts });
        var records = generator.Generate().ToList();
        var document = generator.Campaigns;
        foreach (var campaign in document.Campaigns)
        {
            campaign.Attribution.DataDrivenMinConversions = int.MaxValue;
        }

        var catalog = CampaignCatalog.From(document);
        return new GeneratedReplay(catalog, records, await ReportAsync(catalog, records.Select(r => r.Value), options));
    }

    /// <summary>The replay report of these JSON lines, in this order.</summary>
    public static async Task<ReplayReport> ReportAsync(CampaignCatalog catalog, IEnumerable<byte[]> lines, ProcessorOptions? options = null)
    {
        var file = new MemoryStream();
        foreach (var line in lines)
        {
            file.Write(line);
            file.WriteByte((byte)'\n');
        }

        file.Position = 0;
        var outcome = await new Replayer(catalog, options ?? ProcessorOptions.Default, TimeProvider.System).RunAsync(file, null, CancellationToken.None);
        return outcome.Report;
    }
}
