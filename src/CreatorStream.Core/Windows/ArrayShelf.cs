namespace CreatorStream.Core.Windows;

/// <summary>
/// Arrays that per-user state has outgrown or left, kept by length for the next user that needs one: users keep
/// arriving and growing, so the array one user outgrows is what the next new user needs, and without this every growth
/// left an array that had lived long enough to be promoted for a full collection to find (docs/benchmarks.md, sessions
/// 23 and 55). Used for the journeys' touches and their open Markov paths' creators. At most
/// <see cref="MaxPerLength"/> are kept per length. Mutable; not thread-safe: one per owner (a brand's journeys).
/// </summary>
internal sealed class ArrayShelf<T>
{
    public const int MaxPerLength = 1_024;

    private readonly Dictionary<int, Stack<T[]>> _free = [];

    /// <summary>Arrays kept now, for tests and figures.</summary>
    public int Kept { get; private set; }

    /// <summary>An empty array of exactly <paramref name="length"/>: a kept one if there is one.</summary>
    public T[] Rent(int length)
    {
        if (_free.TryGetValue(length, out var free) && free.TryPop(out var array))
        {
            Kept--;
            return array;
        }

        return new T[length];
    }

    /// <summary>
    /// Takes back an array whose first <paramref name="used"/> items may be set; cleared, so it holds nothing alive. The
    /// caller must hold no other reference to it: it is lent again as it is.
    /// </summary>
    public void Return(T[] array, int used)
    {
        if (array.Length == 0)
        {
            return;
        }

        if (!_free.TryGetValue(array.Length, out var free))
        {
            _free[array.Length] = free = new Stack<T[]>();
        }

        if (free.Count < MaxPerLength)
        {
            Array.Clear(array, 0, used);
            free.Push(array);
            Kept++;
        }
    }
}
