namespace CreatorStream.Core.Attribution;

/// <summary>
/// One touchpoint of a user's journey: a view, engagement or click of a creator's content, at event time
/// <paramref name="Ts"/> (Unix milliseconds, UTC). Immutable; thread-safe.
/// </summary>
public readonly record struct Touchpoint(
    string CampaignId,
    string CreatorId,
    string ContentId,
    long Ts,
    string EventId,
    TouchKind Kind);
