namespace CreatorStream.Core.Authenticity;

/// <summary>
/// Chooses what a full table forgets: the <c>count</c> entries seen longest ago, ties broken by key so the choice is
/// the same on every worker and after every restore. One array and one sort per eviction (a tenth of the table at a
/// time), no LINQ. Stateless; thread-safe.
/// </summary>
internal static class LeastRecent
{
    /// <summary>Removes from <paramref name="table"/> its <paramref name="count"/> least recently seen entries.</summary>
    public static void Forget<T>(Dictionary<ulong, T> table, int count, Func<T, long> lastSeen)
    {
        var order = new (long LastSeen, ulong Key)[table.Count];
        var i = 0;
        foreach (var (key, value) in table)
        {
            order[i++] = (lastSeen(value), key);
        }

        Array.Sort(order); // by time seen, then by key: keys are distinct, so the order is total
        for (i = 0; i < Math.Min(count, order.Length); i++)
        {
            table.Remove(order[i].Key);
        }
    }
}
