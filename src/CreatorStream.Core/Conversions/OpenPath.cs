namespace CreatorStream.Core.Conversions;

/// <summary>
/// A user's open (not yet converted) path in one campaign's Markov chain: the creators in order, and the event time of
/// its latest touch, by which the path expires once the user has been away longer than the campaign's lookback.
/// Mutable; not thread-safe.
/// </summary>
internal sealed class OpenPath
{
    public List<string> Creators { get; } = new(1); // most users touch one or two creators of a campaign

    public long LastTs { get; set; } = long.MinValue;

    /// <summary>Whether a touch or conversion at <paramref name="ts"/> is more than <paramref name="lookbackMs"/> after the path's latest touch.</summary>
    public bool ExpiredAt(long ts, long lookbackMs) => Creators.Count > 0 && ts - LastTs > lookbackMs;
}
