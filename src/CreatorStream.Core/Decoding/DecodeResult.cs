using CreatorStream.Core.Events;

namespace CreatorStream.Core.Decoding;

/// <summary>The outcome of decoding one record: an event, or the reason it was rejected.</summary>
public readonly record struct DecodeResult(StreamEvent? Event, DeadLetterReason Reason, string? Message)
{
    public bool IsSuccess => Event is not null;

    public static DecodeResult Ok(StreamEvent value) => new(value, default, null);

    public static DecodeResult Fail(DeadLetterReason reason, string message) => new(null, reason, message);
}
