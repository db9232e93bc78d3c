namespace CreatorStream.Core.Snapshots;

/// <summary>
/// A snapshot passed the bytes its writer was allowed (<see cref="SnapshotWriter"/>'s limit: what the state store keeps
/// of one task): it was abandoned where it stood, and the task's state is as it was (writing a
/// snapshot only reads it). The worker counts it and keeps its last snapshot (docs/design.md, "Recovery").
/// </summary>
public sealed class SnapshotTooLargeException(long limit)
    : InvalidOperationException($"The snapshot passed {limit:N0} bytes, the most it may take: the state is too large to save in one piece")
{
    /// <summary>The bytes the snapshot was allowed.</summary>
    public long Limit { get; } = limit;
}
