using System.Text;
using Confluent.Kafka;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Kafka.Consuming;

namespace CreatorStream.Host.Collect;

/// <summary>
/// Writes the collector's events to their ingest topics, keyed by <c>user_id</c> as every producer does
/// (docs/design.md, "Events"), and completes only when Kafka has answered for every one of them: the collector answers
/// a request only after that, so an accepted event is in the log. Thread-safe.
/// </summary>
public sealed class IngestWriter(IProducer<byte[], byte[]> producer)
{
    /// <summary>
    /// Writes <paramref name="events"/>; returns those Kafka acknowledged and, when any was not, why (the others may be
    /// retried: a retry of an acknowledged one would count once downstream, but need not be made). Never throws for a
    /// write that failed or was cancelled: a cancellation (a stop) stops the waiting, and what was acknowledged by then
    /// is still reported, so the caller remembers it.
    /// </summary>
    public async Task<(IReadOnlyList<StreamEvent> Written, string? Error)> WriteAsync(IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken)
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

            // Confluent.Kafka's ProduceAsync is async: a refusal (a full local queue, a closed producer) faults its task.
            writes[i] = producer.ProduceAsync(TopicTypes.TopicOf(value.Type), message, cancellationToken);
        }

        try
        {
            await Task.WhenAll(writes);
        }
        catch (Exception)
        {
            // Every write has ended (WhenAll waits for all): which were acknowledged is read from each below.
        }

        var written = events.Where((_, i) => writes[i].IsCompletedSuccessfully).ToList();
        if (written.Count == events.Count)
        {
            return (written, null);
        }

        var error = writes.FirstOrDefault(w => w.IsFaulted)?.Exception?.InnerException switch
        {
            KafkaException failure => failure.Error.Reason,
            { } other => other.Message,
            null => writes.Any(w => w.IsCanceled) ? "stopping: the wait for Kafka's acknowledgement was cancelled" : "not acknowledged",
        };
        return (written, error);
    }
}
