using CreatorStream.Core.Events;

namespace CreatorStream.Core.Attribution;

/// <summary>
/// One touchpoint of a user's journey: a view, engagement or click of a creator's post, at event time
/// <see cref="Ts"/> (Unix milliseconds, UTC). Kept for the lookback, so it is small (32 bytes): the post, kind, platform
/// and the event id's shape as one shared <see cref="TouchSource"/> (docs/benchmarks.md, sessions 38 and 39), and the
/// id's 128 bits: together its <see cref="EventIdKey"/>, which orders as the id does. The platform is there because a site session joined to a click
/// counts on the click's post, which is keyed by platform; null for a touchpoint restored from a snapshot older than
/// format 7. Two touchpoints are equal when their post (by value), time, id, kind and platform are. Immutable; thread-safe.
/// </summary>
public readonly struct Touchpoint : IEquatable<Touchpoint>
{
    private readonly TouchSource _source;
    private readonly ulong _idHigh;
    private readonly ulong _idLow;

    /// <summary>A touchpoint with a source of its own (tests, and posts the journeys do not pool).</summary>
    public Touchpoint(TouchedPost post, long ts, EventIdKey eventKey, TouchKind kind, Platform? platform = null)
        : this(new TouchSource(post, kind, platform, eventKey.Shape), ts, eventKey)
    {
    }

    public Touchpoint(string campaignId, string creatorId, string contentId, long ts, string eventId, TouchKind kind)
        : this(new TouchedPost(campaignId, creatorId, contentId), ts, EventIdKey.Of(eventId), kind)
    {
    }

    /// <summary>A touchpoint of a pooled <paramref name="source"/> (the journeys'), which should have the key's id shape (else a copy of it that has is made).</summary>
    internal Touchpoint(TouchSource source, long ts, EventIdKey eventKey)
    {
        _source = source.WithIdShape(eventKey.Shape);
        (_idHigh, _idLow) = eventKey.Bits;
        Ts = ts;
    }

    public TouchedPost Post => _source?.Post!; // default: no source

    /// <summary>The shared source, for tests (pooled touches of one post, kind, platform and event-id shape hold the same).</summary>
    internal TouchSource Source => _source;

    public long Ts { get; init; }

    public EventIdKey EventKey
    {
        get => EventIdKey.FromParts(_idHigh, _idLow, _source?.IdShape);
        init
        {
            // A touch with no source (default) that takes a UUID or a kept id gets a source of no post for the shape.
            _source = _source?.WithIdShape(value.Shape) ?? (value.Shape is null ? null! : new TouchSource(null!, default, null, value.Shape));
            (_idHigh, _idLow) = value.Bits;
        }
    }

    public TouchKind Kind => _source?.Kind ?? default;

    public Platform? Platform => _source?.Platform;

    public string CampaignId => Post.CampaignId;

    public string CreatorId => Post.CreatorId;

    public string ContentId => Post.ContentId;

    /// <summary>The event's id (made from the key: for tests and reports, not the hot path).</summary>
    public string EventId => EventKey.ToString();

    public static bool operator ==(Touchpoint left, Touchpoint right) => left.Equals(right);

    public static bool operator !=(Touchpoint left, Touchpoint right) => !left.Equals(right);

    public bool Equals(Touchpoint other) =>
        Ts == other.Ts && EventKey.Equals(other.EventKey) && Kind == other.Kind && Platform == other.Platform && Equals(Post, other.Post);

    public override bool Equals(object? obj) => obj is Touchpoint other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Post, Ts, EventKey, Kind, Platform);

    public override string ToString() => $"Touchpoint {{ Post = {Post}, Ts = {Ts}, EventKey = {EventKey}, Kind = {Kind}, Platform = {Platform} }}";
}
