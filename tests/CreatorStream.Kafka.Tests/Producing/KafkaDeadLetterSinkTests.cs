using System.Text;
using Confluent.Kafka;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;
using CreatorStream.Kafka.Embedded;
using CreatorStream.Kafka.Producing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Kafka.Tests.Producing;

public sealed class KafkaDeadLetterSinkTests
{
    [Fact]
    public async Task PublishAsync_RecordLargerThanTheProducerTakes_WritesItsFirstBytesWithTheOriginalSizesInsteadOfRetryingForever()
    {
        // Found by the Kafka fuzz test: a 1.2 MB record on an ingest topic was refused by the worker's producer
        // (message.max.bytes 1,000,000) on every retry, and its partition stalled for good.
        using var broker = EmbeddedBroker.Start();
        broker.CreateTopic(Topics.DeadLetters, 1);
        var kafka = new KafkaClientSettings(broker.BootstrapServers);
        using var producer = new ProducerBuilder<byte[], byte[]>(kafka.Producer("sink-test")).Build();
        var sink = new KafkaDeadLetterSink(producer, TimeProvider.System, NullLogger<KafkaDeadLetterSink>.Instance);
        var value = new byte[1_200_000];
        value.AsSpan().Fill((byte)'p');
        var record = new InboundRecord(new SourcePartition(Topics.Impressions, 3), 7, null, "user-1"u8.ToArray(), value);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await sink.PublishAsync([new DeadLetter(record, DeadLetterStage.Deserialize, DeadLetterReason.Oversize, "too big")], timeout.Token);

        using var consumer = new ConsumerBuilder<byte[], byte[]>(kafka.Consumer("sink-reader", "sink-test")).Build();
        consumer.Assign(new TopicPartitionOffset(Topics.DeadLetters, 0, Offset.Beginning));
        var letter = consumer.Consume(TimeSpan.FromSeconds(15))!.Message;
        Assert.Equal("user-1", Encoding.UTF8.GetString(letter.Key));
        Assert.Equal(KafkaDeadLetterSink.MaxRecordBytes - 6, letter.Value.Length);
        Assert.True(letter.Value.AsSpan().SequenceEqual(value.AsSpan(0, letter.Value.Length)));
        Assert.Equal("key_bytes=6,value_bytes=1200000", Encoding.UTF8.GetString(letter.Headers.GetLastBytes("cs.dlq.truncated")));
        Assert.Equal("OVERSIZE", Encoding.UTF8.GetString(letter.Headers.GetLastBytes("cs.dlq.reason")));
    }

    [Fact]
    public async Task PublishAsync_OneLetterRefused_RetriesItAloneAndWritesEachOtherOnce()
    {
        // A producer that takes messages of at most 2,000 bytes refuses the large letter on every try; the small ones are
        // written at the first, and a retry of the whole list wrote each of them again at every try.
        using var broker = EmbeddedBroker.Start();
        broker.CreateTopic(Topics.DeadLetters, 1);
        var kafka = new KafkaClientSettings(broker.BootstrapServers);
        var config = kafka.Producer("sink-test");
        config.MessageMaxBytes = 2_000;
        using var producer = new ProducerBuilder<byte[], byte[]>(config).Build();
        var sink = new KafkaDeadLetterSink(producer, TimeProvider.System, NullLogger<KafkaDeadLetterSink>.Instance);
        var letters = Enumerable.Range(0, 4)
            .Select(i => new DeadLetter(new InboundRecord(new SourcePartition(Topics.Conversions, 0), i, null, "u"u8.ToArray(), new byte[i == 2 ? 5_000 : 100]), DeadLetterStage.Process, DeadLetterReason.UnknownOrder, "refund of an order never seen"))
            .ToList();

        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2))) // the tries at 0, 0.1, 0.3, 0.7 and 1.5 s
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sink.PublishAsync(letters, stop.Token));
        }

        producer.Flush(TimeSpan.FromSeconds(15)); // what a slow machine still had queued at the stop lands before the topic is read

        var readerConfig = kafka.Consumer("sink-reader", "sink-test");
        readerConfig.EnablePartitionEof = true;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(readerConfig).Build();
        consumer.Assign(new TopicPartitionOffset(Topics.DeadLetters, 0, Offset.Beginning));
        var offsets = new List<string>();
        for (var polls = 0; polls < 50 && consumer.Consume(TimeSpan.FromSeconds(5)) is { IsPartitionEOF: false } result; polls++)
        {
            offsets.Add(Encoding.UTF8.GetString(result.Message.Headers.GetLastBytes("cs.dlq.offset")));
        }

        Assert.Equal(["0", "1", "3"], offsets.Order());
    }
}
