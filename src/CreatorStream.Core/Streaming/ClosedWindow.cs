using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.Streaming;

/// <summary>
/// A one-minute bucket the watermark has passed, with its final figures as this worker saw them; published to
/// <c>creatorstream.metrics</c>. A correction re-publishes a closed bucket after a late event changed it. A value (about
/// 330 bytes with its counters): a batch's windows sit in a list its result borrows and gives back once they are
/// published (<see cref="BatchResult.WindowsPublished"/>), so closing a minute makes no object a window.
/// </summary>
public readonly record struct ClosedWindow(AggregateKey Key, Counters Counters, long Reach, bool IsCorrection, long Watermark);
