namespace CreatorStream.Core.Events;

/// <summary>
/// Any ingest event. Immutable once decoded; safe to share between threads.
/// <see cref="Ts"/> is event time: integer milliseconds since the Unix epoch, UTC.
/// </summary>
public abstract record StreamEvent
{
    public required string EventId { get; init; }
    public required long Ts { get; init; }
    public required string UserId { get; init; }

    public abstract EventType Type { get; }
}
