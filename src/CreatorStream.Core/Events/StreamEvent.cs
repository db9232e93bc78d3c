using System.Diagnostics.CodeAnalysis;

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

    // The event id as its key: a short id or a UUID is no object (docs/design.md, "Per-event cost").
    private readonly EventIdKey _eventId;

    protected StreamEvent()
    {
    }

    /// <summary>
    /// An event with the id <paramref name="eventId"/>, for the decoder, which reads ids as keys and so has no string to
    /// give <see cref="EventId"/>. It sets no other member: what it builds sets the rest, and the decoder's tests check it.
    /// </summary>
#pragma warning disable CS8618 // the decoder's initializer sets the other members
    [SetsRequiredMembers]
    private protected StreamEvent(EventIdKey eventId)
    {
        _eventId = eventId;
    }
#pragma warning restore CS8618

    /// <summary>
    /// The event's id. The event holds it as its key (<see cref="IdKey"/>), so reading it makes a string each time for a
    /// short id or a UUID: the event path reads <see cref="IdKey"/>.
    /// </summary>
    public required string EventId
    {
        get => _eventId.ToString();
        init => _eventId = EventIdKey.Of(value);
    }

    /// <summary>
    /// The event id's key, made once with the event (on the decoding threads) for deduplication, the journeys, the
    /// classifier and the event-time order, each of which read it instead of parsing the id again.
    /// </summary>
    internal EventIdKey IdKey => _eventId;
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
