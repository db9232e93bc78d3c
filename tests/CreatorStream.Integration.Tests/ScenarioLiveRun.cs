using System.Text.Json.Nodes;
using Confluent.Kafka;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Composition;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Embedded;
using CreatorStream.Kafka.Producing;
using CreatorStream.Processing.Replay;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// A hand-made scenario of spring's events through the broker and both stages of one worker into its memory store, and
/// the replay report of the same events to compare with (docs/design.md, "Dataflow"): shared by the live tests of event
/// types that join earlier events in the brand task (lead updates, site sessions).
/// </summary>
internal static class ScenarioLiveRun
{
    /// <summary>
    /// The events and a closing tick (so live event time passes them all) through the broker, with only
    /// <paramref name="topics"/> created, into a worker's memory store; returns where its report first differs from
    /// the replay report of the same events (null when equal), that report, and the store's counters. The worker's and
    /// the replay's stores are <paramref name="liveStore"/> and <paramref name="replayStore"/> when given, to read after.
    /// </summary>
    public static async Task<(string? Difference, JsonNode Replay, StreamCounters Counters)> RunAsync(
        IEnumerable<StreamEvent> scenario,
        IReadOnlyList<string> topics,
        Core.Configuration.CampaignCatalog? campaigns = null,
        InMemoryStateStore? liveStore = null,
        InMemoryStateStore? replayStore = null)
    {
        var catalog = campaigns ?? TestCampaigns.Spring();
        var events = scenario.ToList();

        // The closing tick's id must be its own: a scenario event with the same id would be deduplicated against it, and
        // which of the two is kept depends on the order of arrival, which differs between the broker's partitions and a file.
        if (events.Any(e => e.EventId == "tick"))
        {
            throw new ArgumentException("a scenario event has the id \"tick\", which the closing tick uses", nameof(scenario));
        }

        events.Add(EventBuilder.Impression("tick-user", events.Max(e => e.Ts) + ClosingTick.GapMs, creator: "anna", content: "post-1", id: "tick"));
        var replay = await ReplayAsync(catalog, events, replayStore ?? new InMemoryStateStore());

        using var broker = EmbeddedBroker.Start();
        broker.CreateTopics(topics, EmbeddedBroker.RecommendedPartitionCount);
        var kafka = new KafkaClientSettings(broker.BootstrapServers);
        using (var producer = new ProducerBuilder<byte[], byte[]>(kafka.Producer("scenario-live-run")).Build())
        using (var publisher = new EventPublisher(producer))
        {
            foreach (var e in events)
            {
                publisher.Publish(e.Type, e.UserId, EventWriter.ToUtf8(e, includeType: false));
            }

            Assert.True(publisher.Flush(TimeSpan.FromSeconds(30)));
        }

        var store = liveStore ?? new InMemoryStateStore();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var worker = new WorkerPipeline(kafka, catalog, ProcessorOptions.Default with { IdleTimeout = TimeSpan.FromSeconds(3) }, store, null, TimeProvider.System, NullLoggerFactory.Instance);
        var running = Task.Run(() => worker.RunAsync(stop.Token));

        string? difference = "not compared yet";
        for (var attempt = 0; attempt < 60 && difference is not null && !running.IsCompleted; attempt++)
        {
            await Task.Delay(1_000, stop.Token);
            difference = ReportComparison.Difference(ReportComparison.Json(await StoredReport.ReadAsync(store, catalog, stop.Token), withAlerts: false), replay);
        }

        var counters = await store.ReadCountersAsync(CancellationToken.None);
        await stop.CancelAsync();
        await running; // a worker that failed on its own throws here
        return (difference, replay, counters);
    }

    private static async Task<JsonNode> ReplayAsync(Core.Configuration.CampaignCatalog catalog, IEnumerable<StreamEvent> events, InMemoryStateStore store)
    {
        var file = new MemoryStream();
        foreach (var e in events)
        {
            file.Write(EventBuilder.Line(e));
            file.WriteByte((byte)'\n');
        }

        file.Position = 0;
        var outcome = await new Replayer(catalog, ProcessorOptions.Default, TimeProvider.System).RunAsync(file, null, CancellationToken.None, store);
        return ReportComparison.Json(outcome.Report, withAlerts: false);
    }
}
