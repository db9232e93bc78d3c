using CreatorStream.Core.Events;

namespace CreatorStream.Core.Streaming;

/// <summary>
/// One raw record as it came off a topic or a file line: where it came from and its bytes, untouched, so a
/// dead letter can carry them verbatim. <see cref="TypeHint"/> is the topic's event type (null for JSON Lines,
/// whose lines name their own type). <see cref="WrittenAtMs"/> is when the log took the record (Kafka's create or append
/// time; null for file lines): it is the "now" the future-skew check measures against, the same on every read of the
/// log, so a worker rebuilding state from the log judges each record as it was judged the first time.
/// </summary>
public readonly record struct InboundRecord(
    SourcePartition Source,
    long Offset,
    EventType? TypeHint,
    ReadOnlyMemory<byte> Key,
    ReadOnlyMemory<byte> Value,
    long? WrittenAtMs = null)
{
    /// <summary>This record with its key and value copied into arrays of their own, to outlive a batch whose bytes are lent.</summary>
    public InboundRecord Owned() => this with { Key = Key.IsEmpty ? ReadOnlyMemory<byte>.Empty : Key.ToArray(), Value = Value.IsEmpty ? ReadOnlyMemory<byte>.Empty : Value.ToArray() };
}
