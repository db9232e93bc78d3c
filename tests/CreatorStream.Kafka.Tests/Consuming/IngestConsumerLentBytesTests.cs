using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using CreatorStream.Kafka.Consuming;
using CreatorStream.Kafka.Embedded;
using CreatorStream.Processing.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Kafka.Tests.Consuming;

/// <summary>
/// A consumer that lends its batches' bytes (<see cref="IngestConsumerOptions.LendBytes"/>) delivers every key and value
/// as produced, batch after batch over reused chunks, and what a batch lent is written over once the next is collected.
/// Real broker, real Confluent.Kafka consumer.
/// </summary>
public sealed class IngestConsumerLentBytesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Batches_LendingBytes_DeliverEveryKeyAndValueAsProduced()
    {
        using var broker = EmbeddedBroker.Start();
        broker.CreateTopic(Topics.Impressions, 2);
        var random = new Random(3);
        var produced = new Dictionary<(int Partition, string Key), byte[]>();
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, LingerMs = 5 }).Build())
        {
            for (var i = 0; i < 4_000; i++)
            {
                var value = new byte[random.Next(1, 4_000)]; // about 8 MB: chunks filled and reused many times over
                random.NextBytes(value);
                var key = $"key-{i}";
                produced[(i % 2, key)] = value;
                producer.Produce(new TopicPartition(Topics.Impressions, i % 2), new Message<byte[], byte[]> { Key = System.Text.Encoding.UTF8.GetBytes(key), Value = value });
            }

            producer.Flush(Patience);
        }

        var consumer = new IngestConsumer(
            new KafkaClientSettings(broker.BootstrapServers),
            new IngestConsumerOptions { GroupId = "lent-" + Guid.NewGuid().ToString("N"), Topics = [Topics.Impressions], MaxBatchRecords = 300, ReuseBatchList = true, LendBytes = true },
            new InMemoryStateStore(),
            TimeProvider.System,
            NullLogger<IngestConsumer>.Instance);
        var read = new ConcurrentDictionary<(int Partition, string Key), byte[]>();
        var kept = new ConcurrentQueue<(ReadOnlyMemory<byte> Lent, byte[] Copy)>(); // a batch's first value, held past its OnNext against the contract
        var batches = 0;
        using var subscription = consumer.Batches().Subscribe(batch =>
        {
            foreach (var record in batch.Records)
            {
                read[(record.Source.Partition, System.Text.Encoding.UTF8.GetString(record.Key.Span))] = record.Value.ToArray();
            }

            if (batch.Records.Count > 0)
            {
                kept.Enqueue((batch.Records[0].Value, batch.Records[0].Value.ToArray()));
                Interlocked.Increment(ref batches);
            }

            consumer.Acknowledge(batch.Records.GroupBy(r => r.Source).ToDictionary(g => g.Key, g => g.Max(r => r.Offset) + 1));
        });
        var waited = Stopwatch.StartNew();
        while (read.Count < produced.Count && waited.Elapsed < Patience)
        {
            await Task.Delay(50);
        }

        Assert.Equal(produced.Count, read.Count);
        foreach (var (key, value) in produced)
        {
            Assert.True(read.TryGetValue(key, out var got) && value.AsSpan().SequenceEqual(got), $"{key} differs");
        }

        Assert.True(batches >= 10, $"{batches} batches: too few to reuse chunks");
        Assert.Contains(kept, k => !k.Lent.Span.SequenceEqual(k.Copy)); // lent, not owned: later batches wrote over earlier ones' bytes
    }

    [Fact]
    public void New_LendingBytesWithoutReusingTheBatchList_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new IngestConsumer(
            new KafkaClientSettings("127.0.0.1:1"),
            new IngestConsumerOptions { LendBytes = true },
            new InMemoryStateStore(),
            TimeProvider.System,
            NullLogger<IngestConsumer>.Instance));
        Assert.Contains("ReuseBatchList", e.Message);
    }
}
