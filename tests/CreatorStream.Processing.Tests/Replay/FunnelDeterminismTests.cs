using CreatorStream.Core.Configuration;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Simulation;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>The outcome figures do not depend on where batches split (docs/design.md, "Outcomes"): the same file replayed in batches of 1, 97 and 4,096 records.</summary>
public sealed class FunnelDeterminismTests
{
    [Fact]
    public async Task Replay_AnyBatchSize_GivesTheSameOutcomes()
    {
        var generator = new TrafficGenerator(new GeneratorOptions { Seed = 13, StartMs = 1_767_225_600_000, EventsPerSecond = 60, MaxEvents = 40_000 });
        var records = generator.Generate().ToList();
        var catalog = CampaignCatalog.From(generator.Campaigns);
        var text = string.Join('\n', records.Select(r => System.Text.Encoding.UTF8.GetString(r.Value)));

        var reports = new List<string>();
        foreach (var batchSize in new[] { 4096, 97, 1 })
        {
            var outcome = await new Replayer(catalog, ProcessorOptions.Default, TimeProvider.System) { BatchSize = batchSize }
                .RunAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), null, CancellationToken.None);
            reports.Add(string.Join('\n', outcome.Report.Campaigns.Select(c =>
                $"{c.Key} {Funnel(c.Value.Totals.Funnel!)} " + string.Join(' ', c.Value.Creators.Select(cr => $"{cr.Key}:{Funnel(cr.Value.Funnel!)}")))));
        }

        Assert.Equal(reports[0], reports[1]);
        Assert.Equal(reports[0], reports[2]);
    }

    private static string Funnel(Core.Reporting.FunnelReport f) => $"{f.Reached}/{f.Engaged}/{f.Clicked}/{f.Converted}";
}
