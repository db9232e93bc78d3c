using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.Dataflow;

/// <summary>
/// A brand task's event time: the minimum of the watermarks its sources sent in-band (<see cref="SourceMark"/>), over
/// the sources that are not idle; when every source is idle, the newest of them (the stream has caught up). A source
/// that is expected but has sent nothing holds it back (its events may be the oldest). It never moves backwards, and
/// it depends only on the marks in the partition, never on a clock: a task re-reading its partition after a crash
/// moves through exactly the same event times. Mutable; not thread-safe.
/// </summary>
public sealed class UpstreamWatermarks
{
    private readonly Dictionary<SourcePartition, SourceMark?> _sources = [];

    /// <summary>The event time through which every source has delivered (<see cref="long.MinValue"/> until known).</summary>
    public long Current { get; private set; } = long.MinValue;

    public int Sources => _sources.Count;

    /// <summary>The marks applied so far, by source (for snapshots).</summary>
    public IEnumerable<SourceMark> Marks => _sources.Values.Where(m => m is not null).Select(m => m!.Value);

    /// <summary>A source this task must hear from before its event time can pass it.</summary>
    public void Expect(SourcePartition source)
    {
        if (_sources.TryAdd(source, null))
        {
            Recompute();
        }
    }

    /// <summary>Stops waiting for a source (its partition is gone from the input).</summary>
    public void Forget(SourcePartition source)
    {
        _sources.Remove(source);
        Recompute();
    }

    /// <summary>Applies a mark (a repeat or an older one is ignored); returns whether <see cref="Current"/> moved.</summary>
    public bool Apply(SourceMark mark)
    {
        if (_sources.TryGetValue(mark.Origin, out var known) && known is { } previous && mark.Position < previous.Position)
        {
            return false;
        }

        _sources[mark.Origin] = mark with { Watermark = Math.Max(mark.Watermark, known?.Watermark ?? long.MinValue) };
        var before = Current;
        Recompute();
        return Current != before;
    }

    private void Recompute()
    {
        long slowest = long.MaxValue, newest = long.MinValue;
        var active = false;
        foreach (var mark in _sources.Values)
        {
            if (mark is not { } m)
            {
                return; // a source not heard from yet holds the watermark
            }

            newest = Math.Max(newest, m.Watermark);
            if (!m.Idle)
            {
                active = true;
                slowest = Math.Min(slowest, m.Watermark);
            }
        }

        var basis = active ? slowest : newest;
        if (basis != long.MinValue && basis != long.MaxValue)
        {
            Current = Math.Max(Current, basis);
        }
    }
}
