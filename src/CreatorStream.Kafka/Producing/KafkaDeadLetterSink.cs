using System.Globalization;
using System.Text;
using Confluent.Kafka;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;
using CreatorStream.Kafka.Telemetry;
using CreatorStream.Processing.Pipeline;
using Microsoft.Extensions.Logging;

namespace CreatorStream.Kafka.Producing;

/// <summary>
/// Writes rejected records to <c>creatorstream.dead-letters</c> (docs/design.md, "Events"): original key and value bytes
/// verbatim, and the <c>cs.dlq.*</c> headers saying where the record came from and why it was rejected.
/// A failed write is retried with backoff until it succeeds or the worker stops; the batch's offsets are not
/// committed meanwhile, so a record is delayed, never lost. Thread-safe.
/// </summary>
public sealed class KafkaDeadLetterSink(IProducer<byte[], byte[]> producer, TimeProvider clock, ILogger<KafkaDeadLetterSink> logger) : IDeadLetterSink
{
    /// <summary>Longest <c>cs.dlq.message</c>, in characters: enough to act on, small enough for a header.</summary>
    public const int MaxMessageLength = 512;

    /// <summary>
    /// Most key and value bytes one dead letter carries: under librdkafka's default <c>message.max.bytes</c> (1,000,000)
    /// and Kafka's default <c>max.message.bytes</c> (1 MiB), with room for the headers. A bigger record (an ingest topic
    /// may allow larger messages than this producer or the dead-letter topic) would be refused on every retry and stall its
    /// partition for good, as the Kafka fuzz test found; it is written cut to this size, with <c>cs.dlq.truncated</c>.
    /// </summary>
    public const int MaxRecordBytes = 900_000;

    public async Task PublishAsync(IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        var pending = deadLetters;
        while (true)
        {
            var writes = pending.Select(letter => producer.ProduceAsync(Topics.DeadLetters, ToMessage(letter), cancellationToken)).ToArray(); // a refusal faults its task

            try
            {
                await Task.WhenAll(writes);
                KafkaInstruments.CountDeadLetters(deadLetters);
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (!cancellationToken.IsCancellationRequested)
            {
                // Only the letters not written go again: the others are in the topic, and sending them again would write
                // each a second time.
                pending = [.. pending.Where((_, i) => !writes[i].IsCompletedSuccessfully)];
                logger.LogWarning("{Count} dead letters not written ({Reason}); retrying in {Backoff}", pending.Count, e.Error.Reason, backoff);
                await Task.Delay(backoff, clock, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private Message<byte[], byte[]> ToMessage(DeadLetter letter)
    {
        var record = letter.Record;
        var message = letter.Message.Length > MaxMessageLength ? letter.Message[..MaxMessageLength] : letter.Message;
        var key = record.Key[..Math.Min(record.Key.Length, MaxRecordBytes / 2)];
        var value = record.Value[..Math.Min(record.Value.Length, MaxRecordBytes - key.Length)];
        Headers headers =
        [
            Header("cs.dlq.topic", record.Source.Topic),
            Header("cs.dlq.partition", record.Source.Partition.ToString(CultureInfo.InvariantCulture)),
            Header("cs.dlq.offset", record.Offset.ToString(CultureInfo.InvariantCulture)),
            Header("cs.dlq.stage", DeadLetterReasons.Code(letter.Stage)),
            Header("cs.dlq.reason", DeadLetterReasons.Code(letter.Reason)),
            Header("cs.dlq.message", message),
            Header("cs.dlq.failed_at", clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
        ];
        if (key.Length < record.Key.Length || value.Length < record.Value.Length)
        {
            // The original sizes, so a reader knows it holds the first bytes only.
            headers.Add(Header("cs.dlq.truncated", string.Create(CultureInfo.InvariantCulture, $"key_bytes={record.Key.Length},value_bytes={record.Value.Length}")));
        }

        return new Message<byte[], byte[]> { Key = key.ToArray(), Value = value.ToArray(), Headers = headers };
    }

    private static Header Header(string key, string value) => new(key, Encoding.UTF8.GetBytes(value));
}
