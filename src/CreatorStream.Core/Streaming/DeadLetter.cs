using CreatorStream.Core.Decoding;

namespace CreatorStream.Core.Streaming;

/// <summary>A record the pipeline could not use, with its original bytes and the stage and reason that rejected it.</summary>
public sealed record DeadLetter(InboundRecord Record, DeadLetterStage Stage, DeadLetterReason Reason, string Message);
