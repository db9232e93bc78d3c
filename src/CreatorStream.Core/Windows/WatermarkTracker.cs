using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.Windows;

/// <summary>
/// Event-time progress per partition (DESIGN.md section 3): a partition's watermark is the largest event
/// time seen on it minus <see cref="Delay"/>; the tracker's watermark is the minimum over its active
/// partitions, so a bucket closes only when every partition has moved past it. A partition that has been
/// silent (wall clock) for longer than the idle timeout stops holding the watermark back. The watermark never
/// moves backwards. Mutable; not thread-safe.
/// </summary>
public sealed class WatermarkTracker(TimeSpan delay, TimeSpan? idleTimeout)
{
    private readonly Dictionary<SourcePartition, (long MaxTs, long LastSeenMs)> _partitions = [];

    public TimeSpan Delay { get; } = delay;

    /// <summary>The watermark in ms, or <see cref="long.MinValue"/> before any event.</summary>
    public long Current { get; private set; } = long.MinValue;

    public void Observe(SourcePartition partition, long ts, long wallClockMs)
    {
        var maxTs = _partitions.TryGetValue(partition, out var state) ? Math.Max(state.MaxTs, ts) : ts;
        _partitions[partition] = (maxTs, wallClockMs);
    }

    /// <summary>Forgets a partition (revoked from this worker), so it no longer holds the watermark back.</summary>
    public void Remove(SourcePartition partition) => _partitions.Remove(partition);

    /// <summary>Recomputes the watermark at wall-clock time <paramref name="wallClockMs"/>.</summary>
    public long Advance(long wallClockMs)
    {
        long minActive = long.MaxValue, maxAll = long.MinValue;
        foreach (var (maxTs, lastSeenMs) in _partitions.Values)
        {
            maxAll = Math.Max(maxAll, maxTs);
            var idle = idleTimeout is { } timeout && wallClockMs - lastSeenMs > timeout.TotalMilliseconds;
            if (!idle)
            {
                minActive = Math.Min(minActive, maxTs);
            }
        }

        // Every partition idle: the stream has caught up, so the newest event time bounds what is complete.
        var basis = minActive != long.MaxValue ? minActive : maxAll;
        if (basis != long.MinValue)
        {
            Current = Math.Max(Current, basis - (long)Delay.TotalMilliseconds);
        }

        return Current;
    }

    /// <summary>Declares the input finished at or after <paramref name="ts"/> (the end of a replay): every bucket up to it may close.</summary>
    public long AdvanceTo(long ts)
    {
        Current = Math.Max(Current, ts);
        return Current;
    }
}
