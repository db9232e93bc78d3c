using CreatorStream.Core.Events;

namespace CreatorStream.Testing.Fuzz;

/// <summary>
/// One record of a fuzz mix: its topic's type, key and value bytes, and for a bad record its <see cref="FuzzKind"/> and
/// the dead-letter reason code it must get (<see cref="Core.Decoding.DeadLetterReasons"/>). Valid records carry neither.
/// </summary>
public sealed record FuzzRecord(EventType Topic, byte[] Key, byte[] Value, FuzzKind? Kind, string? ExpectedReason)
{
    public bool IsBad => Kind is not null;
}
