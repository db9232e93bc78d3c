using Confluent.Kafka;

namespace CreatorStream.Kafka.Consuming;

/// <summary>
/// Everything a topic holds, read with the real client from the beginning of each partition to its end: how the
/// collector's bench and the integration tests check what was written against what was acknowledged.
/// </summary>
public static class TopicContents
{
    /// <summary>The records, all in memory (small topics: tests).</summary>
    public static IReadOnlyList<ConsumeResult<byte[], byte[]>> Read(KafkaClientSettings kafka, string topic, int partitions, TimeSpan timeout) =>
        [.. Each(kafka, topic, partitions, timeout)];

    /// <summary>The records one at a time, as they are read (large topics: benches).</summary>
    /// <exception cref="TimeoutException">Not every partition was read to its end within <paramref name="timeout"/>.</exception>
    public static IEnumerable<ConsumeResult<byte[], byte[]>> Each(KafkaClientSettings kafka, string topic, int partitions, TimeSpan timeout)
    {
        var config = kafka.Consumer("topic-contents-" + Guid.NewGuid().ToString("N"), "topic-contents");
        config.EnablePartitionEof = true;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
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
                yield return result;
            }
        }
    }
}
