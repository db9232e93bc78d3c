using System.Globalization;

namespace CreatorStream.Bench;

/// <summary>
/// One second of a live bench (<c>--timeline</c>): records produced in it; records whose commit returned in it, with
/// their latency to the store (p50, p99, max, ms); the commits (count, largest batch, slowest store call); the
/// collections the <see cref="GcSampler"/> saw end in it (gen0, gen1, background gen2, blocking gen2) with their
/// summed and longest pause; the GC heap after the last one; hub messages received; the time snapshots that ended in
/// it held their batches, and the time they took to write (both summed, ms). Immutable.
/// </summary>
public sealed record TimelineRow
{
    public const string CsvHeader =
        "second,produced,committed,latency_ms_p50,latency_ms_p99,latency_ms_max,commits,batch_max,commit_ms_max," +
        "gc0,gc1,gc2_background,gc2_blocking,gc_pause_ms,gc_pause_ms_max,heap_mb,hub_messages," +
        "snapshot_held_ms,snapshot_ms";

    public int Second { get; init; }

    public long Produced { get; init; }

    public long Committed { get; init; }

    public double? LatencyMsP50 { get; init; }

    public double? LatencyMsP99 { get; init; }

    public double? LatencyMsMax { get; init; }

    public int Commits { get; init; }

    public long BatchMax { get; init; }

    public double CommitMsMax { get; init; }

    public int Gc0 { get; init; }

    public int Gc1 { get; init; }

    public int Gc2Background { get; init; }

    public int Gc2Blocking { get; init; }

    public double GcPauseMs { get; init; }

    public double GcPauseMsMax { get; init; }

    public double? HeapMb { get; init; }

    public long HubMessages { get; init; }

    public double SnapshotHeldMs { get; init; }

    public double SnapshotMs { get; init; }

    public string ToCsv() => string.Join(
        ',',
        Second.ToString(CultureInfo.InvariantCulture),
        Produced.ToString(CultureInfo.InvariantCulture),
        Committed.ToString(CultureInfo.InvariantCulture),
        Figure(LatencyMsP50),
        Figure(LatencyMsP99),
        Figure(LatencyMsMax),
        Commits.ToString(CultureInfo.InvariantCulture),
        BatchMax.ToString(CultureInfo.InvariantCulture),
        Figure(CommitMsMax),
        Gc0.ToString(CultureInfo.InvariantCulture),
        Gc1.ToString(CultureInfo.InvariantCulture),
        Gc2Background.ToString(CultureInfo.InvariantCulture),
        Gc2Blocking.ToString(CultureInfo.InvariantCulture),
        Figure(GcPauseMs),
        Figure(GcPauseMsMax),
        Figure(HeapMb),
        HubMessages.ToString(CultureInfo.InvariantCulture),
        Figure(SnapshotHeldMs),
        Figure(SnapshotMs));

    private static string Figure(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "";
}
