using CreatorStream.Core.Events;

namespace CreatorStream.Simulation;

/// <summary>
/// One record of synthetic traffic, ready for a topic or a JSON Lines file, with its ground truth.
/// </summary>
/// <param name="Type">The topic it goes to; for a malformed record, the topic it is sent to (always set by this generator).</param>
/// <param name="Key">The Kafka key: the <c>user_id</c>.</param>
/// <param name="Value">One JSON line (UTF-8, with the <c>type</c> field), or the garbage bytes of a malformed record. Treat as read-only.</param>
/// <param name="Event">The event the bytes encode; null for a malformed record.</param>
/// <param name="Kind">Genuine, duplicate, malformed or late.</param>
/// <param name="FakeLabel">Null for genuine traffic; otherwise one of <see cref="FakeLabels"/> (kept on duplicates and late copies of fake events).</param>
public sealed record GeneratedRecord(EventType? Type, string Key, byte[] Value, StreamEvent? Event, RecordKind Kind, string? FakeLabel);
