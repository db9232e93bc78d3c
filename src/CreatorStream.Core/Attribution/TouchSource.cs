using CreatorStream.Core.Events;

namespace CreatorStream.Core.Attribution;

/// <summary>
/// What a touchpoint shares with every other touch of the same post, kind and platform: one instance for all of them
/// (<see cref="Conversions.SharedPost"/> pools them), so a touch kept for the lookback holds one reference for the three,
/// and is 40 bytes instead of 48 (docs/benchmarks.md, session 38). Immutable; thread-safe.
/// </summary>
internal sealed class TouchSource(TouchedPost post, TouchKind kind, Platform? platform)
{
    public TouchedPost Post { get; } = post;

    public TouchKind Kind { get; } = kind;

    /// <summary>The platform the touch was on; null for a touchpoint restored from a snapshot older than format 7.</summary>
    public Platform? Platform { get; } = platform;
}
