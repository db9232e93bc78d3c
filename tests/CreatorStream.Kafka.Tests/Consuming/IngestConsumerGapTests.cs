using System.Collections.Concurrent;
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
/// Records gone from a topic without holes before they were read are counted as skipped, not jumped over in silence: the
/// embedded broker keeps 5 MiB a partition, so a stage further behind than that loses records (found in session 13 when a
/// source stage sending ahead outran its brand stage). Real broker, real Confluent.Kafka consumer.
/// </summary>
public sealed class IngestConsumerGapTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly SourcePartition Partition = new(Topics.ByBrand, 0);

    [Theory]
    [InlineData(true, 1L)]
    [InlineData(false, 1L)]
    [InlineData(true, null)] // nothing stored: a topic without holes starts at 0
    public async Task Consume_TheStoredOffsetGoneFromTheLog_CountsTheSkippedRecordsWhenOffsetsAreContiguous(bool contiguous, long? stored)
    {
        using var broker = EmbeddedBroker.Start();
        broker.CreateTopic(Topics.ByBrand, 1);
        ProduceMebibytes(broker, 8); // past the broker's 5 MiB a partition: the oldest records are dropped
        var (low, high) = Watermarks(broker);
        Assert.True(low > 1, $"the log should have lost its first records (starts at {low})");

        // The store says the stage stands at offset 1 (or nowhere): records 1 (or 0) to low - 1 were never read and are gone.
        var store = new InMemoryStateStore();
        if (stored is { } next)
        {
            var delta = new StateDelta { Task = "brand-0" };
            delta.NextOffsets[Partition] = next;
            await store.CommitAsync(delta, CancellationToken.None);
        }

        var consumer = new IngestConsumer(
            new KafkaClientSettings(broker.BootstrapServers),
            new IngestConsumerOptions { GroupId = "gap-" + Guid.NewGuid().ToString("N"), Topics = [Topics.ByBrand], ContiguousOffsets = contiguous },
            store,
            TimeProvider.System,
            NullLogger<IngestConsumer>.Instance);
        var delivered = await ReadAsync(consumer, (int)(high - low));

        Assert.Equal(low, delivered.Min());
        Assert.Equal(contiguous ? low - (stored ?? 0) : 0, consumer.SkippedRecords);
    }

    private static void ProduceMebibytes(EmbeddedBroker broker, int mebibytes)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, LingerMs = 0 }).Build();
        var value = new byte[256 * 1024];
        for (var i = 0; i < mebibytes * 4; i++)
        {
            producer.Produce(new TopicPartition(Topics.ByBrand, 0), new Message<byte[], byte[]> { Value = value });
            producer.Flush(Patience); // one message set each, so the broker drops whole old ones
        }
    }

    private static (long Low, long High) Watermarks(EmbeddedBroker broker)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = broker.BootstrapServers, GroupId = "watermarks" }).Build();
        var offsets = consumer.QueryWatermarkOffsets(new TopicPartition(Topics.ByBrand, 0), Patience);
        return (offsets.Low.Value, offsets.High.Value);
    }

    /// <summary>Consumes (acknowledging each batch) until <paramref name="records"/> records came; their offsets.</summary>
    private static async Task<List<long>> ReadAsync(IngestConsumer consumer, int records)
    {
        var offsets = new ConcurrentQueue<long>();
        using var subscription = consumer.Batches().Subscribe(batch =>
        {
            foreach (var record in batch.Records)
            {
                offsets.Enqueue(record.Offset);
            }

            consumer.Acknowledge(batch.Records.GroupBy(r => r.Source).ToDictionary(g => g.Key, g => g.Max(r => r.Offset) + 1));
        });
        var waited = Stopwatch.StartNew();
        while (offsets.Count < records && waited.Elapsed < Patience)
        {
            await Task.Delay(50);
        }

        Assert.Equal(records, offsets.Count);
        return [.. offsets];
    }
}
