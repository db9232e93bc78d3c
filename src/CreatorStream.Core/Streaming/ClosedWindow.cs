using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.Streaming;

/// <summary>
/// A one-minute bucket the watermark has passed, with its final figures as this worker saw them; published to
/// <c>creatorstream.metrics</c>. A correction re-publishes a closed bucket after a late event changed it.
/// </summary>
public sealed record ClosedWindow(AggregateKey Key, Counters Counters, long Reach, bool IsCorrection, long Watermark);
