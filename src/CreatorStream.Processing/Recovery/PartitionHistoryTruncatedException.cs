using CreatorStream.Core.Streaming;

namespace CreatorStream.Processing.Recovery;

/// <summary>
/// A partition's log has lost its oldest records to retention, so a worker cannot rebuild the state those records
/// made (DESIGN.md section 11: data loss must be raised, never absorbed silently).
/// </summary>
public sealed class PartitionHistoryTruncatedException(SourcePartition partition, long firstOffset)
    : Exception($"{partition} starts at offset {firstOffset}: the records before it are gone from the log, so its state cannot be rebuilt")
{
    public SourcePartition Partition { get; } = partition;

    public long FirstOffset { get; } = firstOffset;
}
