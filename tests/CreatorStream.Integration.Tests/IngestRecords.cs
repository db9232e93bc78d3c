using Confluent.Kafka;
using CreatorStream.Core.Events;
using CreatorStream.Core.State;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Producing;
using CreatorStream.Simulation;

namespace CreatorStream.Integration.Tests;

/// <summary>Generated records put on their ingest topics the way a client of the service would, and waited for in the store, for the tests that run a worker on them.</summary>
internal static class IngestRecords
{
    /// <summary>
    /// Generated traffic from 2026-01-01 with no duplicates, malformed records or late events, so every typed record counts
    /// once, and its campaigns.
    /// </summary>
    public static (List<GeneratedRecord> Records, Core.Configuration.CampaignCatalog Catalog) CleanTraffic(int seed, long events, double eventsPerSecond)
    {
        var generator = new TrafficGenerator(new GeneratorOptions
        {
            Seed = seed,
            StartMs = 1_767_225_600_000,
            MaxEvents = events,
            EventsPerSecond = eventsPerSecond,
            DuplicateRate = 0,
            MalformedRate = 0,
            LateRate = 0,
        });
        return (generator.Generate().ToList(), Core.Configuration.CampaignCatalog.From(generator.Campaigns));
    }

    /// <summary>An embedded broker with every topic, the brand topic in <paramref name="brandPartitions"/> partitions.</summary>
    public static Kafka.Embedded.EmbeddedBroker Broker(int brandPartitions)
    {
        var broker = Kafka.Embedded.EmbeddedBroker.Start();
        broker.CreateTopics(Topics.All.Where(t => t != Topics.ByBrand), Kafka.Embedded.EmbeddedBroker.RecommendedPartitionCount);
        broker.CreateTopic(Topics.ByBrand, brandPartitions);
        return broker;
    }

    /// <summary>Publishes <paramref name="records"/> (a record with no type as an impression: its bytes are what matter) and waits until the broker holds every one.</summary>
    public static void Publish(KafkaClientSettings kafka, IEnumerable<GeneratedRecord> records, string clientId)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(kafka.Producer(clientId)).Build();
        using var publisher = new EventPublisher(producer);
        var published = 0;
        foreach (var record in records)
        {
            publisher.Publish(record.Type ?? EventType.Impression, record.Key, record.Value);
            published++;
        }

        Assert.True(publisher.Flush(TimeSpan.FromSeconds(30)), "not every record was delivered to the broker");
        Assert.Equal(published, publisher.Delivered);
    }

    /// <summary>
    /// Polls <paramref name="store"/> every 100 ms until it has committed <paramref name="records"/> records (counted,
    /// duplicate or dead-lettered alike), <paramref name="within"/> has passed, or <paramref name="stopped"/> says the
    /// worker ended: the counters as they then stand, for the test to judge.
    /// </summary>
    public static async Task<StreamCounters> WaitUntilCommittedAsync(IStateStore store, long records, TimeSpan within, Func<bool>? stopped, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var counters = await store.ReadCountersAsync(cancellationToken);
            if (counters.Events + counters.Duplicates + counters.DeadLetterTotal >= records || waited.Elapsed >= within || stopped?.Invoke() == true)
            {
                return counters;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
