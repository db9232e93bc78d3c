namespace CreatorStream.Core.Streaming;

/// <summary>
/// A micro-batch of records, the unit of processing and of atomic commit. <see cref="WallClockMs"/> is when the
/// batch was formed (for freshness and idle-partition detection), read from an injected clock by the edge.
/// </summary>
public sealed record RecordBatch(IReadOnlyList<InboundRecord> Records, long WallClockMs)
{
    /// <summary>Partitions newly assigned to this worker (a rebalance) before these records: they hold the watermark until they deliver or go idle.</summary>
    public IReadOnlyList<SourcePartition> Assigned { get; init; } = [];

    /// <summary>Partitions taken from this worker: their watermarks and deduplication memory are forgotten.</summary>
    public IReadOnlyList<SourcePartition> Revoked { get; init; } = [];
}
