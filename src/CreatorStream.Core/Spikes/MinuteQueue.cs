using CreatorStream.Core.Windows;

namespace CreatorStream.Core.Spikes;

/// <summary>
/// Closed minutes waiting to be judged, in event time, for a detector that judges every minute once, empty ones
/// included: a minute is judged when the watermark has closed it and data has reached it (the end of a replay is not a
/// silence); a long silence is judged an hour at most, then skipped when nothing is tracked. A judged minute is
/// emptied by <paramref name="clear"/> and serves a later one, so a detector makes no table a minute. Mutable; not
/// thread-safe.
/// </summary>
internal sealed class MinuteQueue<TMinute>(Action<TMinute> clear)
    where TMinute : class, new()
{
    /// <summary>Longest run of empty minutes judged one by one; past it the data has simply stopped.</summary>
    private const int MaxGapMinutes = 60;

    /// <summary>Emptied minutes kept: a few minutes wait at once (those a batch reaches before the watermark closes them).</summary>
    private const int MaxSpares = 4;

    private readonly SortedDictionary<long, TMinute> _pending = [];
    private readonly Stack<TMinute> _spares = new();
    private long _nextMinute = long.MinValue;
    private long _newestMinute = long.MinValue;

    /// <summary>Notes that data reached <paramref name="minuteStart"/> (any scope: it moves the judged frontier).</summary>
    public void Reached(long minuteStart) => _newestMinute = Math.Max(_newestMinute, minuteStart);

    /// <summary>The minute's data, made empty the first time.</summary>
    public TMinute At(long minuteStart)
    {
        if (!_pending.TryGetValue(minuteStart, out var minute))
        {
            minute = _spares.TryPop(out var spare) ? spare : new TMinute();
            _pending.Add(minuteStart, minute);
        }

        return minute;
    }

    /// <summary>
    /// Hands every minute the watermark has closed to <paramref name="judge"/> (a fresh empty one for a minute without
    /// data), in order; <paramref name="tracking"/> says whether the detector still follows any key (then silent
    /// minutes are judged, up to an hour of them). <paramref name="judge"/> must not keep the minute: it is emptied
    /// and reused once judged.
    /// </summary>
    public void Drain(long watermark, Func<bool> tracking, Action<long, TMinute> judge)
    {
        var closedThrough = Math.Min(EventTime.BucketStart(watermark - EventTime.BucketMs), _newestMinute);
        if (_nextMinute == long.MinValue)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            _nextMinute = _pending.Keys.First();
        }

        var minuteStart = _nextMinute;
        while (minuteStart <= closedThrough)
        {
            var minute = _pending.Remove(minuteStart, out var waiting) ? waiting : _spares.TryPop(out var spare) ? spare : new TMinute();
            judge(minuteStart, minute);
            clear(minute);
            if (_spares.Count < MaxSpares)
            {
                _spares.Push(minute);
            }

            minuteStart = NextMinute(minuteStart, tracking);
        }

        _nextMinute = Math.Max(_nextMinute, minuteStart);
    }

    private long NextMinute(long minuteStart, Func<bool> tracking)
    {
        var next = minuteStart + EventTime.BucketMs;
        if (_pending.ContainsKey(next) || _pending.Count == 0)
        {
            return next;
        }

        // A long silence: judge at most an hour of empty minutes (enough for any key to go quiet), then jump.
        var nextWithData = _pending.Keys.First();
        return nextWithData - next > MaxGapMinutes * EventTime.BucketMs && !tracking() ? nextWithData : next;
    }

    /// <summary>Writes where judging stands (the minutes themselves go with <see cref="SavePending"/>, kept apart for the spike detector's snapshot layout).</summary>
    public void SaveClock(Snapshots.SnapshotWriter writer)
    {
        writer.Write(_nextMinute);
        writer.Write(_newestMinute);
    }

    public void LoadClock(Snapshots.SnapshotReader reader)
    {
        _nextMinute = reader.Long();
        _newestMinute = reader.Long();
    }

    public void SavePending(Snapshots.SnapshotWriter writer, Action<Snapshots.SnapshotWriter, TMinute> write) =>
        writer.Write(_pending, static (w, minute) => w.Write(minute), write);

    public void LoadPending(Snapshots.SnapshotReader reader, Func<Snapshots.SnapshotReader, TMinute> read) =>
        reader.Into(_pending, static r => r.Long(), read);
}
