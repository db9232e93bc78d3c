using Confluent.Kafka;
using CreatorStream.Kafka;

namespace CreatorStream.Integration.Tests;

/// <summary>Everything a topic holds, read from the beginning of each partition to its end with the real client.</summary>
public static class TopicContents
{
    public static IReadOnlyList<ConsumeResult<byte[], byte[]>> Read(KafkaClientSettings kafka, string topic, int partitions, TimeSpan timeout)
    {
        var config = kafka.Consumer("topic-contents-" + Guid.NewGuid().ToString("N"), "topic-contents");
        config.EnablePartitionEof = true;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<ConsumeResult<byte[], byte[]>>();
        var ended = new HashSet<int>();
        var deadline = DateTime.UtcNow + timeout;
        while (ended.Count < partitions)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{topic}: {ended.Count} of {partitions} partitions read to their end in {timeout}");
            }

            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } result)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                ended.Add(result.Partition.Value);
            }
            else
            {
                records.Add(result);
            }
        }

        return records;
    }
}
