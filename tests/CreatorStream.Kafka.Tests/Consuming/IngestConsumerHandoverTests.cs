using System.Diagnostics;
using Confluent.Kafka;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Kafka.Consuming;
using CreatorStream.Kafka.Embedded;
using CreatorStream.Processing.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Kafka.Tests.Consuming;

/// <summary>
/// A partition taken over stands where the store says, and Kafka's group offset is brought there too, with no record
/// read: the source stage holds back on the brand group's offsets in Kafka, so a partition whose previous owner died
/// before Kafka heard of its last commits would otherwise hold the source stage until a record came, which the hold
/// itself keeps from coming (found in session 50: a scale-out test stalled with 70 frames unread by Kafka's count, all
/// of them committed in the store). Real broker, real Confluent.Kafka consumer.
/// </summary>
public sealed class IngestConsumerHandoverTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly SourcePartition Partition = new(Topics.ByBrand, 0);

    [Fact]
    public async Task Assigned_APartitionTheStoreIsAheadOfKafkaOn_CommitsTheStoredOffsetToTheGroupWithoutANewRecord()
    {
        using var broker = EmbeddedBroker.Start();
        broker.CreateTopic(Topics.ByBrand, 1);
        var settings = new KafkaClientSettings(broker.BootstrapServers);
        using (var producer = new ProducerBuilder<byte[], byte[]>(settings.Producer("handover-test")).Build())
        {
            for (var i = 0; i < 70; i++)
            {
                producer.Produce(new TopicPartition(Topics.ByBrand, 0), new Message<byte[], byte[]> { Value = [(byte)i] });
            }

            producer.Flush(Patience);
        }

        // The previous owner committed all 70 to the store, and Kafka never heard of it.
        var store = new InMemoryStateStore();
        var delta = new StateDelta { Task = "brand-0" };
        delta.NextOffsets[Partition] = 70;
        await store.CommitAsync(delta, CancellationToken.None);
        var group = "handover-" + Guid.NewGuid().ToString("N");
        var consumer = new IngestConsumer(
            settings,
            new IngestConsumerOptions { GroupId = group, Topics = [Topics.ByBrand], ContiguousOffsets = true, AutoCommitInterval = TimeSpan.FromMilliseconds(100) },
            store,
            TimeProvider.System,
            NullLogger<IngestConsumer>.Instance);
        var read = 0;
        using var subscription = consumer.Batches().Subscribe(batch =>
        {
            Interlocked.Add(ref read, batch.Records.Count);
            consumer.Acknowledge(new Dictionary<SourcePartition, long>()); // nothing to read: the batches are idle ticks
        });

        using var probe = new ConsumerBuilder<byte[], byte[]>(settings.Consumer(group, "handover-probe")).Build();
        var waited = Stopwatch.StartNew();
        long committed = -1;
        while (committed != 70 && waited.Elapsed < Patience)
        {
            await Task.Delay(200);
            committed = probe.Committed([new TopicPartition(Topics.ByBrand, 0)], Patience)[0].Offset.Value;
        }

        Assert.Equal(70, committed);
        Assert.Equal(0, Volatile.Read(ref read)); // nothing read: the offset came from the store
    }
}
