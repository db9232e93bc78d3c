using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Confluent.Kafka;
using CreatorStream.Kafka.Embedded;

namespace CreatorStream.Kafka.Tests;

/// <summary>
/// The embedded broker against real Confluent.Kafka 1.9.3 clients on Debian's librdkafka 2.0.2.
/// Each test starts its own broker (a few milliseconds) and uses a unique topic, so faults injected
/// by one test never reach another.
/// </summary>
public sealed class EmbeddedBrokerTests
{
    private const int Partitions = EmbeddedBroker.RecommendedPartitionCount;

    // Upper bound for any single wait on a client; far above what the mock needs (milliseconds), so
    // a hit means a hang, not slowness.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public void BootstrapServers_ThreeBrokers_ListsThreeDistinctLoopbackListeners()
    {
        using var broker = EmbeddedBroker.Start(brokers: 3);

        var endpoints = broker.BootstrapServers.Split(',').Select(IPEndPoint.Parse).ToList();

        Assert.Equal(3, endpoints.Count);
        Assert.All(endpoints, endpoint => Assert.Equal(IPAddress.Loopback, endpoint.Address));
        Assert.All(endpoints, endpoint => Assert.InRange(endpoint.Port, 1, 65535));
        Assert.Equal(3, endpoints.Select(endpoint => endpoint.Port).Distinct().Count());
        Assert.Equal(3, broker.BrokerCount);
    }

    [Fact]
    public void CreateTopic_SixteenPartitions_MetadataReportsSixteenPartitionsWithLeaders()
    {
        using var broker = EmbeddedBroker.Start(brokers: 2);
        var topic = UniqueTopic();

        broker.CreateTopic(topic, Partitions);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(topic, Patience).Topics.Single();
        Assert.Equal(ErrorCode.NoError, metadata.Error.Code);
        Assert.Equal(Enumerable.Range(0, Partitions), metadata.Partitions.Select(p => p.PartitionId).Order());
        Assert.All(metadata.Partitions, p => Assert.InRange(p.Leader, 1, 2));
    }

    [Fact]
    public void CreateTopic_ExistingTopic_ThrowsTopicAlreadyExists()
    {
        using var broker = EmbeddedBroker.Start();
        var topic = UniqueTopic();
        broker.CreateTopic(topic, Partitions);

        var error = Assert.Throws<KafkaException>(() => broker.CreateTopic(topic, Partitions));

        Assert.Equal(ErrorCode.TopicAlreadyExists, error.Error.Code);
        Assert.Contains(topic, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateTopic_ReplicationFactorAboveBrokerCount_ThrowsArgumentOutOfRange()
    {
        using var broker = EmbeddedBroker.Start(brokers: 2);

        Assert.Throws<ArgumentOutOfRangeException>(() => broker.CreateTopic(UniqueTopic(), Partitions, replicationFactor: 3));
    }

    [Fact]
    public void CreateTopics_TwoTopics_MetadataReportsBoth()
    {
        using var broker = EmbeddedBroker.Start();
        string[] topics = [UniqueTopic(), UniqueTopic()];

        broker.CreateTopics(topics, partitions: 4);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();
        var reported = admin.GetMetadata(Patience).Topics.Where(t => topics.Contains(t.Topic)).ToList();
        Assert.Equal(topics.Order(), reported.Select(t => t.Topic).Order());
        Assert.All(reported, t => Assert.Equal(4, t.Partitions.Count));
    }

    [Fact]
    public async Task ProduceAndConsume_TwoThousandKeyedMessages_ConsumerGroupReceivesExactlyThoseMessages()
    {
        using var broker = EmbeddedBroker.Start();
        var topic = UniqueTopic();
        broker.CreateTopic(topic, Partitions);

        // 500 keys, four values each: keys repeat, as user ids do on the ingest topics.
        var sent = Enumerable.Range(0, 2_000).Select(i => (Key: $"user-{i % 500:D3}", Value: $"event-{i:D4}")).ToList();
        using (var producer = new ProducerBuilder<string, string>(ProducerConfig(broker)).Build())
        {
            var deliveries = sent.Select(m => producer.ProduceAsync(topic, new Message<string, string> { Key = m.Key, Value = m.Value }));
            var results = await Task.WhenAll(deliveries).WaitAsync(Patience);

            Assert.All(results, r => Assert.Equal(PersistenceStatus.Persisted, r.Status));
            Assert.Equal(Partitions, results.Select(r => r.Partition.Value).Distinct().Count());
        }

        var consumerConfig = ConsumerConfig(broker, group: topic);
        using var consumer = new ConsumerBuilder<string, string>(consumerConfig).Build();
        consumer.Subscribe(topic);
        var received = new List<(string Key, string Value)>(sent.Count);
        var clock = Stopwatch.StartNew();
        while (received.Count < sent.Count && clock.Elapsed < Patience)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is not null)
            {
                received.Add((result.Message.Key, result.Message.Value));
            }
        }

        Assert.Equal(sent.Order(), received.Order());
        Assert.Equal(Partitions, consumer.Assignment.Count);

        // The log holds exactly what was sent (no retry wrote a duplicate), and the group's commit
        // covers all of it: the mock implements offset commits, not just fetches.
        consumer.Commit();
        var committed = consumer.Committed(consumer.Assignment, Patience);
        Assert.Equal(sent.Count, committed.Sum(c => c.Offset.Value));
        var highWatermarks = consumer.Assignment.Select(p => consumer.QueryWatermarkOffsets(p, Patience).High.Value);
        Assert.Equal(sent.Count, highWatermarks.Sum());
        consumer.Close();
    }

