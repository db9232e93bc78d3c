namespace CreatorStream.Core.Decoding;

/// <summary>Why a record went to the dead-letter topic. <see cref="DeadLetterReasons.Code(DeadLetterReason)"/> gives the stable wire code.</summary>
public enum DeadLetterReason : byte
{
    InvalidJson,
    SchemaViolation,
    Oversize,
    UnknownEventType,
    TimestampOutOfRange,
    UnknownCampaign,
    UnknownCreator,
    Late,

    /// <summary>A refund (negative value), or a lead update, of an order this pipeline never saw.</summary>
    UnknownOrder,

    /// <summary>A lead update of an order that was not a <c>lead</c> conversion.</summary>
    NotALead,

    /// <summary>A site session naming a click (<c>click_event_id</c>) this pipeline never saw for its user and brand.</summary>
    UnknownClick,
}
