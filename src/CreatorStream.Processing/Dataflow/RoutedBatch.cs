using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Processing.Dataflow;

/// <summary>
/// What the source stage made of one input batch: its dead letters and counts (<see cref="Sources"/>), and for every
/// brand partition the routed events and the sources' marks, in order. Read-only once made.
/// </summary>
public sealed record RoutedBatch(SourceOutput Sources, IReadOnlyList<BrandInput>[] ByPartition, long WallClockMs)
{
    /// <summary>What lends the input records' bytes, if anything (<see cref="RecordBatch.Buffers"/>): disposed once every brand partition has processed the batch.</summary>
    public IDisposable? Buffers { get; init; }
}
