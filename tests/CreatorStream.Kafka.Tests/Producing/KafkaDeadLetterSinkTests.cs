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
}
