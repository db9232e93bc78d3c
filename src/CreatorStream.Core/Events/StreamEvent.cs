namespace CreatorStream.Core.Events;

/// <summary>
/// Any ingest event. Immutable once decoded (<see cref="ShareUserId"/> only swaps in an equal instance of the id); safe
/// to share between threads.
/// <see cref="Ts"/> is event time: integer milliseconds since the Unix epoch, UTC.
/// </summary>
public abstract record StreamEvent
{
    // Not readonly only for ShareUserId, which swaps in an equal instance: the value never changes.
    private string _userId = null!;

    public required string EventId { get; init; }
    public required long Ts { get; init; }

    public required string UserId
    {
        get => _userId;
        init
        {
            _userId = value;
            UserKey = value is null ? 0 : Sketches.UserHash.Of(value);
        }
    }

    /// <summary>
    /// <see cref="Sketches.UserHash.Of(string)"/> of <see cref="UserId"/>, made once with the event (on the decoding
    /// threads) so that the brand task's tables keyed by the user (the reach sketches, the funnel, the classifier) read it
    /// instead of hashing the id again, four to six times an event (docs/design.md, "Per-event cost").
    /// </summary>
    internal ulong UserKey { get; private init; }

    /// <summary>
    /// Holds <paramref name="same"/> as the user's id instead of the decoded copy when the two are equal (and does nothing
    /// otherwise), so that what keeps the id past the event (the classifier's account, the flagged list) keeps the one
    /// instance the user's journey holds, not a copy of its own per user (docs/benchmarks.md, session 38). The value is
    /// unchanged, so readers on any thread see the same id either way.
    /// </summary>
    internal void ShareUserId(string same)
    {
        if (!ReferenceEquals(same, _userId) && string.Equals(same, _userId, StringComparison.Ordinal))
        {
            _userId = same;
        }
    }

    public abstract EventType Type { get; }
}
