using Confluent.Kafka;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Composition;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Embedded;
using CreatorStream.Processing.State;
using CreatorStream.Simulation;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// Generated traffic through the real Kafka protocol (embedded broker, real Confluent client), the worker's Rx
/// pipeline and the state store; every count must equal the generator's ground truth exactly, and reach must be
/// within the HyperLogLog's error.
/// </summary>
public sealed class PipelineEndToEndTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Worker_GeneratedTrafficThroughTheBroker_MatchesGroundTruthExactly()
    {
        var generator = new TrafficGenerator(new GeneratorOptions
        {
            Seed = 11,
            StartMs = 1_767_225_600_000,
            MaxEvents = 30_000,
            EventsPerSecond = 300,
            DuplicateRate = 0.01,
            MalformedRate = 0.005,
            LateRate = 0,
        });
        var records = generator.Generate().ToList();
        var truth = new GroundTruth(records);
        var catalog = CampaignCatalog.From(generator.Campaigns);

        using var broker = EmbeddedBroker.Start();
        broker.CreateTopics(Topics.All, EmbeddedBroker.RecommendedPartitionCount);
        var kafka = new KafkaClientSettings(broker.BootstrapServers);
        IngestRecords.Publish(kafka, records, "integration-test");

        var store = new InMemoryStateStore();
        using var stop = new CancellationTokenSource(Deadline);
        var worker = new WorkerPipeline(kafka, catalog, ProcessorOptions.Default, store, null, TimeProvider.System, NullLoggerFactory.Instance);
        var running = Task.Run(() => worker.RunAsync(stop.Token));

        var counters = await IngestRecords.WaitUntilCommittedAsync(store, records.Count, TimeSpan.MaxValue, null, stop.Token); // until the deadline's token
        await stop.CancelAsync();
        await running;

        Assert.Equal(truth.Duplicates, counters.Duplicates);
        Assert.Equal(truth.Malformed, counters.DeadLetterTotal);
        Assert.Equal(truth.Audience.Count + truth.Conversions, counters.Events);
        foreach (var campaign in catalog.Campaigns)
        {
            var state = await store.ReadCampaignAsync(campaign.CampaignId, StateWindow.CampaignToDate, CancellationToken.None);
            var events = truth.Audience.Where(e => e.CampaignId == campaign.CampaignId).ToList();
            AssertMatches(GroundTruth.Count(events), state.Totals, campaign.CampaignId);
            foreach (var creator in events.GroupBy(e => e.CreatorId))
            {
                AssertMatches(GroundTruth.Count(creator), state.Creators[creator.Key], $"{campaign.CampaignId}/{creator.Key}");
            }

            foreach (var content in events.GroupBy(e => new ContentRef(e.CreatorId, e.ContentId, e.Platform)))
            {
                AssertMatches(GroundTruth.Count(content), state.Content[content.Key], $"{campaign.CampaignId}/{content.Key.ContentId}");
            }
        }

        Assert.Equal(truth.Malformed, CountDeadLetterTopic(kafka, truth.Malformed));
    }

    private static void AssertMatches((long Impressions, long Reach, long Likes, long Comments, long Shares, long Saves, long Clicks) expected, AggregateView actual, string scope)
    {
        var c = actual.Counters;
        Assert.True(
            (expected.Impressions, expected.Likes, expected.Comments, expected.Shares, expected.Saves, expected.Clicks) == (c.Impressions, c.Likes, c.Comments, c.Shares, c.Saves, c.Clicks),
            $"{scope}: expected {expected}, got ({c.Impressions}, {c.Likes}, {c.Comments}, {c.Shares}, {c.Saves}, {c.Clicks})");
        if (expected.Reach <= 1024)
        {
            Assert.True(expected.Reach == actual.Reach, $"{scope}: reach {actual.Reach}, exactly {expected.Reach} expected");
        }
        else
        {
            Assert.True(Math.Abs(actual.Reach - expected.Reach) <= 0.02 * expected.Reach, $"{scope}: reach {actual.Reach} vs {expected.Reach}");
        }
    }

    private static int CountDeadLetterTopic(KafkaClientSettings kafka, int expected)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(kafka.Consumer("dead-letter-reader-" + Guid.NewGuid(), "test")).Build();
        consumer.Subscribe(Topics.DeadLetters);
        var count = 0;
        var until = DateTime.UtcNow.AddSeconds(30);
        while (count < expected && DateTime.UtcNow < until)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } result)
            {
                continue;
            }

            var headers = result.Message.Headers.ToDictionary(h => h.Key, h => System.Text.Encoding.UTF8.GetString(h.GetValueBytes()));
            Assert.True(headers.ContainsKey("cs.dlq.reason") && headers.ContainsKey("cs.dlq.stage") && headers.ContainsKey("cs.dlq.offset"));
            count++;
        }

        // Anything beyond the expected count would be a double write: read briefly for strays.
        while (consumer.Consume(TimeSpan.FromMilliseconds(500)) is not null)
        {
            count++;
        }

        consumer.Close();
        return count;
    }
}
