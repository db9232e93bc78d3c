using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.Windows;

/// <summary>
/// Event-time progress per partition (docs/design.md, "Event time"): a partition's watermark is the largest event time seen
/// on it minus <see cref="Delay"/>; the tracker's watermark is the minimum over its active partitions, so a bucket
/// closes only when every partition has moved past it. It advances with every record (so whether an event is late
/// does not depend on where micro-batches happen to split), never moves backwards, and a partition silent for
/// longer than the idle timeout (wall clock, judged at each <see cref="Advance"/>) stops holding it back. When the
/// stream resumes after every partition went idle, every partition gets the idle timeout again to deliver: a consumer
/// catching up fetches one partition's backlog before another's, and the first one back must not make the others'
/// on-time events late. Mutable; not thread-safe.
/// </summary>
public sealed class WatermarkTracker(TimeSpan delay, TimeSpan? idleTimeout)
{
    private readonly Dictionary<SourcePartition, (long MaxTs, long LastSeenMs)> _partitions = [];
    private readonly HashSet<SourcePartition> _idle = [];
    private SourcePartition? _slowest;
    private bool _paused;

    public TimeSpan Delay { get; } = delay;

    /// <summary>The watermark in ms, or <see cref="long.MinValue"/> before any event.</summary>
    public long Current { get; private set; } = long.MinValue;

    /// <summary>
    /// A partition assigned to this worker that has not delivered yet: it holds the watermark (its events may be the
    /// oldest) until it delivers, or until it has been silent for the idle timeout.
    /// </summary>
    public void Register(SourcePartition partition, long wallClockMs)
    {
        if (_partitions.TryAdd(partition, (long.MinValue, wallClockMs)))
        {
            Recompute();
        }
    }

    public void Observe(SourcePartition partition, long ts, long wallClockMs)
    {
        var known = _partitions.TryGetValue(partition, out var state);
        var advanced = !known || ts > state.MaxTs;
        if (_paused)
        {
            Resume(wallClockMs);
        }

        _partitions[partition] = (advanced ? ts : state.MaxTs, wallClockMs);

        // The minimum can only change if a new or idle partition joins, or the slowest one moves.
        if (_idle.Remove(partition) || !known || (advanced && partition == _slowest))
        {
            Recompute();
        }
    }

    /// <summary>Forgets a partition (revoked from this worker), so it no longer holds the watermark back.</summary>
    public void Remove(SourcePartition partition)
    {
        _partitions.Remove(partition);
        _idle.Remove(partition);
        Recompute();
    }

    /// <summary>Re-judges which partitions are idle at wall-clock time <paramref name="wallClockMs"/> and returns the watermark.</summary>
    public long Advance(long wallClockMs)
    {
        _idle.Clear();
        var deliveringActive = false;
        if (idleTimeout is { } timeout)
        {
            foreach (var (partition, state) in _partitions)
            {
                if (wallClockMs - state.LastSeenMs > timeout.TotalMilliseconds)
                {
                    _idle.Add(partition);
                }
                else
                {
                    deliveringActive |= state.MaxTs != long.MinValue;
                }
            }
        }

        // Paused: every partition that has delivered is idle (one assigned since and silent does not count).
        _paused = _idle.Count > 0 && !deliveringActive;
        Recompute();
        return Current;
    }

    /// <summary>Declares the input finished at or after <paramref name="ts"/> (the end of a replay): every bucket up to it may close.</summary>
    public long AdvanceTo(long ts)
    {
        Current = Math.Max(Current, ts);
        return Current;
    }

    /// <summary>The stream resumes after a pause: every partition is active again, silent since <paramref name="wallClockMs"/>.</summary>
    /// <remarks>
    /// A partition that never delivers holds the watermark for one more idle timeout after each pause; in a stream
    /// sparser than one record per timeout that is no later than before, when the first record back waited for the
    /// timeout anyway (its own partition's watermark is its time minus the delay).
    /// </remarks>
    private void Resume(long wallClockMs)
    {
        foreach (var idle in _idle)
        {
            _partitions[idle] = (_partitions[idle].MaxTs, wallClockMs);
        }

        _idle.Clear();
        _paused = false;
    }

    private void Recompute()
    {
        long slowestTs = long.MaxValue, newest = long.MinValue;
        _slowest = null;
        foreach (var (partition, state) in _partitions)
        {
            newest = Math.Max(newest, state.MaxTs);
            if (!_idle.Contains(partition) && state.MaxTs < slowestTs)
            {
                slowestTs = state.MaxTs;
                _slowest = partition;
            }
        }

        // Every partition idle: the stream has caught up, so the newest event time bounds what is complete.
        var basis = _slowest is null ? newest : slowestTs;
        if (basis != long.MinValue && basis != long.MaxValue)
        {
            Current = Math.Max(Current, basis - (long)Delay.TotalMilliseconds);
        }
    }
}
