using CreatorStream.Core.State;

namespace CreatorStream.Core.Streaming;

/// <summary>
/// A micro-batch of records, the unit of processing and of atomic commit. <see cref="WallClockMs"/> is when the
/// batch was formed (for freshness and idle-partition detection), read from an injected clock by the edge.
/// </summary>
public sealed record RecordBatch(IReadOnlyList<InboundRecord> Records, long WallClockMs)
{
    /// <summary>Partitions newly assigned to this worker (a rebalance) before these records: they hold the watermark until they deliver or go idle.</summary>
    public IReadOnlyList<SourcePartition> Assigned { get; init; } = [];

    /// <summary>The store's checkpoint as read when <see cref="Assigned"/> partitions were assigned (their offsets fence commits).</summary>
    public Checkpoint Checkpoint { get; init; } = Checkpoint.Empty;

    /// <summary>Records re-read from the log to rebuild state after an assignment: processed, but their output is already stored.</summary>
    public bool IsRestore { get; init; }

    /// <summary>
    /// Silent partitions the edge cannot vouch for: their log may hold records not yet delivered (a broker down, fetches
    /// refused, a consumer behind), so their silence must not make them idle. Empty when the edge knows of no such gap.
    /// </summary>
    public IReadOnlySet<SourcePartition> Behind { get; init; } = NoPartitions;

    /// <summary>Partitions taken from this worker: their watermarks and deduplication memory are forgotten.</summary>
    public IReadOnlyList<SourcePartition> Revoked { get; init; } = [];

    /// <summary>
    /// What lends the records' bytes, when they are lent rather than owned (a replay's line blocks): disposed by whoever
    /// reads the records last, after which they must not be read. Null when the records own their bytes.
    /// </summary>
    public IDisposable? Buffers { get; init; }

    private static readonly IReadOnlySet<SourcePartition> NoPartitions = new HashSet<SourcePartition>();
}
