using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.Dataflow;

/// <summary>
/// A source task's event-time progress, sent in-band to every brand partition (as Flink's watermarks flow with the
/// data): <paramref name="Watermark"/> is the newest event time seen on <paramref name="Origin"/> minus the watermark
/// delay (<see cref="long.MinValue"/> before any event), and <paramref name="Idle"/> says the partition has had no
/// record for the idle timeout, so it should not hold the brand tasks back. <paramref name="Position"/> is the
/// origin's next offset when the mark was made; a brand task keeps the latest mark by position. Immutable.
/// </summary>
public readonly record struct SourceMark(SourcePartition Origin, long Position, long Watermark, bool Idle);
