using CreatorStream.Core.Streaming;

namespace CreatorStream.Processing.Recovery;

/// <summary>Reads partitions' logs again (Kafka: a consumer outside the group), to rebuild a worker's state.</summary>
public interface IPartitionHistory
{
    /// <summary>
    /// The records of each partition from the start of its retained log up to, not including, its offset in
    /// <paramref name="until"/>, as restore batches in log order per partition.
    /// </summary>
    /// <remarks>
    /// A partition whose log no longer starts at offset 0 has lost records to retention: the state they made cannot be
    /// rebuilt (the stored figures are intact; journeys, deduplication and judgements before the gap are not). An
    /// implementation reads what is left, logs an error and counts it in <see cref="TruncatedPartitions"/> (DESIGN.md
    /// section 11: loss is raised, never absorbed silently).
    /// </remarks>
    IEnumerable<RecordBatch> Read(IReadOnlyDictionary<SourcePartition, long> until, long wallClockMs, CancellationToken cancellationToken);

    /// <summary>Partitions found truncated by retention when rebuilding, over the process's life.</summary>
    long TruncatedPartitions { get; }
}
