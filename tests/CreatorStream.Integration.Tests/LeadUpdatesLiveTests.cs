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
/// docs/design.md, "Outcomes", leads: lead updates on their own topic (creatorstream.lead-updates) reach the brand task
/// that holds their leads through both stages and the broker, and the live store's report equals the replay report of
/// the same events, dead letters of an update of an order never seen and of a purchase included.
/// </summary>
public sealed class LeadUpdatesLiveTests
{
    [Fact]
    public async Task Worker_LeadUpdatesOnTheirTopic_ReportFromItsStoreEqualsTheReplayReport()
    {
        var (difference, replay, counters) = await RunAsync(LeadScenario.Events, Topics.All);

        Assert.True(difference is null, $"live and replay differ at {difference}");
        Assert.Equal(2.0, replay["campaigns"]!["spring"]!["totals"]!["won_leads"]!.GetValue<double>());
        Assert.Equal(1, counters.DeadLetters.GetValueOrDefault(DeadLetterReason.NotALead));
        Assert.Equal(1, counters.DeadLetters.GetValueOrDefault(DeadLetterReason.UnknownOrder));
    }

    /// <summary>A cluster set up before the lead-updates topic existed: the worker reads the other topics as before.</summary>
    [Fact]
    public async Task Worker_ClusterWithoutTheLeadUpdatesTopic_ReadsTheOtherTopics()
    {
        var events = LeadScenario.Events.Where(e => e is not LeadUpdate).ToList();

        var (difference, replay, _) = await RunAsync(events, [.. Topics.All.Where(t => t != Topics.LeadUpdates)]);

        Assert.True(difference is null, $"live and replay differ at {difference}");
        Assert.Equal(3.0, replay["campaigns"]!["spring"]!["totals"]!["leads"]!.GetValue<double>());
    }

    /// <summary>
    /// The events and a closing tick (so live event time passes them all) through the broker, with only
    /// <paramref name="topics"/> created, into a worker's memory store; returns where its report first differs from
    /// the replay report of the same events (null when equal), that report, and the store's counters.
    /// </summary>
    private static async Task<(string? Difference, JsonNode Replay, StreamCounters Counters)> RunAsync(IEnumerable<StreamEvent> scenario, IReadOnlyList<string> topics)
    {
        var catalog = TestCampaigns.Spring();
        var events = scenario.ToList();
        events.Add(EventBuilder.Impression("tick-user", events.Max(e => e.Ts) + ClosingTick.GapMs, creator: "anna", content: "post-1", id: "tick"));
        var replay = await ReplayAsync(catalog, events);

        using var broker = EmbeddedBroker.Start();
        broker.CreateTopics(topics, EmbeddedBroker.RecommendedPartitionCount);
        var kafka = new KafkaClientSettings(broker.BootstrapServers);
        using (var producer = new ProducerBuilder<byte[], byte[]>(kafka.Producer("lead-updates-test")).Build())
        using (var publisher = new EventPublisher(producer))
        {
            foreach (var e in events)
            {
                publisher.Publish(e.Type, e.UserId, EventWriter.ToUtf8(e, includeType: false));
            }

            Assert.True(publisher.Flush(TimeSpan.FromSeconds(30)));
        }

        var store = new InMemoryStateStore();
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

    private static async Task<JsonNode> ReplayAsync(Core.Configuration.CampaignCatalog catalog, IEnumerable<StreamEvent> events)
    {
        var file = new MemoryStream();
        foreach (var e in events)
        {
            file.Write(EventBuilder.Line(e));
            file.WriteByte((byte)'\n');
        }

        file.Position = 0;
        var outcome = await new Replayer(catalog, ProcessorOptions.Default, TimeProvider.System).RunAsync(file, null, CancellationToken.None);
        return ReportComparison.Json(outcome.Report, withAlerts: false);
    }
}