    [Fact]
    public async Task SetBrokerDown_WhileProducing_MessageTimesOutAndFreshProduceSucceedsAfterSetBrokerUp()
    {
        using var broker = EmbeddedBroker.Start();
        var topic = UniqueTopic();
        broker.CreateTopic(topic, Partitions);
        var partition = new TopicPartition(topic, new Partition(0));
        var clientErrors = new ConcurrentQueue<Error>();
        var config = ProducerConfig(broker);
        config.MessageTimeoutMs = 1_500;
        using var producer = new ProducerBuilder<string, string>(config)
            .SetErrorHandler((_, error) => clientErrors.Enqueue(error))
            .Build();
        var beforeOutage = await producer.ProduceAsync(partition, Message("before")).WaitAsync(Patience);

        broker.SetBrokerDown(1);
        var duringOutage = await Assert.ThrowsAsync<ProduceException<string, string>>(
            () => producer.ProduceAsync(partition, Message("during")).WaitAsync(Patience));
        broker.SetBrokerUp(1);
        var afterOutage = await ProduceUntilDeliveredAsync(producer, partition, Message("after"), attempts: 5);

        Assert.Equal(0, beforeOutage.Offset.Value);
        Assert.Equal(ErrorCode.Local_MsgTimedOut, duringOutage.Error.Code);
        Assert.Contains(clientErrors, e => e.Code is ErrorCode.Local_Transport or ErrorCode.Local_AllBrokersDown);

        // Offset 1, not 2: the message that timed out never reached the log.
        Assert.Equal(1, afterOutage.Offset.Value);
    }

    [Fact]
    public async Task PushRequestErrors_ThreeRetriableProduceErrors_MessageDeliveredOnceViaRetries()
    {
        using var broker = EmbeddedBroker.Start();
        var topic = UniqueTopic();
        broker.CreateTopic(topic, Partitions);
        var partition = new TopicPartition(topic, new Partition(0));

        broker.PushRequestErrors(
            KafkaApiKey.Produce, ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut, ErrorCode.NotEnoughReplicas);
        using var producer = new ProducerBuilder<string, string>(ProducerConfig(broker)).Build();
        var retried = await producer.ProduceAsync(partition, Message("retried")).WaitAsync(Patience);

        // A producer that may not retry succeeds at once: the three errors were used up by the
        // first message's attempts, so it was retried exactly three times.
        using var strictProducer = new ProducerBuilder<string, string>(WithoutRetries(ProducerConfig(broker))).Build();
        var next = await strictProducer.ProduceAsync(partition, Message("next")).WaitAsync(Patience);

        Assert.Equal(PersistenceStatus.Persisted, retried.Status);
        Assert.Equal(0, retried.Offset.Value);
        Assert.Equal(1, next.Offset.Value);
    }

    [Fact]
    public async Task PushRequestErrors_ProducerWithoutRetries_DeliveryFailsWithPushedError()
    {
        using var broker = EmbeddedBroker.Start();
        var topic = UniqueTopic();
        broker.CreateTopic(topic, Partitions);
        using var producer = new ProducerBuilder<string, string>(WithoutRetries(ProducerConfig(broker))).Build();

        broker.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.NotEnoughReplicas);
        var failure = await Assert.ThrowsAsync<ProduceException<string, string>>(
            () => producer.ProduceAsync(new TopicPartition(topic, new Partition(0)), Message("refused")).WaitAsync(Patience));

