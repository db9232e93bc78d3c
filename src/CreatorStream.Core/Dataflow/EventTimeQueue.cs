namespace CreatorStream.Core.Dataflow;

/// <summary>
/// Items waiting for event time, taken out in (ts, event id) order: the order in which a brand judges its events whatever
/// partition they came on (docs/design.md, "Event time"). The heap holds small, reference-free entries (a slot and its ts)
/// and the items wait in slots beside it, so the heap's moves are plain copies: a heap of the items themselves (an event,
/// its record and its id) moved them with a write barrier at every step, a tenth of the brand task's time at 3,000 events
/// a second (docs/benchmarks.md, session 12). Ties of ts are broken by the event id, ordinally. Mutable; not thread-safe.
/// </summary>
internal sealed class EventTimeQueue<T>
{
    private readonly PriorityQueue<int, Entry> _heap;
    private readonly Stack<int> _free = [];
    private T[] _items = new T[64];
    private string[] _ids = new string[64];

    public EventTimeQueue() => _heap = new PriorityQueue<int, Entry>(Comparer<Entry>.Create(Compare));

    public int Count => _heap.Count;

    /// <summary>Every waiting item, in no particular order (for snapshots).</summary>
    public IEnumerable<T> UnorderedItems => _heap.UnorderedItems.Select(entry => _items[entry.Element]);

    public void Enqueue(T item, long ts, string eventId)
    {
        var slot = _free.Count > 0 ? _free.Pop() : _heap.Count;
        if (slot >= _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
            Array.Resize(ref _ids, _ids.Length * 2);
        }

        _items[slot] = item;
        _ids[slot] = eventId;
        _heap.Enqueue(slot, new Entry(ts, slot));
    }

    /// <summary>The first item and its ts, if any waits.</summary>
    public bool TryPeek(out T item, out long ts)
    {
        if (_heap.TryPeek(out var slot, out var entry))
        {
            (item, ts) = (_items[slot], entry.Ts);
            return true;
        }

        (item, ts) = (default!, 0);
        return false;
    }

    public T Dequeue()
    {
        var slot = _heap.Dequeue();
        var item = _items[slot];
        _items[slot] = default!; // the event is released: do not keep it alive
        _ids[slot] = null!;
        _free.Push(slot);
        return item;
    }

    private int Compare(Entry a, Entry b) => a.Ts != b.Ts ? a.Ts.CompareTo(b.Ts) : string.CompareOrdinal(_ids[a.Slot], _ids[b.Slot]);

    private readonly record struct Entry(long Ts, int Slot);
}
