namespace CreatorStream.Core.Events;

/// <summary>
/// Any ingest event. Immutable to its users (every member is set by initializers alone); safe to share between threads.
/// One exception, made for the hot path: an audience event decoded by a decoder that recycles is filled again for
/// another record once its last holder releases it (<see cref="DecodedEvents.Release"/>), so code on the event path
/// keeps an event's ids and numbers, never the event (docs/design.md, "Per-event cost").
/// <see cref="Ts"/> is event time: integer milliseconds since the Unix epoch, UTC.
/// </summary>
public abstract record StreamEvent
{
    // The event's and the user's ids as their keys: a short id or a UUID is no object (docs/design.md, "Per-event cost").
    // Not readonly, and no auto-property below is either, so that a decoded audience event can be filled again from a
    // pool (AudienceEventPool, Reset): from outside, every member is still set only by initializers.
    private EventIdKey _eventId;
    private EventIdKey _userId;
    private long _ts;
    private ulong _userKey;

    protected StreamEvent()
    {
    }

    /// <summary>
    /// Sets the ids as the decoder reads them, as keys (it has no strings to give <see cref="EventId"/> and
    /// <see cref="UserId"/>; <paramref name="userKey"/> is the user's <see cref="UserKey"/>), and the event time.
    /// </summary>
    private protected void Reset(EventIdKey eventId, EventIdKey userId, ulong userKey, long ts)
    {
        _eventId = eventId;
        _userId = userId;
        _userKey = userKey;
        _ts = ts;
    }

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

    public required long Ts
    {
        get => _ts;
        init => _ts = value;
    }

    /// <summary>
    /// The user's id. The event holds it as its key (<see cref="UserIdKey"/>), as it does its own id, so reading it
    /// makes a string each time for a short id or a UUID: the event path reads <see cref="UserIdKey"/> and
    /// <see cref="UserKey"/>.
    /// </summary>
    public required string UserId
    {
        get => _userId.IsNone ? null! : _userId.ToString();
        init
        {
            _userId = value is null ? default : EventIdKey.Of(value);
            _userKey = value is null ? 0 : Sketches.UserHash.Of(value);
        }
    }

    /// <summary>
    /// The user id's exact key (<see cref="EventIdKey"/>: equal exactly when the ids are), which the journeys and the
    /// classifier's accounts keep instead of the id's string (docs/design.md, "Per-event cost").
    /// </summary>
    internal EventIdKey UserIdKey => _userId;

    /// <summary>
    /// <see cref="Sketches.UserHash.Of(string)"/> of <see cref="UserId"/>, made once with the event (on the decoding
    /// threads) so that the brand task's tables keyed by the user (the reach sketches, the funnel, the classifier) read it
    /// instead of hashing the id again, four to six times an event (docs/design.md, "Per-event cost").
    /// </summary>
    internal ulong UserKey => _userKey;

    public abstract EventType Type { get; }
}
