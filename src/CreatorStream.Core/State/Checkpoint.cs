using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.State;

/// <summary>
/// Where the tasks of some partitions stand in a store (docs/design.md, "Recovery"): per input partition, the next
/// offset committed with the state, and the task's last snapshot (its state at some earlier or equal offset, which the
/// snapshot records itself). A task taking a partition over loads the snapshot and re-reads the partition from the
/// snapshot's offset to <see cref="Offsets"/>, then resumes. Immutable.
/// </summary>
public sealed record Checkpoint(IReadOnlyDictionary<SourcePartition, long> Offsets, IReadOnlyDictionary<SourcePartition, Snapshots.SnapshotBytes> Snapshots)
{
    public static Checkpoint Empty { get; } = new(new Dictionary<SourcePartition, long>(), new Dictionary<SourcePartition, Snapshots.SnapshotBytes>());
}
