using CreatorStream.Core.Attribution;

namespace CreatorStream.Core.Conversions;

/// <summary>
/// The arrays a brand's journeys have outgrown or left, kept by length for the next journey that needs one: users keep
/// arriving and growing (2, 3, 4, 6, … touches), so the array a user outgrows is what the next new user needs, and
/// without this every growth left an array that had lived long enough to be promoted for a full collection to find
/// (docs/benchmarks.md, session 23). At most <see cref="MaxPerLength"/> are kept per length. Mutable; not thread-safe:
/// one per <see cref="UserJourneys"/>.
/// </summary>
internal sealed class TouchArrays
{
    public const int MaxPerLength = 1_024;

    private readonly Dictionary<int, Stack<Touchpoint[]>> _free = [];

    /// <summary>Arrays kept now, for tests and figures.</summary>
    public int Kept { get; private set; }

    /// <summary>An empty array of exactly <paramref name="length"/>: a kept one if there is one.</summary>
    public Touchpoint[] Rent(int length)
    {
        if (_free.TryGetValue(length, out var free) && free.TryPop(out var array))
        {
            Kept--;
            return array;
        }

        return new Touchpoint[length];
    }

    /// <summary>Takes back an array whose first <paramref name="used"/> items may be set; cleared, so it holds no post or id alive.</summary>
    public void Return(Touchpoint[] array, int used)
    {
        if (array.Length == 0)
        {
            return;
        }

        if (!_free.TryGetValue(array.Length, out var free))
        {
            _free[array.Length] = free = new Stack<Touchpoint[]>();
        }

        if (free.Count < MaxPerLength)
        {
            Array.Clear(array, 0, used);
            free.Push(array);
            Kept++;
        }
    }
}
