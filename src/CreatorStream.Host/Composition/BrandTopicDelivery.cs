using Confluent.Kafka;

namespace CreatorStream.Host.Composition;

/// <summary>
/// One source-stage batch on its way to the brand topic: done when the delivery report of every record sent for it is
/// in. Thread-safe: records are counted on the consume thread, reports arrive on the producer's poll thread.
/// </summary>
internal sealed class BrandTopicDelivery
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending = 1; // the sender's own share, released by Seal: not done before every record is sent
    private int _failed;
    private string? _error;

    /// <summary>Completes when every record is reported; never faults (a failed record is counted in <see cref="Failed"/>).</summary>
    public Task Done => _done.Task;

    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Records sent and not yet reported.</summary>
    public int Pending => Math.Max(0, Volatile.Read(ref _pending));

    public string? Error => Volatile.Read(ref _error);

    /// <summary>Counts a record about to be produced; its report must reach <see cref="Report"/>.</summary>
    public void Sending() => Interlocked.Increment(ref _pending);

    /// <summary>Every record of the batch has been produced.</summary>
    public void Seal() => Arrive();

    public void Report(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.Increment(ref _failed);
            Volatile.Write(ref _error, report.Error.Reason);
        }

        Arrive();
    }

    private void Arrive()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _done.TrySetResult();
        }
    }
}
