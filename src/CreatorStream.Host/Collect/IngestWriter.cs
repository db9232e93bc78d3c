using System.Text;
using Confluent.Kafka;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Kafka.Consuming;

namespace CreatorStream.Host.Collect;

/// <summary>
/// Writes the collector's events to their ingest topics, keyed by <c>user_id</c> as every producer does
/// (docs/design.md, "Events"), and completes only when Kafka has acknowledged every one of them: the collector answers
/// a request only after that, so an accepted event is in the log. Thread-safe.
/// </summary>
public sealed class IngestWriter(IProducer<byte[], byte[]> producer)
{
    /// <summary>Writes <paramref name="events"/>; throws <see cref="ProduceException{TKey, TValue}"/> when any was not written.</summary>
    public async Task WriteAsync(IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken)
    {
        var writes = new Task[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var value = events[i];
            var message = new Message<byte[], byte[]>
            {
                Key = Encoding.UTF8.GetBytes(value.UserId),
                Value = EventWriter.ToUtf8(value, includeType: false),
            };
            writes[i] = producer.ProduceAsync(TopicTypes.TopicOf(value.Type), message, cancellationToken);
        }

        await Task.WhenAll(writes);
    }
}
