using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using CreatorStream.Core.Streaming;
using CreatorStream.Kafka.Consuming;
using CreatorStream.Kafka.Embedded;

namespace CreatorStream.Kafka.Tests.Consuming;

/// <summary>
/// Polling librdkafka directly (<see cref="NativePoll"/>) reads what Confluent.Kafka's <c>Consume</c> reads, message for
/// message and field for field, throws what a rebalance handler threw as <c>Consume</c> does, and makes no object per
/// message. Real embedded broker, real Confluent.Kafka 1.9.3 consumers; the oracle is the client's own <c>Consume</c>.
/// </summary>
public sealed class NativePollTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const string Unmapped = "not-an-ingest-topic";

    private sealed record Read(string Topic, int Partition, long Offset, string Key, string Value, long? WrittenAtMs);

    [Fact]
    public void Next_EveryMessageOfSeveralTopics_ReadAsConsumeReadsIt()
    {
        using var broker = EmbeddedBroker.Start();
        broker.CreateTopics([Topics.Impressions, Topics.Clicks, Unmapped], 2);
        var random = new Random(19);
        var produced = 0;
        using (var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, LingerMs = 5 }).Build())
        {
            foreach (var topic in new[] { Topics.Impressions, Topics.Clicks, Unmapped })
            {
                for (var i = 0; i < 600; i++)
                {
                    var value = i % 50 == 7 ? null : RandomText(random, random.Next(0, i % 3 == 0 ? 3_000 : 200)); // some null, some empty
                    var key = i % 40 == 3 ? null : Encoding.UTF8.GetBytes($"{topic}-{i}");
                    var message = new Message<byte[]?, byte[]?> { Key = key, Value = value, Timestamp = new Timestamp(1_700_000_000_000 + (i * 37), TimestampType.CreateTime) };
                    producer.Produce(new TopicPartition(topic, i % 2), message);
                    produced++;
                }
            }

            producer.Flush(Patience);
        }

        var oracle = ReadThroughConsume(broker, produced);
        var bytes = RecordBytes.Lend();
        using var consumer = NewConsumer(broker, bytes, 2, Topics.Impressions, Topics.Clicks, Unmapped);
        var poll = NativePoll.For(consumer, bytes, onlyTopic: null);
        Assert.NotNull(poll); // the client this build pins is polled directly, so this test and the pipeline run the direct path
        var read = new List<Read>();
        var (messages, ends) = (0, 0);
        var waited = Stopwatch.StartNew();
        while ((messages < produced - 600 || ends < 600) && waited.Elapsed < Patience) // the unmapped topic's 600 come back as no record
        {
            bytes.Reclaim(); // every message is copied before the next poll: chunks are written over again and again
            if (!poll.Next(TimeSpan.FromMilliseconds(100), out var record))
            {
                continue;
            }

            if (record is { } r)
            {
                read.Add(new Read(r.Source.Topic, r.Source.Partition, r.Offset, Encoding.UTF8.GetString(r.Key.Span), Encoding.UTF8.GetString(r.Value.Span), r.WrittenAtMs));
                messages++;
            }
            else
            {
                ends++;
            }
        }

        Assert.Equal(produced - 600, read.Count);
        Assert.Equal(oracle.Where(o => o.Topic != Unmapped), Order(read));
        Assert.True(ends >= 600, $"{ends} polls without a record: the unmapped topic's messages and the partitions' ends");
        Assert.All(read, r => Assert.Same(r.Topic == Topics.Clicks ? Topics.Clicks : Topics.Impressions, r.Topic)); // interned, as TopicTypes gives them
    }

    [Fact]
    public void Next_AfterARebalanceHandlerThrew_ThrowsItOnce()
    {
        using var broker = EmbeddedBroker.Start();
        broker.CreateTopic(Topics.Impressions, 1);
        var bytes = RecordBytes.Lend();
        var assignments = 0;
        using var consumer = new ConsumerBuilder<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>(Config(broker))
            .SetKeyDeserializer(bytes)
            .SetValueDeserializer(bytes)
            .SetPartitionsAssignedHandler((_, partitions) => Interlocked.Increment(ref assignments) == 1
                ? throw new InvalidOperationException("the handler failed") // the first time only: thrown once, the next poll goes on
                : partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset)))
            .Build();
        var poll = NativePoll.For(consumer, bytes, Topics.Impressions)!;
        consumer.Subscribe(Topics.Impressions);
        InvalidOperationException? thrown = null;
        var waited = Stopwatch.StartNew();
        while (thrown is null && waited.Elapsed < Patience)
        {
            try
            {
                poll.Next(TimeSpan.FromMilliseconds(100), out _);
            }
            catch (InvalidOperationException e)
            {
                thrown = e;
            }
        }

        Assert.Equal("the handler failed", thrown?.Message);
        poll.Next(TimeSpan.FromMilliseconds(200), out _); // thrown once: the next poll goes on
    }

    [Fact]
    public void Next_ManyMessagesLent_AllocatesNoObjectPerMessage()
    {
        using var broker = EmbeddedBroker.Start();
        broker.CreateTopic(Topics.Impressions, 1);
        const int Messages = 6_000;
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, LingerMs = 5 }).Build())
        {
            var value = new byte[300];
            for (var i = 0; i < Messages; i++)
            {
                producer.Produce(Topics.Impressions, new Message<byte[], byte[]> { Key = BitConverter.GetBytes(i), Value = value });
            }

            producer.Flush(Patience);
        }

        var bytes = RecordBytes.Lend();
        using var consumer = NewConsumer(broker, bytes, 1, Topics.Impressions);
        var poll = NativePoll.For(consumer, bytes, onlyTopic: null)!;
        var (read, misread) = (0, 0);
        long allocated = 0;
        var waited = Stopwatch.StartNew();
        while (read < Messages && waited.Elapsed < Patience)
        {
            if (read == 1_000)
            {
                allocated = -GC.GetAllocatedBytesForCurrentThread(); // warmed up: the topic's name is kept, chunks made
            }

            if (read % 200 == 0)
            {
                bytes.Reclaim();
            }

            if (poll.Next(TimeSpan.FromMilliseconds(100), out var record) && record is { } r)
            {
                misread += BitConverter.ToInt32(r.Key.Span) == read ? 0 : 1; // counted, not asserted: an assertion allocates
                read++;
            }
        }

        allocated += GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(Messages, read);
        Assert.Equal(0, misread);

        // Consume made five objects a message, about 250 bytes; a direct poll makes none (the bound leaves room for the
        // odd object librdkafka's callbacks make on this thread, not one a message).
        Assert.True(allocated < 4 * (Messages - 1_000), $"{allocated:N0} bytes allocated over {Messages - 1_000:N0} messages");
    }

    [Fact]
    public void Next_AnErrorOfTheConsumerAsAWhole_ThrowsItNotFatal()
    {
        // Past max.poll.interval.ms without a poll, librdkafka queues an error that names no topic (a null topic
        // handle): thrown as Consume throws it, not read through.
        using var broker = EmbeddedBroker.Start();
        broker.CreateTopic(Topics.Impressions, 1);
        var bytes = RecordBytes.Lend();
        var assigned = 0;
        var config = Config(broker);
        config.MaxPollIntervalMs = config.SessionTimeoutMs; // the least librdkafka allows (6 s here)
        using var consumer = new ConsumerBuilder<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>(config)
            .SetKeyDeserializer(bytes)
            .SetValueDeserializer(bytes)
            .SetPartitionsAssignedHandler((_, partitions) =>
            {
                Interlocked.Increment(ref assigned);
                return partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset));
            })
            .Build();
        var poll = NativePoll.For(consumer, bytes, onlyTopic: null)!; // four topics' consumer: it names each message's topic
        consumer.Subscribe(Topics.Impressions);
        var waited = Stopwatch.StartNew();
        while (assigned == 0 && waited.Elapsed < Patience)
        {
            poll.Next(TimeSpan.FromMilliseconds(100), out _);
        }

        Assert.Equal(1, assigned);
        Thread.Sleep(config.SessionTimeoutMs!.Value + 1_500); // no poll for longer than the interval
        ConsumeException? thrown = null;
        waited.Restart();
        while (thrown is null && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                poll.Next(TimeSpan.FromMilliseconds(100), out _);
            }
            catch (ConsumeException e)
            {
                thrown = e;
            }
        }

        Assert.NotNull(thrown);
        Assert.Equal(ErrorCode.Local_MaxPollExceeded, thrown.Error.Code);
        Assert.False(thrown.Error.IsFatal);
        Assert.Null(thrown.ConsumerRecord.Topic);
    }

    /// <summary>
    /// The oracle is Confluent.Kafka's own <c>StoreOffset</c>, one partition at a time: the same offsets committed, the
    /// same partition (one not assigned) refused, the others stored all the same.
    /// </summary>
    [Fact]
    public void StoreOffsets_SeveralTopicsAndOneNotAssigned_CommitsWhatStoreOffsetCommits()
    {
        using var broker = EmbeddedBroker.Start();
        broker.CreateTopics([Topics.Impressions, Topics.Clicks], 3);
        var assigned = new[] { (Topics.Impressions, 0, 17L), (Topics.Impressions, 2, 5L), (Topics.Clicks, 1, 123_456L) };
        var notAssigned = (Topics.Clicks, 2, 9L);

        var bytes = RecordBytes.Lend();
        using var native = NewGroupConsumer(broker, bytes);
        var poll = NativePoll.For(native, bytes, onlyTopic: null)!;
        var refused = new List<(SourcePartition, string)>();
        var offsets = assigned.Append(notAssigned).ToDictionary(o => new SourcePartition(o.Item1, o.Item2), o => o.Item3);
        poll.StoreOffsets(offsets, (partition, reason) => refused.Add((partition, reason)));
        var nativeCommitted = CommitAndRead(native);

        using var oracle = NewGroupConsumer(broker, RecordBytes.Lend());
        var oracleRefused = new List<SourcePartition>();
        foreach (var (topic, partition, next) in assigned.Append(notAssigned))
        {
            try
            {
                oracle.StoreOffset(new TopicPartitionOffset(topic, partition, next));
            }
            catch (KafkaException)
            {
                oracleRefused.Add(new SourcePartition(topic, partition));
            }
        }

        var oracleCommitted = CommitAndRead(oracle);

        Assert.Equal([new SourcePartition(notAssigned.Item1, notAssigned.Item2)], oracleRefused); // the oracle refuses it too
        Assert.Equal(oracleRefused, refused.Select(r => r.Item1));
        Assert.False(string.IsNullOrWhiteSpace(refused[0].Item2));
        Assert.Same(Topics.Clicks, refused[0].Item1.Topic); // interned, as the pipeline's partitions are
        Assert.Equal(assigned.OrderBy(a => a.Item1, StringComparer.Ordinal).ThenBy(a => a.Item2), oracleCommitted);
        Assert.Equal(oracleCommitted, nativeCommitted);
    }

    /// <summary>
    /// A consumer that stores its offsets itself (<c>enable.auto.offset.store</c>) refuses every offset stored by hand,
    /// and librdkafka marks none of them: each is reported refused, as <c>StoreOffset</c> throws for each.
    /// </summary>
    [Fact]
    public void StoreOffsets_AConsumerStoringItsOwn_RefusesEveryOneAsStoreOffsetDoes()
    {
        using var broker = EmbeddedBroker.Start();
        broker.CreateTopics([Topics.Impressions, Topics.Clicks], 3);
        var offsets = new Dictionary<SourcePartition, long> { [new(Topics.Impressions, 0)] = 4, [new(Topics.Clicks, 1)] = 8 };

        var bytes = RecordBytes.Lend();
        using var native = NewGroupConsumer(broker, bytes, autoStore: true);
        var refused = new List<SourcePartition>();
        NativePoll.For(native, bytes, onlyTopic: null)!.StoreOffsets(offsets, (partition, _) => refused.Add(partition));

        using var oracle = NewGroupConsumer(broker, RecordBytes.Lend(), autoStore: true);
        var thrown = offsets.Keys.Count(p =>
        {
            try
            {
                oracle.StoreOffset(new TopicPartitionOffset(p.Topic, p.Partition, offsets[p]));
                return false;
            }
            catch (KafkaException)
            {
                return true;
            }
        });

        Assert.Equal(2, thrown);
        Assert.Equal(offsets.Keys, refused);
    }

    // A consumer of its own group with three partitions assigned (Impressions 0 and 2, Clicks 1), storing offsets by hand.
    private static IConsumer<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>> NewGroupConsumer(EmbeddedBroker broker, RecordBytes bytes, bool autoStore = false)
    {
        var config = Config(broker);
        config.EnableAutoOffsetStore = autoStore;
        var consumer = new ConsumerBuilder<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>(config).SetKeyDeserializer(bytes).SetValueDeserializer(bytes).Build();
        consumer.Assign([new TopicPartition(Topics.Impressions, 0), new TopicPartition(Topics.Impressions, 2), new TopicPartition(Topics.Clicks, 1)]);
        return consumer;
    }

    // Commits the stored offsets and reads back what the group holds for the assigned partitions, by topic and partition.
    private static List<(string, int, long)> CommitAndRead(IConsumer<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>> consumer)
    {
        consumer.Commit();
        return [.. consumer.Committed(Patience).Select(c => (c.Topic, c.Partition.Value, c.Offset.Value)).OrderBy(c => c.Topic, StringComparer.Ordinal).ThenBy(c => c.Item2)];
    }

    [Fact]
    public void NextAndStoreOffsets_OnAClosedConsumer_AreRefused()
    {
        using var broker = EmbeddedBroker.Start();
        var bytes = RecordBytes.Lend();
        var consumer = NewConsumer(broker, bytes, 0);
        var poll = NativePoll.For(consumer, bytes, onlyTopic: null)!;
        consumer.Close();
        consumer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => poll.Next(TimeSpan.Zero, out _));
        Assert.Throws<ObjectDisposedException>(() => poll.StoreOffsets(new Dictionary<SourcePartition, long> { [new(Topics.Clicks, 0)] = 1 }, (_, _) => { }));
    }

    private static List<Read> ReadThroughConsume(EmbeddedBroker broker, int produced)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(Config(broker)).Build();
        consumer.Assign(Partitions(2, Topics.Impressions, Topics.Clicks, Unmapped));
        var read = new List<Read>();
        var waited = Stopwatch.StartNew();
        while (read.Count < produced && waited.Elapsed < Patience)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } result)
            {
                var timestamp = result.Message.Timestamp;
                read.Add(new Read(
                    result.Topic,
                    result.Partition.Value,
                    result.Offset.Value,
                    Encoding.UTF8.GetString(result.Message.Key ?? []),
                    Encoding.UTF8.GetString(result.Message.Value ?? []),
                    timestamp.Type == TimestampType.NotAvailable ? null : timestamp.UnixTimestampMs));
            }
        }

        Assert.Equal(produced, read.Count);
        return Order(read);
    }

    private static List<Read> Order(IEnumerable<Read> read) => [.. read.OrderBy(r => r.Topic, StringComparer.Ordinal).ThenBy(r => r.Partition).ThenBy(r => r.Offset)];

    private static IConsumer<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>> NewConsumer(EmbeddedBroker broker, RecordBytes bytes, int partitions, params string[] topics)
    {
        var consumer = new ConsumerBuilder<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>(Config(broker)).SetKeyDeserializer(bytes).SetValueDeserializer(bytes).Build();
        consumer.Assign(Partitions(partitions, topics));
        return consumer;
    }

    private static List<TopicPartitionOffset> Partitions(int partitions, params string[] topics) =>
        [.. from topic in topics from partition in Enumerable.Range(0, partitions) select new TopicPartitionOffset(topic, partition, Offset.Beginning)];

    private static ConsumerConfig Config(EmbeddedBroker broker) => new()
    {
        BootstrapServers = broker.BootstrapServers,
        GroupId = "native-poll-" + Guid.NewGuid().ToString("N"),
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnablePartitionEof = true,
        EnableAutoCommit = false,
        SessionTimeoutMs = 6000,
        TopicMetadataRefreshIntervalMs = 1000,
    };

    private static byte[] RandomText(Random random, int length)
    {
        var text = new byte[length];
        for (var i = 0; i < length; i++)
        {
            text[i] = (byte)random.Next('a', 'z' + 1);
        }

        return text;
    }
}
