namespace CreatorStream.Core.Authenticity;

/// <summary>
/// Who was shown what (user × post keys), for the <c>not_shown</c> check and the pods' focus check. Forgets in event-time order of arrival:
/// entries older than the retention go on <see cref="Expire"/>, and the oldest go first beyond the capacity.
/// Mutable; not thread-safe.
/// </summary>
internal sealed class ImpressionLog(int capacity)
{
    private readonly Dictionary<ulong, long> _latest = [];
    private readonly Queue<(long Ts, ulong Key)> _order = new();

    public int Count => _latest.Count;

    public void Add(ulong key, long ts)
    {
        _latest[key] = _latest.TryGetValue(key, out var seen) ? Math.Max(seen, ts) : ts;
        _order.Enqueue((ts, key));
        while (_order.Count > capacity)
        {
            Drop();
        }
    }

    public bool Contains(ulong key) => _latest.ContainsKey(key);

    /// <summary>Forgets impressions older than <paramref name="before"/> (arrival order; the disorder allowed is far below any retention).</summary>
    public void Expire(long before)
    {
        while (_order.Count > 0 && _order.Peek().Ts < before)
        {
            Drop();
        }
    }

    private void Drop()
    {
        var (ts, key) = _order.Dequeue();
        if (_latest.TryGetValue(key, out var latest) && latest <= ts)
        {
            _latest.Remove(key);
        }
    }

    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(_latest, static (w, key) => w.Write(key), static (w, ts) => w.Write(ts));
        writer.Write(_order.Count);
        foreach (var (ts, key) in _order)
        {
            writer.Write(ts);
            writer.Write(key);
        }
    }

    public void Load(Snapshots.SnapshotReader reader)
    {
        reader.Into(_latest, static r => r.ULong(), static r => r.Long());
        reader.Each(r => _order.Enqueue((r.Long(), r.ULong())));
    }
}
