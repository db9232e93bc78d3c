using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.Dataflow;

/// <summary>
/// A source task's event-time progress, sent in-band to every brand partition (as Flink's watermarks flow with the
/// data): <paramref name="Watermark"/> is the newest event time seen on <paramref name="Origin"/> minus the watermark
/// delay (<see cref="long.MinValue"/> before any event), and <paramref name="Idle"/> says the partition has had no
/// record for the idle timeout, so it should not hold the brand tasks back. <paramref name="Position"/> is the
/// origin's next offset when the mark was made; a brand task keeps the latest mark by position. Immutable.
/// </summary>
public readonly record struct SourceMark(SourcePartition Origin, long Position, long Watermark, bool Idle)
{
    /// <summary>
    /// The order a batch's marks go out in: sources that hold event time back first, the lowest watermark first, then
    /// the idle ones. A brand task applies marks one at a time and its event time never moves back, so in any other order
    /// a prefix of the marks could move it past where the whole set puts it: a peer given the idle timeout again on a
    /// resumed stream (<see cref="SourceTask.GiveIdleTimeoutAgain"/>) must hold it before the first partition back moves
    /// it. In this order event time after each mark is at most what it is after all of them.
    /// </summary>
    public static readonly Comparison<SourceMark> ApplyOrder = (a, b) =>
        a.Idle != b.Idle ? a.Idle.CompareTo(b.Idle)
        : a.Watermark != b.Watermark ? a.Watermark.CompareTo(b.Watermark)
        : string.CompareOrdinal(a.Origin.Topic, b.Origin.Topic) is var topic and not 0 ? topic
        : a.Origin.Partition.CompareTo(b.Origin.Partition); // ties in a fixed order too: List.Sort is not stable
}
