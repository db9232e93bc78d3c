using System.Diagnostics.CodeAnalysis;
using CreatorStream.Core.Authenticity;

namespace CreatorStream.Core.Conversions;

/// <summary>
/// A user's open (not yet converted) path in one campaign's Markov chain: the creators in order, and the event time of
/// its latest touch, by which the path expires once the user has been away longer than the campaign's lookback.
/// There is one for every user and campaign touched, so it is a struct held in its table's entry (no object a path), and
/// most users touch one creator of a campaign, so the first creator is held inline and only a second takes an array
/// (<see cref="InlineList{T}"/>): 40 bytes a path in the entry, where an object with a list of the rest took 48 and
/// a second creator 72 more (docs/benchmarks.md, session 38). Change it through a reference to the entry: a copy's
/// changes are lost. <c>default</c> is not an empty path (its <see cref="LastTs"/> is 0): make one with <c>new()</c>.
/// Mutable; not thread-safe.
/// </summary>
internal struct OpenPath
{
    private InlineList<string> _creators;

    /// <summary>An empty path, never touched.</summary>
    public OpenPath()
    {
    }

    public long LastTs { get; set; } = long.MinValue;

    public readonly int Count => _creators.Count;

    /// <summary>The creators in order (a view: do not hold it across an <see cref="Add(string)"/>).</summary>
    [UnscopedRef]
    public ReadOnlySpan<string> Creators => _creators.AsSpan();

    /// <summary>The latest creator, or null on an empty path.</summary>
    public string? Last => _creators.Count > 0 ? _creators.AsSpan()[^1] : null;

    /// <summary>
    /// The chain state of <see cref="Last"/> (<see cref="Attribution.MarkovChain.StartState"/> on an empty path), when the
    /// path was last extended through its campaign's chain; -1 when unknown (a path read back from a snapshot).
    /// </summary>
    public int LastState { readonly get; private set; } = Attribution.MarkovChain.StartState;

    public void Add(string creator) => Add(creator, -1, arrays: null);

    /// <summary>
    /// Adds <paramref name="creator"/>, whose state in the campaign's chain is <paramref name="state"/> (-1: not known),
    /// the creators' arrays rented from and given back to <paramref name="arrays"/> (null: made new).
    /// </summary>
    public void Add(string creator, int state, Windows.ArrayShelf<string>? arrays)
    {
        ArgumentNullException.ThrowIfNull(creator);
        LastState = state;
        _creators.Add(creator, arrays);
    }

    /// <summary>
    /// Empties the path (as <c>new()</c> makes it) and gives its creators' array back to <paramref name="arrays"/>: for a
    /// path that expired, converted or was forgotten. No copy of it may be read after.
    /// </summary>
    public void Release(Windows.ArrayShelf<string> arrays)
    {
        _creators.Release(arrays);
        LastTs = long.MinValue;
        LastState = Attribution.MarkovChain.StartState;
    }

    /// <summary>Whether a touch or conversion at <paramref name="ts"/> is more than <paramref name="lookbackMs"/> after the path's latest touch.</summary>
    public readonly bool ExpiredAt(long ts, long lookbackMs) => Count > 0 && ts - LastTs > lookbackMs;
}
