namespace CreatorStream.Core.Authenticity;

/// <summary>
/// What the classifier keeps of an account once it is flagged: how many engagements were, the count of each reason, and
/// the latest posts flagged on. Held by <see cref="UserState"/> only from its first flag (one reference for the many
/// accounts never flagged, not three fields: docs/benchmarks.md, session 38). Mutable; not thread-safe.
/// </summary>
internal sealed class AccountFlags
{
    public int Count { get; set; }

    public int[]? ReasonCounts { get; set; }

    public List<FlaggedPost>? Posts { get; set; }
}
