using CreatorStream.Core.Streaming;

namespace CreatorStream.Processing.Recovery;

/// <summary>Reads partitions' logs again (Kafka: a consumer outside the group), to rebuild a task's state after its snapshot.</summary>
public interface IPartitionHistory
{
    /// <summary>
    /// The records of each partition from its offset in <paramref name="from"/> (0 when absent: the task has no snapshot)
    /// up to, not including, its offset in <paramref name="until"/>, as restore batches in log order per partition.
    /// </summary>
    /// <remarks>
    /// A partition whose log no longer holds the first offset wanted has lost records to retention: the state they made
    /// cannot be rebuilt (the stored figures are intact; memory before the gap is not). An implementation reads what is
    /// left, logs an error and counts it in <see cref="TruncatedPartitions"/> (loss is raised, never absorbed silently).
    /// Snapshots taken more often than retention drops records make this never happen (docs/design.md, "Recovery").
    /// </remarks>
    IEnumerable<RecordBatch> Read(IReadOnlyDictionary<SourcePartition, long> from, IReadOnlyDictionary<SourcePartition, long> until, long wallClockMs, CancellationToken cancellationToken);

    /// <summary>Partitions found truncated by retention when rebuilding, over the process's life.</summary>
    long TruncatedPartitions { get; }
}
