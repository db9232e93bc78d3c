using Confluent.Kafka;
using CreatorStream.Core.Events;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Producing;
using CreatorStream.Simulation;

namespace CreatorStream.Integration.Tests;

/// <summary>Generated records put on their ingest topics the way a client of the service would, for the tests that run a worker on them.</summary>
internal static class IngestRecords
{
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
}
