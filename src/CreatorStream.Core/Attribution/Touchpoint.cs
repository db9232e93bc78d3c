using CreatorStream.Core.Events;

namespace CreatorStream.Core.Attribution;

/// <summary>
/// One touchpoint of a user's journey: a view, engagement or click of a creator's content, at event time
/// <paramref name="Ts"/> (Unix milliseconds, UTC). The event's id is kept as an <see cref="EventIdKey"/> (a journey
/// lives for the lookback, so no string per touch), which orders as the id does. Immutable; thread-safe.
/// </summary>
public readonly record struct Touchpoint(
    string CampaignId,
    string CreatorId,
    string ContentId,
    long Ts,
    EventIdKey EventKey,
    TouchKind Kind)
{
    public Touchpoint(string campaignId, string creatorId, string contentId, long ts, string eventId, TouchKind kind)
        : this(campaignId, creatorId, contentId, ts, EventIdKey.Of(eventId), kind)
    {
    }

    /// <summary>The event's id (made from the key: for tests and reports, not the hot path).</summary>
    public string EventId => EventKey.ToString();
}
