namespace CreatorStream.Core.Authenticity;

/// <summary>
/// Chooses what a full table forgets: the <c>count</c> entries seen longest ago, ties broken by key so the choice is
/// the same on every worker and after every restore, removed oldest first. The choice goes through a bounded max-heap
/// of <c>count</c> entries kept from one eviction to the next, then a sort of those alone: a table of a million entries
/// forgetting a tenth no longer makes a 16 MB array and sorts it whole on the brand task's thread (docs/benchmarks.md,
/// session 59). The heap's array stays with its owner, a tenth of the table's capacity at most (about 1.6 MB for a
/// million acquaintances). Mutable (its scratch); not thread-safe: one per table owner.
/// </summary>
internal sealed class LeastRecent
{
    private (long LastSeen, ulong Key)[] _heap = [];

    /// <summary>
    /// Removes from <paramref name="table"/> its <paramref name="count"/> least recently seen entries, oldest first;
    /// <paramref name="forgotten"/>, if given, hears of each value as it goes.
    /// </summary>
    public void Forget<T>(Dictionary<ulong, T> table, int count, Func<T, long> lastSeen, Action<T>? forgotten = null)
    {
        foreach (var (_, key) in Oldest<T, Dictionary<ulong, T>.Enumerator>(table.GetEnumerator(), table.Count, count, lastSeen))
        {
            if (table.Remove(key, out var value))
            {
                forgotten?.Invoke(value);
            }
        }
    }

    /// <summary>As <see cref="Forget{T}(Dictionary{ulong, T}, int, Func{T, long}, Action{T}?)"/>, for a flat table.</summary>
    public void Forget<T>(Sketches.FlatTable<T> table, int count, Func<T, long> lastSeen)
        where T : struct
    {
        foreach (var (_, key) in Oldest<T, Sketches.FlatTable<T>.Enumerator>(table.GetEnumerator(), table.Count, count, lastSeen))
        {
            table.Remove(key);
        }
    }

    // The min(count, entries) entries seen longest ago, oldest first, in the kept array (grown if it is short). A struct
    // enumerator, so no table's enumeration is boxed.
    private Span<(long LastSeen, ulong Key)> Oldest<T, TEntries>(TEntries entries, int total, int count, Func<T, long> lastSeen)
        where TEntries : IEnumerator<KeyValuePair<ulong, T>>
    {
        count = Math.Max(0, Math.Min(count, total));
        if (_heap.Length < count)
        {
            _heap = new (long, ulong)[count];
        }

        var heap = _heap.AsSpan(0, count);
        if (heap.IsEmpty)
        {
            return heap;
        }

        var size = 0;
        while (entries.MoveNext())
        {
            var (key, value) = entries.Current;
            Offer(heap, ref size, (lastSeen(value), key));
        }

        heap.Sort(); // by time seen, then by key: keys are distinct, so the order is total and the removals are as a full sort's
        return heap;
    }

    // The heap's root is the newest of the oldest seen so far; an entry older than it takes its place.
    private static void Offer(Span<(long LastSeen, ulong Key)> heap, ref int size, (long LastSeen, ulong Key) entry)
    {
        if (size < heap.Length)
        {
            heap[size] = entry;
            Up(heap, size++);
        }
        else if (Before(entry, heap[0]))
        {
            heap[0] = entry;
            Down(heap);
        }
    }

    private static bool Before((long LastSeen, ulong Key) a, (long LastSeen, ulong Key) b) =>
        a.LastSeen < b.LastSeen || (a.LastSeen == b.LastSeen && a.Key < b.Key);

    private static void Up(Span<(long LastSeen, ulong Key)> heap, int at)
    {
        while (at > 0 && Before(heap[(at - 1) / 2], heap[at]))
        {
            (heap[at], heap[(at - 1) / 2]) = (heap[(at - 1) / 2], heap[at]);
            at = (at - 1) / 2;
        }
    }

    private static void Down(Span<(long LastSeen, ulong Key)> heap)
    {
        for (var at = 0; ;)
        {
            var largest = at;
            var left = (2 * at) + 1;
            if (left < heap.Length && Before(heap[largest], heap[left]))
            {
                largest = left;
            }

            if (left + 1 < heap.Length && Before(heap[largest], heap[left + 1]))
            {
                largest = left + 1;
            }

            if (largest == at)
            {
                return;
            }

            (heap[at], heap[largest]) = (heap[largest], heap[at]);
            at = largest;
        }
    }
}
