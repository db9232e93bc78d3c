using CreatorStream.Core.Streaming;

namespace CreatorStream.Processing.Recovery;

/// <summary>Reads partitions' logs again (Kafka: a consumer outside the group), to rebuild a worker's state.</summary>
public interface IPartitionHistory
{
    /// <summary>
    /// The records of each partition from the start of its retained log up to, not including, its offset in
    /// <paramref name="until"/>, as restore batches in log order per partition.
    /// </summary>
    /// <exception cref="PartitionHistoryTruncatedException">A partition's log no longer starts at offset 0: the events before its retention cannot be re-read.</exception>
    IEnumerable<RecordBatch> Read(IReadOnlyDictionary<SourcePartition, long> until, long wallClockMs, CancellationToken cancellationToken);
}
