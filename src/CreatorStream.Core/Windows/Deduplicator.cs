namespace CreatorStream.Core.Windows;

/// <summary>
/// Remembers the <c>event_id</c>s counted on one partition for <see cref="Horizon"/> of event time
/// (DESIGN.md section 3: 24 hours), so a redelivered or re-sent event is counted once.
/// Memory is bounded by the ids of one horizon; ids are evicted as the watermark moves. Mutable; not thread-safe.
/// </summary>
public sealed class Deduplicator(TimeSpan horizon)
{
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string EventId, long Ts)> _order = new();

    public TimeSpan Horizon { get; } = horizon;

    public int Count => _seen.Count;

    /// <summary>Records the id; returns false if it was already seen within the horizon (a duplicate).</summary>
    public bool TryAdd(string eventId, long ts)
    {
        if (_seen.TryGetValue(eventId, out var seenTs) && Math.Abs(ts - seenTs) <= (long)Horizon.TotalMilliseconds)
        {
            return false;
        }

        _seen[eventId] = ts;
        _order.Enqueue((eventId, ts));
        return true;
    }

    /// <summary>Forgets ids older than <paramref name="watermark"/> minus the horizon.</summary>
    public void Evict(long watermark)
    {
        if (watermark == long.MinValue)
        {
            return; // before any event time; the subtraction below would overflow
        }

        var horizonStart = watermark - (long)Horizon.TotalMilliseconds;

        // Arrival order is close to event-time order; an early out-of-order id lingers until those before it go.
        while (_order.TryPeek(out var oldest) && oldest.Ts < horizonStart)
        {
            _order.Dequeue();
            if (_seen.TryGetValue(oldest.EventId, out var ts) && ts == oldest.Ts)
            {
                _seen.Remove(oldest.EventId);
            }
        }
    }
}
