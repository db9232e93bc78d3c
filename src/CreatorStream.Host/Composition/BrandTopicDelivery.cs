using Confluent.Kafka;

namespace CreatorStream.Host.Composition;

/// <summary>
/// One source-stage batch on its way to the brand topic: done when the delivery report of every frame sent for it is
/// in. Counts records, whatever frames hold them. Thread-safe: frames are counted on the consume thread, reports arrive
/// on the producer's poll thread.
/// </summary>
internal sealed class BrandTopicDelivery
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _frames = 1; // the sender's own share, released by Seal: not done before every frame is sent
    private int _pending;
    private int _failed;
    private string? _error;

    /// <summary>Completes when every frame is reported; never faults (a failed frame's records are counted in <see cref="Failed"/>).</summary>
    public Task Done => _done.Task;

    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Records sent and not yet reported.</summary>
    public int Pending => Math.Max(0, Volatile.Read(ref _pending));

    public string? Error => Volatile.Read(ref _error);

    /// <summary>Counts a frame of <paramref name="records"/> records about to be produced; its report must reach <see cref="Report"/>.</summary>
    public void Sending(int records)
    {
        Interlocked.Add(ref _pending, records);
        Interlocked.Increment(ref _frames);
    }

    /// <summary>Every frame of the batch has been produced.</summary>
    public void Seal() => Arrive();

    /// <summary>The report of a frame of <paramref name="records"/> records.</summary>
    public void Report(DeliveryReport<byte[], byte[]> report, int records)
    {
        if (report.Error.IsError)
        {
            Interlocked.Add(ref _failed, records);
            Volatile.Write(ref _error, report.Error.Reason);
        }

        Interlocked.Add(ref _pending, -records);
        Arrive();
    }

    private void Arrive()
    {
        if (Interlocked.Decrement(ref _frames) == 0)
        {
            _done.TrySetResult();
        }
    }
}
