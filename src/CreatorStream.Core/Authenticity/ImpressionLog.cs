namespace CreatorStream.Core.Authenticity;

/// <summary>
/// Who was shown what (user × post keys), for the <c>not_shown</c> check and the pods' focus check. Forgets in event-time order of arrival:
/// entries older than the retention go on <see cref="Expire"/>, and the oldest go first beyond the capacity.
/// Counts each pair's impressions still remembered, so the ring signal can tell an account that engages on every showing
/// from a heavy viewer who was shown a post many times.
/// Mutable; not thread-safe.
/// </summary>
internal sealed class ImpressionLog(int capacity)
{
    private readonly Sketches.FlatTable<int> _counts = new(); // flat: an impression's lookup is one line, and can be hinted
    private readonly Windows.ChunkedQueue<(long Ts, ulong Key)> _order = new();

    public int Count => _counts.Count;

    /// <summary>Hints the cache at where <see cref="Add"/> or <see cref="Contains"/> will look for <paramref name="key"/>.</summary>
    public void Prefetch(ulong key) => _counts.Prefetch(key);

    public void Add(ulong key, long ts)
    {
        _counts.GetOrAdd(key, out _)++; // one lookup: most events are impressions
        _order.Enqueue((ts, key));
        while (_order.Count > capacity)
        {
            Drop();
        }
    }

    public bool Contains(ulong key) => _counts.ContainsKey(key);

    /// <summary>How many times the user was shown the post, within what is remembered.</summary>
    public int Views(ulong key) => _counts.GetValueOrDefault(key);

    /// <summary>Forgets impressions older than <paramref name="before"/> (arrival order; the disorder allowed is far below any retention).</summary>
    public void Expire(long before)
    {
        while (_order.TryPeek(out var oldest) && oldest.Ts < before)
        {
            Drop();
        }
    }

    private void Drop()
    {
        var key = _order.Dequeue().Key;
        ref var count = ref _counts.Find(key);
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref count))
        {
            throw new InvalidOperationException("an impression left the log twice"); // every queued key is counted
        }

        if (count == 1)
        {
            _counts.Remove(key);
        }
        else
        {
            count--;
        }
    }

    public void Save(Snapshots.SnapshotWriter writer) => Freeze()(writer);

    /// <summary>
    /// <see cref="Save"/>'s bytes in two steps (decision 0033): the counts and the order (as the queue's blocks) copied
    /// now, into arrays lent by <paramref name="capture"/>'s pool when there is one (<see cref="Snapshots.FrozenArrays{T}"/>),
    /// written later by the returned writer on any thread, the counts sorted by key (so the bytes are the log's alone,
    /// whatever order the table's slots hold them in).
    /// </summary>
    public Action<Snapshots.SnapshotWriter> Freeze(Snapshots.SnapshotCapture? capture = null)
    {
        var counts = Snapshots.SnapshotCapture.CopyOf(capture, _counts);
        var queued = _order.Count;
        var order = Snapshots.SnapshotCapture.RentOrMake<(long Ts, ulong Key)>(capture, queued);
        _order.CopyTo(order);
        return writer =>
        {
            // As a dictionary of them is written: its count, then each key and value.
            writer.Write(Sketches.FlatTable<int>.SortedByKey(counts), static (w, pair) =>
            {
                w.Write(pair.Key);
                w.Write(pair.Value);
            });
            writer.Write(order.AsSpan(0, queued), static (w, entry) =>
            {
                w.Write(entry.Ts);
                w.Write(entry.Key);
            });
        };
    }

    public void Load(Snapshots.SnapshotReader reader)
    {
        reader.Each(r => _counts.Add(r.ULong(), r.Int()));
        reader.Each(r => _order.Enqueue((r.Long(), r.ULong())));
    }
}