        Assert.Equal(ErrorCode.NotEnoughReplicas, failure.Error.Code);
    }

    [Fact]
    public async Task ClearRequestErrors_AfterPush_ProducerWithoutRetriesSucceeds()
    {
        using var broker = EmbeddedBroker.Start();
        var topic = UniqueTopic();
        broker.CreateTopic(topic, Partitions);
        using var producer = new ProducerBuilder<string, string>(WithoutRetries(ProducerConfig(broker))).Build();

        broker.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.NotEnoughReplicas, ErrorCode.NotEnoughReplicas);
        broker.ClearRequestErrors(KafkaApiKey.Produce);
        var delivered = await producer.ProduceAsync(new TopicPartition(topic, new Partition(0)), Message("clear")).WaitAsync(Patience);

        Assert.Equal(0, delivered.Offset.Value);
    }

    [Fact]
    public async Task SetBrokerRoundTripTime_300Milliseconds_DeliveryTakesAtLeast300Milliseconds()
    {
        using var broker = EmbeddedBroker.Start();
        var topic = UniqueTopic();
        broker.CreateTopic(topic, Partitions);
        var partition = new TopicPartition(topic, new Partition(0));
        using var producer = new ProducerBuilder<string, string>(ProducerConfig(broker)).Build();

        // Connect and fetch metadata first, so the timed delivery is one Produce round trip.
        await producer.ProduceAsync(partition, Message("warm-up")).WaitAsync(Patience);
        broker.SetBrokerRoundTripTime(1, 300);
        var clock = Stopwatch.StartNew();
        var delayed = await producer.ProduceAsync(partition, Message("delayed")).WaitAsync(Patience);
        var elapsed = clock.Elapsed;

        Assert.Equal(1, delayed.Offset.Value);
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(300), $"delivered after {elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void SetBrokerDown_UnknownBrokerId_ThrowsArgumentOutOfRange()
    {
        using var broker = EmbeddedBroker.Start(brokers: 2);

        Assert.Throws<ArgumentOutOfRangeException>(() => broker.SetBrokerDown(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => broker.SetBrokerDown(3));
    }

    [Fact]
    public void Dispose_CalledTwice_LaterCallsThrowObjectDisposed()
    {
        var broker = EmbeddedBroker.Start();

        broker.Dispose();
        broker.Dispose();

        Assert.Throws<ObjectDisposedException>(() => broker.CreateTopic(UniqueTopic(), Partitions));
        Assert.Throws<ObjectDisposedException>(() => broker.SetBrokerDown(1));
    }

    private static string UniqueTopic() => $"test.embedded-broker.{Guid.NewGuid():N}";

    private static Message<string, string> Message(string value) => new() { Key = "user-1", Value = value };

    private static ProducerConfig ProducerConfig(EmbeddedBroker broker) => new()
    {
        BootstrapServers = broker.BootstrapServers,

        // The batching docs/design.md, "Environment" recommends against the mock; lz4 works with Debian's librdkafka.
        LingerMs = 20,
        CompressionType = CompressionType.Lz4,

        // The recovery test waits for a reconnect, and librdkafka's backoff otherwise grows to 10 s.
        ReconnectBackoffMs = 50,
        ReconnectBackoffMaxMs = 250,
    };

    private static ProducerConfig WithoutRetries(ProducerConfig config)
    {
        config.MessageSendMaxRetries = 0;
        return config;
    }

    private static ConsumerConfig ConsumerConfig(EmbeddedBroker broker, string group) => new()
    {
        BootstrapServers = broker.BootstrapServers,
        GroupId = group,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,

        // docs/design.md, "Environment": 10 ms instead of librdkafka's 500 ms default keeps latency low on
        // the mock; 6 s moves a crashed member's partitions in about 11 s.
        FetchWaitMaxMs = 10,
        SessionTimeoutMs = 6_000,
    };

    // After an outage the producer reconnects on its own schedule; an attempt that times out is
    // retried with a fresh message, a bounded number of times, each bounded by message.timeout.ms.
    private static async Task<DeliveryResult<string, string>> ProduceUntilDeliveredAsync(
        IProducer<string, string> producer, TopicPartition partition, Message<string, string> message, int attempts)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await producer.ProduceAsync(partition, message).WaitAsync(Patience);
            }
            catch (ProduceException<string, string> e) when (e.Error.Code == ErrorCode.Local_MsgTimedOut && attempt < attempts)
            {
                // Still reconnecting: try again.
            }
        }
    }
}
