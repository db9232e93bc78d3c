namespace CreatorStream.Testing.Fuzz;

/// <summary>The kinds of bad input the fuzz generator makes (issue 9). Each bad record is labelled with its kind and the dead-letter reason it must get.</summary>
public enum FuzzKind : byte
{
    /// <summary>A valid record cut short anywhere inside it: INVALID_JSON.</summary>
    TruncatedJson,

    /// <summary>A known field holding the wrong JSON type (a quoted ts, a numeric id, an object): SCHEMA_VIOLATION.</summary>
    WrongType,

    /// <summary>A required field removed, or an id blank: SCHEMA_VIOLATION.</summary>
    MissingField,

    /// <summary>No <c>type</c> in a JSON Lines record: UNKNOWN_EVENT_TYPE (a topic's records may omit it).</summary>
    MissingType,

    /// <summary>A platform, format, kind or currency outside its enumeration: SCHEMA_VIOLATION.</summary>
    UnknownEnum,

    /// <summary>A <c>type</c> that names no event type: UNKNOWN_EVENT_TYPE.</summary>
    UnknownEventType,

    /// <summary>An id over the id limit or a comment over the text limit (ASCII or multi-byte): SCHEMA_VIOLATION.</summary>
    HugeString,

    /// <summary>A number no field can hold (1e400, past long or int, a fraction where an integer belongs): SCHEMA_VIOLATION.</summary>
    HugeNumber,

    /// <summary>Arrays or objects nested past the depth limit: INVALID_JSON.</summary>
    DeepNesting,

    /// <summary>Bytes that are not UTF-8 (overlong, surrogate, stray continuation, cut sequence), in a string, a name or a skipped field: INVALID_JSON.</summary>
    InvalidUtf8,

    /// <summary>A raw control character inside a string: INVALID_JSON.</summary>
    ControlCharacter,

    /// <summary>A negative ts: TIMESTAMP_OUT_OF_RANGE.</summary>
    NegativeTimestamp,

    /// <summary>A ts before 2000 (seconds instead of ms, zero): TIMESTAMP_OUT_OF_RANGE.</summary>
    AncientTimestamp,

    /// <summary>A ts after 2100 (microseconds instead of ms, long.MaxValue): TIMESTAMP_OUT_OF_RANGE.</summary>
    FarFutureTimestamp,

    /// <summary>A ts within 2000–2100 but further ahead of the wall clock than the skew (live only): TIMESTAMP_OUT_OF_RANGE.</summary>
    FutureSkew,

    /// <summary>A campaign (or, for a conversion without one, a brand) that is not configured: UNKNOWN_CAMPAIGN.</summary>
    UnknownCampaign,

    /// <summary>A creator not in its campaign: UNKNOWN_CREATOR.</summary>
    UnknownCreator,

    /// <summary>A record over the size limit: OVERSIZE.</summary>
    Oversize,

    /// <summary>JSON that is not an object (array, string, number, null, true): SCHEMA_VIOLATION.</summary>
    NotAnObject,

    /// <summary>Not JSON at all (HTML, binary, two objects, trailing text, an empty message): INVALID_JSON.</summary>
    Garbage,

    /// <summary><c>{}</c>: UNKNOWN_EVENT_TYPE in a file (no type), SCHEMA_VIOLATION on a topic (no event_id).</summary>
    EmptyObject,

    /// <summary>A record on the topic of another type (topics only): SCHEMA_VIOLATION.</summary>
    TopicMismatch,
}
