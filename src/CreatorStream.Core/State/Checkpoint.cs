using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.State;

/// <summary>
/// What a store holds about where processing stands, per partition: the next offset to read, and the watermark
/// through which that partition's events have been released (judged and attributed). A worker that takes a partition
/// over rebuilds its state from the partition's log up to <see cref="Offsets"/>, then treats the events at or before
/// <see cref="ReleasedThrough"/> as already released. Immutable.
/// </summary>
public sealed record Checkpoint(IReadOnlyDictionary<SourcePartition, long> Offsets, IReadOnlyDictionary<SourcePartition, long> ReleasedThrough)
{
    public static Checkpoint Empty { get; } = new(new Dictionary<SourcePartition, long>(), new Dictionary<SourcePartition, long>());
}
