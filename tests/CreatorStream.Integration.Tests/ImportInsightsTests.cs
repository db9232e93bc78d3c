using System.Text.Json.Nodes;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Composition;
using CreatorStream.Host.Verbs;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Consuming;
using CreatorStream.Kafka.Embedded;
using CreatorStream.Kafka.Producing;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// Issue 24, platform insights: a sample export (tests/fixtures/insights) imported with <c>import-insights</c> to the
/// embedded broker, corrected for one day by a second import, and a bad file refused whole; a worker then reports each
/// post's platform-reported figures, computed here by hand from the rows.
/// </summary>
public sealed class ImportInsightsTests
{
    private static readonly DateTimeOffset ImportedAt = DateTimeOffset.Parse("2026-11-24T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task AnExport_ImportedThenCorrected_IsEachPostsPlatformReportedFigures_AndABadFileIsRefusedWhole()
    {
        using var files = new TempDirectory("insights-");
        var campaigns = files.Combine("campaigns.json");
        File.WriteAllText(campaigns, TestCampaigns.SpringJson);
        var bad = files.Combine("bad.csv");
        File.WriteAllText(bad, "Post ID,Date,Impressions,Creator ID\nig-1,2026-11-20,10,anna\nig-1,2026-11-31,10,anna\nig-3,2026-11-22,5,zoe\nig-4,2026-11-22,-4,anna\nig-1,2026-11-20T00:00:00+0000,11,anna\n");
        using var broker = EmbeddedBroker.Start();
        broker.CreateTopics(Topics.All, EmbeddedBroker.RecommendedPartitionCount);
        var kafka = new KafkaClientSettings(broker.BootstrapServers);
        var clock = new ManualClock(ImportedAt);

        // A file with a bad row publishes nothing, and names every bad row.
        var (code, error) = await ImportAsync(kafka, clock, campaigns, bad, "instagram_insights_export");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("line 3: date must be a day as yyyy-MM-dd, not '2026-11-31'", error, StringComparison.Ordinal);
        Assert.Contains("line 4: creator 'zoe' is not in campaign 'spring'", error, StringComparison.Ordinal);
        Assert.Contains("line 5: impressions must be a whole number of at least 0, not '-4'", error, StringComparison.Ordinal);
        Assert.Contains("line 6: post 'ig-1' on 2026-11-20 is already in line 2", error, StringComparison.Ordinal);
        Assert.Contains("nothing was published", error, StringComparison.Ordinal);
        Assert.Empty(TopicContents.Read(kafka, Topics.Insights, EmbeddedBroker.RecommendedPartitionCount, TimeSpan.FromSeconds(20)));

        // The export, then a minute later its correction of one day.
        Assert.Equal(ExitCodes.Success, (await ImportAsync(kafka, clock, campaigns, Fixture("instagram-export.csv"), "instagram_insights_export")).Code);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ExitCodes.Success, (await ImportAsync(kafka, clock, campaigns, Fixture("instagram-export-corrected.csv"), "instagram_insights_export")).Code);
        Assert.Equal(4, TopicContents.Read(kafka, Topics.Insights, EmbeddedBroker.RecommendedPartitionCount, TimeSpan.FromSeconds(20)).Count);

        using (var producer = new ProducerBuilder<byte[], byte[]>(kafka.Producer("insights-tick")).Build())
        using (var publisher = new EventPublisher(producer))
        {
            var tick = EventBuilder.Impression("tick-user", clock.GetUtcNow().ToUnixTimeMilliseconds() + ClosingTick.GapMs, creator: "ben", content: "post-tick", id: "tick");
            publisher.Publish(tick.Type, tick.UserId, Core.Decoding.EventWriter.ToUtf8(tick, includeType: false));
            Assert.True(publisher.Flush(TimeSpan.FromSeconds(30)));
        }

        var store = new InMemoryStateStore();
        var catalog = TestCampaigns.Spring();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var worker = new WorkerPipeline(kafka, catalog, ProcessorOptions.Default with { IdleTimeout = TimeSpan.FromSeconds(3) }, store, null, TimeProvider.System, NullLoggerFactory.Instance);
        var running = Task.Run(() => worker.RunAsync(stop.Token));
        var report = await Eventually.ReturnsAsync(
            async () => ReportComparison.Json(await StoredReport.ReadAsync(store, catalog, stop.Token), withAlerts: false),
            r => Reported(r, "ig-1")?["impressions"]?.GetValue<long>() == 4_140,
            TimeSpan.FromSeconds(90),
            "the worker's platform-reported figures");
        await stop.CancelAsync();
        await running;

        // ig-1: 2026-11-20 as imported, 2026-11-21 as corrected (2300, 1950, 170, 12, 9, 21 replace 2210, 1905, 164, 12, 9, 21).
        var first = Reported(report, "ig-1")!;
        Assert.Equal(("instagram_insights_export", 2, "2026-11-20", "2026-11-21", ImportedAt.AddMinutes(1).ToUnixTimeMilliseconds()), (first["source"]!.GetValue<string>(), first["days"]!.GetValue<int>(), first["first_day"]!.GetValue<string>(), first["last_day"]!.GetValue<string>(), first["imported_at"]!.GetValue<long>()));
        Assert.Equal([1_840L + 2_300, Math.Max(1_610L, 1_950), 131L + 170, 9L + 12, 14L + 9, 22L + 21], Figures(first));

        // ig-2: one day, its empty comments cell is no figure (null), not zero.
        var second = Reported(report, "ig-2")!;
        Assert.Equal(("2026-11-21", 1), (second["first_day"]!.GetValue<string>(), second["days"]!.GetValue<int>()));
        Assert.Equal([500L, 420, 30, null, 2, 1], Figures(second));
    }

    private static long?[] Figures(JsonNode reported) =>
        [.. new[] { "impressions", "reach_max_day", "likes", "comments", "shares", "saves" }.Select(name => reported[name]?.GetValue<long>())];

    private static JsonNode? Reported(JsonNode report, string contentId) =>
        report["campaigns"]!["spring"]!["publishing"]?["posts"]?.AsArray().FirstOrDefault(p => p!["content_id"]!.GetValue<string>() == contentId)?["platform_reported"];

    private static string Fixture(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "fixtures", "insights", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"tests/fixtures/insights/{name} not found above {AppContext.BaseDirectory}");
    }

    private static async Task<(int Code, string Error)> ImportAsync(KafkaClientSettings kafka, TimeProvider clock, string campaigns, string file, string source)
    {
        var error = new StringWriter();
        var verb = new ImportInsightsVerb(error, clock);
        var args = ParsedArgs.Parse(["--kafka", kafka.BootstrapServers, "--campaigns", campaigns, "--file", file, "--source", source, "--campaign", "spring", "--creator", "anna", "--platform", "instagram"], verb.Options);
        try
        {
            return (await verb.RunAsync(args, CancellationToken.None), error.ToString());
        }
        catch (UsageException e)
        {
            return (ExitCodes.Usage, e.Message);
        }
    }
}
