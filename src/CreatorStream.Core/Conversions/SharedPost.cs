using CreatorStream.Core.Attribution;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Conversions;

/// <summary>
/// A post (with its audience's country) as every journey and order that touches it shares it, and the touch sources of
/// its touches, one per kind, platform and event-id shape (packed or UUID), made on first use (<see cref="ConversionAttributor"/> pools these by the
/// post's key). A post the pool does not keep (<paramref name="pooled"/> false) makes each touch a source of its own.
/// Mutable (sources are added); not thread-safe: one pool per attributor.
/// </summary>
internal sealed class SharedPost(TouchedPost post, bool pooled = true)
{
    private const int PlatformSlots = (int)Events.Platform.Other + 2; // every platform, and none (a restored touch)
    private const int Kinds = (int)TouchKind.Click + 1;

    private TouchSource?[]? _sources;

    public TouchedPost Post { get; } = post;

    /// <summary>
    /// The one source of this post's touches of <paramref name="kind"/> on <paramref name="platform"/> whose event ids have
    /// the shape of <paramref name="eventKey"/>'s (packed or UUID); a kept id's touch gets a source of its own.
    /// </summary>
    public TouchSource SourceOf(TouchKind kind, Platform? platform, EventIdKey eventKey)
    {
        if (!pooled || kind > TouchKind.Click || platform > Events.Platform.Other || !eventKey.TryGetBits(out _, out var isUuid))
        {
            return new TouchSource(Post, kind, platform, eventKey.Shape); // or a value no event decodes to (a snapshot's byte)
        }

        var slot = (isUuid ? Kinds * PlatformSlots : 0) + ((int)kind * PlatformSlots) + (platform is { } p ? (int)p + 1 : 0);
        _sources ??= new TouchSource?[2 * Kinds * PlatformSlots];
        return _sources[slot] ??= new TouchSource(Post, kind, platform, eventKey.Shape);
    }
}
