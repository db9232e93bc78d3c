using CreatorStream.Core.Attribution;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Simulation;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>
/// Data-driven credit reads removal effects solved once per event-time minute and campaign (issue 8): the result must
/// not depend on how records are split into batches, and must differ from the linear fallback (the chain is used).
/// </summary>
public sealed class DataDrivenDeterminismTests
{
    [Fact]
    public async Task Replay_DataDrivenActive_SameCreditForEveryBatchSize()
    {
        var generator = new TrafficGenerator(new GeneratorOptions { Seed = 11, StartMs = 1_767_225_600_000, EventsPerSecond = 120, MaxEvents = 60_000 });
        var document = generator.Campaigns;
        foreach (var campaign in document.Campaigns)
        {
            campaign.Attribution.DataDrivenMinConversions = 3;
        }

        var catalog = CampaignCatalog.From(document);
        var file = new MemoryStream();
        foreach (var record in generator.Generate())
        {
            file.Write(record.Value);
            file.WriteByte((byte)'\n');
        }

        var credits = new List<Dictionary<string, (double Conversions, double Revenue, bool? Fallback)>>();
        foreach (var batchSize in new[] { 1, 97, 4_096 })
        {
            file.Position = 0;
            var report = (await new Replayer(catalog, ProcessorOptions.Default, TimeProvider.System) { BatchSize = batchSize }.RunAsync(file, null, CancellationToken.None)).Report;
            credits.Add(report.Campaigns.SelectMany(c => c.Value.Creators.Select(cr => (Key: $"{c.Key}/{cr.Key}", Credit: cr.Value.Attribution![AttributionModels.DataDriven])))
                .ToDictionary(x => x.Key, x => (Math.Round(x.Credit.Conversions, 9), Math.Round(x.Credit.Revenue, 6), x.Credit.Fallback)));
        }

        Assert.Contains(credits[0].Values, c => c.Fallback == false && c.Conversions > 0);
        Assert.Equal(credits[0], credits[1]);
        Assert.Equal(credits[0], credits[2]);
    }
}
