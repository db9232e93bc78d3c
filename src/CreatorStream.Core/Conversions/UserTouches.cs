using CreatorStream.Core.Attribution;

namespace CreatorStream.Core.Conversions;

/// <summary>
/// One user's recent touchpoints, oldest first, with the user's id as its key (no string for a short id or a UUID). The touches
/// sit in one array that starts at one and grows by half, at least by one (1, 2, 3, 4, 6, 9, …), rather than doubling: a
/// journey is kept for the lookback, and under a sustained rate most users held are seen once (viral surges, one-off
/// converters: 780,000 of 810,000 users held once or twice in the 30-hour soak at 100 events a second; at 3,000 a second,
/// 9 in 10 of the arrays of two held one touch), so a first array of four, then of two, left room unused for each of them
/// (docs/benchmarks.md, sessions 13 and 58). Its arrays come from, and go back to, its journeys' <see cref="Windows.ArrayShelf{T}"/>.
/// A record its journeys forgot is kept, once no arrival refers to it, for the next new user (<see cref="Reuse"/>).
/// Mutable; not thread-safe.
/// </summary>
internal sealed class UserTouches(HashedId key)
{
    private const int FirstCapacity = 1;

    private Touchpoint[] _touches = [];
    private CampaignPaths _paths;

    /// <summary>The user's id with its hash: the journeys' key.</summary>
    public HashedId Key { get; private set; } = key;

    public Events.EventIdKey UserId => Key.Id;

    public int Count { get; private set; }

    /// <summary>The record's number in its journeys' table, by which their arrivals name it; kept when it is lent to another user.</summary>
    public int Slot { get; set; }

    /// <summary>Arrivals in the journeys' queue that refer to this record: it may be lent to another user only at none.</summary>
    public int Arrivals { get; set; }

    /// <summary>Whether the journeys' table lists the record as its user's now (set by <see cref="JourneyTable"/>).</summary>
    public bool Listed { get; set; }

    /// <summary>Whether the journeys' table let the record go (the user was forgotten); its arrivals may still refer to it.</summary>
    public bool Detached { get; set; }

    /// <summary>The user's open Markov paths, one a campaign (<see cref="ConversionAttributor.Chain"/>): change them through this reference.</summary>
    public ref CampaignPaths Paths => ref _paths;

    /// <summary>The touches as they stand (a view: it sees later changes).</summary>
    public IReadOnlyList<Touchpoint> Touches => new ArraySegment<Touchpoint>(_touches, 0, Count);

    /// <summary>
    /// The touches as a span, valid until the record changes: what a loop over every user's touches reads (a snapshot's
    /// save), with no view object or enumerator made per user and no interface call per touch.
    /// </summary>
    public ReadOnlySpan<Touchpoint> TouchSpan => _touches.AsSpan(0, Count);

    /// <summary>Appends a touch, dropping the oldest when <paramref name="capacity"/> are held.</summary>
    public void Add(Touchpoint touch, int capacity, Windows.ArrayShelf<Touchpoint> arrays)
    {
        if (Count == capacity)
        {
            Array.Copy(_touches, 1, _touches, 0, Count - 1);
            Count--;
        }

        if (Count == _touches.Length)
        {
            var grown = arrays.Rent(Count == 0 ? FirstCapacity : Math.Min(capacity, Count + Math.Max(1, Count / 2)));
            Array.Copy(_touches, grown, Count);
            arrays.Return(_touches, Count);
            _touches = grown;
        }

        _touches[Count++] = touch;
    }

    /// <summary>
    /// Gives the touches' array and the open paths' arrays back once the user is forgotten (no touch left); the user
    /// holds neither after.
    /// </summary>
    public void Release(Windows.ArrayShelf<Touchpoint> arrays, Windows.ArrayShelf<string> pathArrays)
    {
        arrays.Return(_touches, Count);
        _touches = [];
        Count = 0;
        _paths.Release(pathArrays);
    }

    /// <summary>
    /// The record, forgotten and released, made the record of <paramref name="key"/>, as new: no touch, no path and no
    /// arrival refer to it.
    /// </summary>
    public UserTouches Reuse(HashedId key)
    {
        if (Count != 0 || _paths.Count != 0 || Arrivals != 0)
        {
            // Checked in every build: a record lent while in use would mix two users' journeys without a sign.
            throw new InvalidOperationException($"a journey record lent again while in use ({Count} touches, {_paths.Count} paths, {Arrivals} arrivals)");
        }

        Key = key;
        Detached = false;
        return this;
    }

    /// <summary>Drops the touches before <paramref name="cutoff"/> (event time), keeping the order of the rest.</summary>
    public void RemoveBefore(long cutoff)
    {
        var kept = 0;
        for (var i = 0; i < Count; i++)
        {
            if (_touches[i].Ts >= cutoff)
            {
                _touches[kept++] = _touches[i];
            }
        }

        Array.Clear(_touches, kept, Count - kept);
        Count = kept;
    }
}
