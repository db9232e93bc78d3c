namespace CreatorStream.Core.Events;

/// <summary>
/// Any ingest event. Immutable once decoded; safe to share between threads.
/// <see cref="Ts"/> is event time: integer milliseconds since the Unix epoch, UTC.
/// </summary>
public abstract record StreamEvent
{
    private readonly string _userId = null!;

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

    public abstract EventType Type { get; }
}
