using CreatorStream.Core.Events;

namespace CreatorStream.Core.Attribution;

/// <summary>
/// What a touchpoint shares with every other touch of the same post, kind, platform and event-id shape: one instance for
/// all of them (<see cref="Conversions.SharedPost"/> pools them), so a touch kept for the lookback holds one reference
/// for the four and its id's bits, and is 32 bytes (docs/benchmarks.md, sessions 38 and 39). The id's shape is
/// <see cref="EventIdKey.Shape"/>: null for an id packed into its bits, the UUID marker, or a kept id itself (rare: such
/// a touch has a source of its own). Immutable; thread-safe.
/// </summary>
internal sealed class TouchSource(TouchedPost post, TouchKind kind, Platform? platform, string? idShape = null)
{
    public TouchedPost Post { get; } = post;

    public TouchKind Kind { get; } = kind;

    /// <summary>The platform the touch was on; null for a touchpoint restored from a snapshot older than format 7.</summary>
    public Platform? Platform { get; } = platform;

    /// <summary>The shape of its touches' event ids (<see cref="EventIdKey.Shape"/>).</summary>
    public string? IdShape { get; } = idShape;

    /// <summary>This source, or one like it for ids of <paramref name="idShape"/>.</summary>
    public TouchSource WithIdShape(string? idShape) => ReferenceEquals(IdShape, idShape) ? this : new(Post, Kind, Platform, idShape);
}
