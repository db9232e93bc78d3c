namespace CreatorStream.Host.Collect;

/// <summary>
/// The event ids this collector has had acknowledged by Kafka lately, per brand, so a retried request (a beacon sent
/// twice, a webhook delivered again) is answered as accepted without writing the event a second time. The pipeline
/// counts an event id once within 24 hours anyway (docs/design.md, "Event time"); this keeps the topics free of the
/// repeats. Bounded by count and age: the oldest are forgotten first. Thread-safe.
/// </summary>
public sealed class AcceptedIds(int capacity, TimeSpan horizon, TimeProvider clock)
{
    private readonly Dictionary<(string Brand, string EventId), long> _seen = [];
    private readonly Queue<((string Brand, string EventId) Id, long At)> _order = new();
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _seen.Count;
            }
        }
    }

    public bool Contains(string brandId, string eventId)
    {
        lock (_gate)
        {
            Forget(clock.GetUtcNow().ToUnixTimeMilliseconds());
            return _seen.ContainsKey((brandId, eventId));
        }
    }

    /// <summary>Records ids Kafka has acknowledged.</summary>
    public void Add(string brandId, IEnumerable<string> eventIds)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            foreach (var eventId in eventIds)
            {
                if (_seen.TryAdd((brandId, eventId), now))
                {
                    _order.Enqueue(((brandId, eventId), now));
                }
            }

            Forget(now);
        }
    }

    private void Forget(long now)
    {
        var oldest = now - (long)horizon.TotalMilliseconds;
        while (_order.TryPeek(out var first) && (first.At < oldest || _order.Count > capacity))
        {
            _order.Dequeue();
            _seen.Remove(first.Id);
        }
    }
}
