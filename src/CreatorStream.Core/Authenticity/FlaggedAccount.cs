namespace CreatorStream.Core.Authenticity;

/// <summary>
/// An account the classifier flagged, for explaining an alert: its current (decayed) suspicion, how often each
/// reason fired on its flagged events (all posts), how many of its events on the posts asked about were flagged,
/// and when it was last seen (event time, ms). Immutable.
/// </summary>
public sealed record FlaggedAccount(
    string AccountId,
    double Suspicion,
    IReadOnlyDictionary<string, int> ReasonCounts,
    int EngagementsFlagged,
    long LastSeenTs);
