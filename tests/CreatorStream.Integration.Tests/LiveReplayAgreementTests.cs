using System.Text.Json.Nodes;
using Confluent.Kafka;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Composition;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Embedded;
using CreatorStream.Kafka.Producing;
using CreatorStream.Processing.Replay;
using CreatorStream.Processing.State;
using CreatorStream.Simulation;
using CreatorStream.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// docs/design.md, "Replay report": a replay report is the live system's answer. Generated traffic goes through the broker and the
/// worker into a store; the report read from that store must equal the replay report of the same records, figure by
/// figure (counts exactly, sums to 1e-9 relative: they are added in a different order), attribution included.
/// </summary>
public sealed class LiveReplayAgreementTests
{
    [Fact]
    public async Task Worker_GeneratedTraffic_ReportFromItsStoreEqualsTheReplayReport()
    {
        var generator = new TrafficGenerator(new GeneratorOptions { Seed = 21, StartMs = 1_767_225_600_000, MaxEvents = 20_000, EventsPerSecond = 100 });
        var records = generator.Generate().ToList();
        var catalog = CampaignCatalog.From(generator.Campaigns);

        var tick = ClosingTick.After(records, catalog);
        var newest = tick.Ts - ClosingTick.GapMs;
        var lines = records.Select(r => (Type: r.Type ?? EventType.Impression, r.Key, r.Value)).Append((Type: EventType.Impression, Key: tick.UserId, Value: EventWriter.ToUtf8(tick, includeType: true))).ToList();

        var replay = await ReplayAsync(catalog, lines.Select(l => l.Value));

        using var broker = EmbeddedBroker.Start();
        broker.CreateTopics(Topics.All, EmbeddedBroker.RecommendedPartitionCount);
        var kafka = new KafkaClientSettings(broker.BootstrapServers);
        using (var producer = new ProducerBuilder<byte[], byte[]>(kafka.Producer("agreement-test")).Build())
        using (var publisher = new EventPublisher(producer))
        {
            foreach (var (type, key, value) in lines)
            {
                publisher.Publish(type, key, value);
            }

            Assert.True(publisher.Flush(TimeSpan.FromSeconds(30)));
        }

        var store = new InMemoryStateStore();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var options = ProcessorOptions.Default with { IdleTimeout = TimeSpan.FromSeconds(5) };
        var worker = new WorkerPipeline(kafka, catalog, options, store, null, TimeProvider.System, NullLoggerFactory.Instance);
        var running = Task.Run(() => worker.RunAsync(stop.Token));

        string? difference = "not compared yet";
        for (var attempt = 0; attempt < 90 && difference is not null; attempt++)
        {
            await Task.Delay(1_000, stop.Token);
            difference = ReportComparison.Difference(ReportComparison.Json(await StoredReport.ReadAsync(store, catalog, stop.Token), withAlerts: false), replay);
        }

        var state = await store.ReadCampaignAsync(catalog.Campaigns[0].CampaignId, Core.State.StateWindow.CampaignToDate, CancellationToken.None);
        var counters = await store.ReadCountersAsync(CancellationToken.None);
        await stop.CancelAsync();
        await running;
        var all = string.Join("; ", ReportComparison.Differences(ReportComparison.Json(await StoredReport.ReadAsync(store, catalog, CancellationToken.None), withAlerts: false), replay).Take(12));
        Assert.True(difference is null, $"live and replay differ at {difference} (live watermark {state.Watermark}, newest event {newest}, events {counters.Events}); all: {all}");
    }

    /// <summary>The replay report without alerts: the last minutes close at the end of input in replay but only as time passes live.</summary>
    private static async Task<JsonNode> ReplayAsync(CampaignCatalog catalog, IEnumerable<byte[]> lines)
    {
        var file = new MemoryStream();
        foreach (var line in lines)
        {
            file.Write(line);
            file.WriteByte((byte)'\n');
        }

        file.Position = 0;
        var outcome = await new Replayer(catalog, ProcessorOptions.Default, TimeProvider.System).RunAsync(file, null, CancellationToken.None);
        return ReportComparison.Json(outcome.Report, withAlerts: false);
    }
}
