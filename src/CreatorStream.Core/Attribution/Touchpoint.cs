using CreatorStream.Core.Events;

namespace CreatorStream.Core.Attribution;

/// <summary>
/// One touchpoint of a user's journey: a view, engagement or click of a creator's post, at event time
/// <paramref name="Ts"/> (Unix milliseconds, UTC). Kept for the lookback, so it is small (48 bytes): the post as a
/// shared reference and the event's id as an <see cref="EventIdKey"/>, which orders as the id does. The platform rides in
/// the padding after the kind (a site session joined to a click counts on the click's post, which is keyed by platform);
/// null for a touchpoint restored from a snapshot older than format 7. Immutable; thread-safe.
/// </summary>
public readonly record struct Touchpoint(TouchedPost Post, long Ts, EventIdKey EventKey, TouchKind Kind, Platform? Platform = null)
{
    public Touchpoint(string campaignId, string creatorId, string contentId, long ts, string eventId, TouchKind kind)
        : this(new TouchedPost(campaignId, creatorId, contentId), ts, EventIdKey.Of(eventId), kind)
    {
    }

    public string CampaignId => Post.CampaignId;

    public string CreatorId => Post.CreatorId;

    public string ContentId => Post.ContentId;

    /// <summary>The event's id (made from the key: for tests and reports, not the hot path).</summary>
    public string EventId => EventKey.ToString();
}
