namespace CreatorStream.Core.Streaming;

/// <summary>
/// A micro-batch of records, the unit of processing and of atomic commit. <see cref="WallClockMs"/> is when the
/// batch was formed (for freshness and idle-partition detection), read from an injected clock by the edge.
/// </summary>
public sealed record RecordBatch(IReadOnlyList<InboundRecord> Records, long WallClockMs);
