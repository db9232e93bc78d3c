using System.Text;
using Confluent.Kafka;
using CreatorStream.Core.Events;
using CreatorStream.Kafka.Consuming;

namespace CreatorStream.Kafka.Producing;

/// <summary>
/// Publishes event records to their ingest topics keyed by <c>user_id</c> (so one user's journey stays on one
/// partition), without waiting per message: delivery reports are counted, and <see cref="Flush"/> waits for all.
/// Used by <c>produce</c>, <c>generate</c> and the embedded generator of <c>run</c>. Thread-safe.
/// </summary>
public sealed class EventPublisher(IProducer<byte[], byte[]> producer) : IDisposable
{
    private long _delivered;
    private long _failed;
    private string? _lastError;

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Failed => Interlocked.Read(ref _failed);

    public string? LastError => _lastError;

    /// <summary>Queues one record; blocks briefly only when the client's local queue is full.</summary>
    public void Publish(EventType type, string key, byte[] value)
    {
        var message = new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(key), Value = value };
        while (true)
        {
            try
            {
                producer.Produce(TopicTypes.TopicOf(type), message, OnDelivery);
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(50)); // let deliveries drain, then retry
            }
        }
    }

    /// <summary>Waits until every queued record is delivered or failed, up to <paramref name="timeout"/>; returns whether all were.</summary>
    public bool Flush(TimeSpan timeout) => producer.Flush(timeout) == 0;

    public void Dispose() => producer.Dispose();

    private void OnDelivery(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            _lastError = report.Error.Reason;
            Interlocked.Increment(ref _failed);
        }
        else
        {
            Interlocked.Increment(ref _delivered);
        }
    }
}
