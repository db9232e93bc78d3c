using CreatorStream.Core.Streaming;

namespace CreatorStream.Host.Composition;

/// <summary>
/// When each brand task of this worker commits its next snapshot (docs/design.md, "Recovery"): once
/// <see cref="Interval"/> of wall clock has passed since its last, and never sooner than <see cref="CostFactor"/> times
/// as long as its last snapshot took. A snapshot is written inside the task's batch, so the whole stage waits for it:
/// a brand with a large state (hundreds of megabytes, seconds to write; docs/benchmarks.md, session 40) would
/// otherwise spend a growing share of its time, and its records' latency, on snapshots. A longer interval means a
/// longer tail to re-read on a restore, which the same share bounds: a task whose snapshot takes 4 s snapshots every
/// 80 s. Tasks assigned together do not snapshot together: each task's first snapshot after an assignment is due at its
/// own point of the interval (<see cref="Phase"/>), and the interval keeps them apart after. Snapshots captured in one
/// batch share its wait and the two cores: at 13,000 records a second the three busy brands of the bench's generator,
/// captured together every 30 s, held their batch for about 450 ms in a trace; spread apart, the batches were held a
/// third less in all (docs/benchmarks.md, session 63). Reads (<see cref="Due"/>) may run on several threads at once; changes run between
/// batches, on one.
/// </summary>
internal sealed class SnapshotSchedule(TimeSpan interval, int costFactor = SnapshotSchedule.DefaultCostFactor)
{
    /// <summary>At most a twentieth of a task's wall clock on snapshots.</summary>
    public const int DefaultCostFactor = 20;

    private readonly Dictionary<SourcePartition, (long At, double TookMs)> _last = [];

    public TimeSpan Interval { get; } = interval;

    public int CostFactor { get; } = costFactor > 0 ? costFactor : throw new ArgumentOutOfRangeException(nameof(costFactor), costFactor, "must be at least 1");

    /// <summary>
    /// A task restored at <paramref name="nowMs"/>: its first snapshot is due at its <see cref="Phase"/> of the interval
    /// (within an interval), or at once when <paramref name="soon"/> (the restore re-read records, which the next owner
    /// should not re-read again).
    /// </summary>
    public void Restored(SourcePartition partition, long nowMs, bool soon) => _last[partition] = (soon ? long.MinValue / 2 : nowMs - Phase(partition), 0);

    /// <summary>
    /// How far into the interval <paramref name="partition"/>'s first snapshot comes earlier than a whole interval after
    /// its assignment, in milliseconds, from 0 to under the interval: the fractional part of the partition's number times
    /// the golden ratio's inverse, so partitions 0, 1, 2, … fall far apart whatever their count (any n of them leave gaps of
    /// at most three sizes, the smallest over a fortieth of the interval for n up to 16).
    /// </summary>
    public long Phase(SourcePartition partition)
    {
        const double InverseGoldenRatio = 0.6180339887498949;
        var fraction = (partition.Partition * InverseGoldenRatio) % 1;
        return (long)(fraction * Interval.TotalMilliseconds);
    }

    public void Revoked(SourcePartition partition) => _last.Remove(partition);

    /// <summary>Whether the task of <paramref name="partition"/> should snapshot in the batch cut at <paramref name="nowMs"/>.</summary>
    public bool Due(SourcePartition partition, long nowMs) =>
        _last.TryGetValue(partition, out var last) && nowMs - last.At >= WaitAfter(last.TookMs);

    /// <summary>The task committed a snapshot in the batch cut at <paramref name="nowMs"/>, which took <paramref name="tookMs"/> to write.</summary>
    public void Taken(SourcePartition partition, long nowMs, double tookMs) => _last[partition] = (nowMs, tookMs);

    /// <summary>
    /// The store committed the task's last snapshot's batch without it (<see cref="Core.State.StateDelta.SnapshotDropped"/>):
    /// the next is due once the cost's share of its last has passed since <paramref name="nowMs"/>, not a whole interval
    /// (a restore re-reads from the snapshot before). A store that keeps dropping them still costs at most that share.
    /// </summary>
    public void Dropped(SourcePartition partition, long nowMs)
    {
        var took = _last.TryGetValue(partition, out var last) ? last.TookMs : 0;
        _last[partition] = (nowMs - (long)WaitAfter(took) + (long)(CostFactor * took), took);
    }

    /// <summary>Milliseconds after its last snapshot that the task's next is due (the interval, or its cost's share), for tests and logs.</summary>
    public double NextAfterMs(SourcePartition partition) => WaitAfter(_last.TryGetValue(partition, out var last) ? last.TookMs : 0);

    /// <summary>The wait after a snapshot that took <paramref name="tookMs"/>: the interval, or its cost's share if longer.</summary>
    private double WaitAfter(double tookMs) => Math.Max(Interval.TotalMilliseconds, CostFactor * tookMs);
}
