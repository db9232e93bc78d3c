using System.Collections;

namespace CreatorStream.Core.Conversions;

/// <summary>
/// A user's open (not yet converted) path in one campaign's Markov chain: the creators in order, and the event time of
/// its latest touch, by which the path expires once the user has been away longer than the campaign's lookback.
/// There is one for every user and campaign touched, and most users touch one creator of a campaign, so the first
/// creator is held inline and only a second starts a list (40 bytes a path instead of 96 with a list of one).
/// Mutable; not thread-safe.
/// </summary>
internal sealed class OpenPath : IReadOnlyList<string>
{
    private string? _first;
    private List<string>? _rest;

    public long LastTs { get; set; } = long.MinValue;

    public int Count => _first is null ? 0 : 1 + (_rest?.Count ?? 0);

    public string this[int index] => index switch
    {
        0 when _first is not null => _first,
        > 0 when _rest is not null && index <= _rest.Count => _rest[index - 1],
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, $"the path has {Count} creators"),
    };

    /// <summary>The latest creator, or null on an empty path (read at every touch: the indexer's checks cost more than the read).</summary>
    public string? Last => _rest is { Count: > 0 } rest ? rest[^1] : _first;

    /// <summary>
    /// The chain state of <see cref="Last"/> (<see cref="Attribution.MarkovChain.StartState"/> on an empty path), when the
    /// path was last extended through its campaign's chain; -1 when unknown (a path read back from a snapshot).
    /// </summary>
    public int LastState { get; private set; } = Attribution.MarkovChain.StartState;

    public void Add(string creator) => Add(creator, -1);

    /// <summary>Adds <paramref name="creator"/>, whose state in the campaign's chain is <paramref name="state"/> (-1: not known).</summary>
    public void Add(string creator, int state)
    {
        ArgumentNullException.ThrowIfNull(creator);
        LastState = state;
        if (_first is null)
        {
            _first = creator;
            return;
        }

        (_rest ??= new List<string>(1)).Add(creator);
    }

    /// <summary>Whether a touch or conversion at <paramref name="ts"/> is more than <paramref name="lookbackMs"/> after the path's latest touch.</summary>
    public bool ExpiredAt(long ts, long lookbackMs) => Count > 0 && ts - LastTs > lookbackMs;

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
