using CreatorStream.Core.Dataflow;

namespace CreatorStream.Processing.Dataflow;

/// <summary>
/// What the source stage made of one input batch: its dead letters and counts (<see cref="Sources"/>), and for every
/// brand partition the routed events and the sources' marks, in order. Read-only once made.
/// </summary>
public sealed record RoutedBatch(SourceOutput Sources, IReadOnlyList<BrandInput>[] ByPartition, long WallClockMs);
