using CreatorStream.Core.Decoding;

namespace CreatorStream.Core.Streaming;

/// <summary>
/// A record the pipeline could not use, with its original bytes and the stage and reason that rejected it. It keeps a
/// copy of the record's key and value: a dead letter outlives its batch, whose bytes may be lent (a replay's line blocks).
/// </summary>
public sealed record DeadLetter(InboundRecord Record, DeadLetterStage Stage, DeadLetterReason Reason, string Message)
{
    public InboundRecord Record { get; init; } = Record.Owned();
}
