using System.Text;
using Confluent.Kafka;
using CreatorStream.Kafka.Embedded;
using CreatorStream.Testing;

namespace CreatorStream.Kafka.Tests;

/// <summary>
/// Records from a producer that is not ours (kcat) on the embedded broker, read back with Confluent.Kafka: the same key
/// lands in a different partition under the Java client's partitioner (murmur2) than under librdkafka's default (CRC32),
/// so per-key order and co-location hold only among producers that share a partitioner.
/// </summary>
public sealed class KcatPartitionerTests
{
    private const int Partitions = 24; // as `creatorstream broker --partitions 24`

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    // Where kcat 1.7.1 (librdkafka 2.0.2) put these keys over 24 partitions, seen by hand with `kcat -C -f '%p %k'`.
    private static readonly (string Key, int Murmur2, int Default)[] SeenByHand =
    [
        ("key-1", 0, 2), ("key-2", 14, 0), ("key-3", 11, 14), ("key-4", 9, 13),
        ("key-5", 8, 3), ("key-6", 20, 17), ("key-7", 19, 23), ("key-8", 19, 6),
    ];

    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    public void JavaMurmur2_KafkaUtilsTestVectors_SameHashes(string data, int expected) =>
        Assert.Equal(expected, JavaMurmur2.Hash(Encoding.ASCII.GetBytes(data))); // the vectors of Kafka's UtilsTest.testMurmur2

    [Fact]
    public void Crc32_CheckValue_IsCbf43926() => Assert.Equal(0xCBF43926u, Crc32.Hash("123456789"u8)); // the catalogued check value

    [Fact]
    public async Task ProduceAsync_SameKeysUnderMurmur2RandomAndTheDefault_LandInDifferentPartitions()
    {
        using var broker = EmbeddedBroker.Start();
        string java = UniqueTopic(), librdkafka = UniqueTopic();
        broker.CreateTopics([java, librdkafka], Partitions);
        var keys = SeenByHand.Select(seen => seen.Key).Concat(Enumerable.Range(1, 92).Select(i => $"creator-{i}")).ToList();

        await Kcat.ProduceAsync(broker.BootstrapServers, keys.Select(key => new KcatRecord(java, key, $"value of {key}")), partitioner: "murmur2_random");
        await Kcat.ProduceAsync(broker.BootstrapServers, keys.Select(key => new KcatRecord(librdkafka, key, $"value of {key}")));
        var javaPlacement = ReadPlacement(broker, java, keys.Count);
        var defaultPlacement = ReadPlacement(broker, librdkafka, keys.Count);

        Assert.All(SeenByHand, seen => Assert.Equal((seen.Murmur2, seen.Default), (javaPlacement[seen.Key], defaultPlacement[seen.Key])));
        Assert.Equal(keys.ToDictionary(key => key, key => JavaMurmur2.Partition(Encoding.UTF8.GetBytes(key), Partitions)), javaPlacement);
        Assert.Equal(keys.ToDictionary(key => key, key => Crc32.Partition(Encoding.UTF8.GetBytes(key), Partitions)), defaultPlacement);

        // Two unrelated hashes agree on a key's partition about once in 24: for 5 of these 100 keys (counted apart, with
        // Python's zlib.crc32 and a Python murmur2).
        Assert.Equal(5, keys.Count(key => javaPlacement[key] == defaultPlacement[key]));
    }

    [Fact]
    public async Task ProduceAsync_UnkeyedWithoutStickiness_SpreadOverThePartitions()
    {
        using var broker = EmbeddedBroker.Start();
        var topic = UniqueTopic();
        broker.CreateTopic(topic, Partitions);

        // By default librdkafka's sticky partitioner sends every unkeyed record of a 10 ms window to one partition, so a
        // burst from a file can land on one or a few; with the window at 0 each record draws its own partition.
        await Kcat.ProduceAsync(
            broker.BootstrapServers,
            Enumerable.Range(1, 240).Select(i => new KcatRecord(topic, null, $"unkeyed-{i}")),
            settings: new Dictionary<string, string> { ["sticky.partitioning.linger.ms"] = "0" });
        var placement = ReadPlacement(broker, topic, 240);

        Assert.Equal(Enumerable.Range(1, 240).Select(i => $"unkeyed-{i}").Order(StringComparer.Ordinal), placement.Keys.Order(StringComparer.Ordinal));
        // 240 fair draws leave some partition empty about once in a thousand runs; fewer than 12 used would be no draw at all.
        Assert.InRange(placement.Values.Distinct().Count(), 12, Partitions);
    }

    [Fact]
    public async Task ProduceAsync_KcatNotReachingTheBroker_ThrowsWithKcatsError()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Kcat.ProduceAsync("127.0.0.1:1", [new KcatRecord(UniqueTopic(), "k", "v")], timeout: TimeSpan.FromSeconds(10)));

        Assert.Contains("exited with code 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("All broker connections are down", error.Message, StringComparison.Ordinal);
    }

    // Each record's key (or, with no key, its value) and the partition it was read from, read from the start of every
    // partition by assignment (no group join, which would take seconds on the mock).
    private static Dictionary<string, int> ReadPlacement(EmbeddedBroker broker, string topic, int count)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            GroupId = topic, // required by the client even when nothing is committed
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        using var consumer = new ConsumerBuilder<string?, string>(config).Build();
        consumer.Assign(Enumerable.Range(0, Partitions).Select(partition => new TopicPartitionOffset(topic, partition, Offset.Beginning)));
        var placement = new Dictionary<string, int>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + Patience;
        while (placement.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
            {
                placement.Add(result.Message.Key ?? result.Message.Value, result.Partition.Value);
            }
        }

        consumer.Close();
        Assert.Equal(count, placement.Count);
        return placement;
    }

    private static string UniqueTopic() => $"test.kcat.{Guid.NewGuid():N}";
}
