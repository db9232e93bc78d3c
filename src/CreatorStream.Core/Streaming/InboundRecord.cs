using CreatorStream.Core.Events;

namespace CreatorStream.Core.Streaming;

/// <summary>
/// One raw record as it came off a topic or a file line: where it came from and its bytes, untouched, so a
/// dead letter can carry them verbatim. <see cref="TypeHint"/> is the topic's event type (null for JSON Lines,
/// whose lines name their own type).
/// </summary>
public readonly record struct InboundRecord(
    SourcePartition Source,
    long Offset,
    EventType? TypeHint,
    ReadOnlyMemory<byte> Key,
    ReadOnlyMemory<byte> Value);
