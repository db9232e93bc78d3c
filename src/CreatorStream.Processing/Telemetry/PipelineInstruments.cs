using System.Diagnostics.Metrics;

namespace CreatorStream.Processing.Telemetry;

/// <summary>Batch and event-time instruments of the worker's pipeline (recorded by the composition, not by Core).</summary>
public static class PipelineInstruments
{
    // Batches are cut at 5,000 records or 50 ms (IngestConsumerOptions): these bounds show how full they run.
    private static readonly long[] SizeBounds = [0, 1, 10, 50, 100, 500, 1_000, 2_500, 5_000];

    // From 5 ms (an empty batch into memory) to 30 s (a store retrying); the target is p99 ≤ 100 ms (issue 8).
    private static readonly double[] LatencyBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    // A snapshot from an empty task (a few kilobytes) to a brand of millions of users (a gigabyte).
    private static readonly long[] SnapshotSizeBounds = [10_000, 100_000, 1_000_000, 10_000_000, 50_000_000, 100_000_000, 250_000_000, 500_000_000, 1_000_000_000];

    private static long _watermarkLagMs = long.MinValue;

    public static Histogram<long> BatchRecords { get; } = StreamMeter.Meter.CreateHistogram(
        "creatorstream_batch_records",
        unit: "{record}",
        description: "Records per micro-batch taken from Kafka, by stage (sources: ingest topics; brands: the brand topic).",
        tags: null,
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = SizeBounds });

    public static Histogram<double> BatchDuration { get; } = StreamMeter.Meter.CreateHistogram(
        "creatorstream_batch_duration_seconds",
        unit: "s",
        description: "From a batch being cut off the consumer to one task's state, offsets and dead letters being durable (one per task commit), by stage.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBounds });

    public static Histogram<double> BatchRecordAge { get; } = StreamMeter.Meter.CreateHistogram(
        "creatorstream_batch_record_age_seconds",
        unit: "s",
        description: "How old a batch's oldest record was when the batch was cut off the consumer, by the record's Kafka timestamp (its producer's clock): its time in the log, the fetch and the batch's wait, by stage.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBounds });

    /// <summary>
    /// Records <see cref="BatchRecordAge"/> for a batch read from Kafka (docs/operations.md): nothing for a batch without
    /// timestamps or a restore's re-read, whose records are old by design.
    /// </summary>
    public static void RecordAge(Core.Streaming.RecordBatch batch, string stage)
    {
        if (!batch.IsRestore && OldestAgeSeconds(batch) is { } age)
        {
            BatchRecordAge.Record(age, new KeyValuePair<string, object?>("stage", stage));
        }
    }

    /// <summary>
    /// The age of the batch's oldest record when the batch was cut (<see cref="Core.Streaming.RecordBatch.WallClockMs"/>
    /// less the earliest <see cref="Core.Streaming.InboundRecord.WrittenAtMs"/>), in seconds; 0 when the producer's clock
    /// is ahead of this worker's; null when no record has a timestamp.
    /// </summary>
    public static double? OldestAgeSeconds(Core.Streaming.RecordBatch batch)
    {
        var oldest = long.MaxValue;
        var records = batch.Records;
        for (var i = 0; i < records.Count; i++)
        {
            oldest = records[i].WrittenAtMs is { } written && written < oldest ? written : oldest;
        }

        return oldest == long.MaxValue ? null : Math.Max(0, batch.WallClockMs - oldest) / 1000.0;
    }

    public static Counter<double> SourceHeld { get; } = StreamMeter.Meter.CreateCounter<double>(
        "creatorstream_source_held_seconds_total",
        unit: "s",
        description: "Time the source stage waited before sending because a brand partition held too many records the brand stage had not committed (backpressure).");

    public static Counter<long> TaskRestores { get; } = StreamMeter.Meter.CreateCounter<long>(
        "creatorstream_task_restores_total",
        unit: "{task}",
        description: "Tasks restored on this worker after a partition was assigned to it, by stage: with cooperative rebalancing, only the partitions that moved.");

    public static Counter<long> TaskRestoreRecords { get; } = StreamMeter.Meter.CreateCounter<long>(
        "creatorstream_task_restore_records_total",
        unit: "{record}",
        description: "Records re-read to restore brand tasks (the tail of each partition after its snapshot).");

    public static Counter<long> DedupFilterHits { get; } = StreamMeter.Meter.CreateCounter<long>(
        "creatorstream_dedup_filter_hits_total",
        unit: "{event}",
        description: "Events dropped as duplicates on a deduplication filter's word alone (ids behind the exact tier; each wrong with probability at most 1 in 10,000). Committed batches only.");

    public static Counter<long> DedupFilterLookups { get; } = StreamMeter.Meter.CreateCounter<long>(
        "creatorstream_dedup_filter_lookups_total",
        unit: "{lookup}",
        description: "Deduplication filters consulted (an id older than the exact tier consults each filter of its hour): 1 in 10,000 of these bounds the expected wrong drops. Committed batches only.");

    public static Histogram<double> TaskRestoreDuration { get; } = StreamMeter.Meter.CreateHistogram(
        "creatorstream_task_restore_duration_seconds",
        unit: "s",
        description: "Time to restore one brand task: load its snapshot and re-read its partition's tail.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBounds });

    public static Histogram<double> SnapshotDuration { get; } = StreamMeter.Meter.CreateHistogram(
        "creatorstream_task_snapshot_duration_seconds",
        unit: "s",
        description: "Time to take one brand task's snapshot: its part inside the batch, then its frozen parts written beside the stage (docs/design.md, \"Recovery\").",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBounds });

    public static Histogram<double> SnapshotHeld { get; } = StreamMeter.Meter.CreateHistogram(
        "creatorstream_task_snapshot_held_seconds",
        unit: "s",
        description: "Time one brand task's snapshot held its batch (small parts written, large ones frozen): the stage's records wait that long (docs/design.md, \"Recovery\").",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBounds });

    public static Histogram<long> SnapshotBytes { get; } = StreamMeter.Meter.CreateHistogram(
        "creatorstream_task_snapshot_bytes",
        unit: "By",
        description: "Size of one brand task's snapshot, committed with its offsets.",
        tags: null,
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = SnapshotSizeBounds });

    public static Counter<long> SnapshotsRefused { get; } = StreamMeter.Meter.CreateCounter<long>(
        "creatorstream_task_snapshots_refused_total",
        unit: "{snapshot}",
        description: "Brand-task snapshots larger than the state store's limit (none for Redis, which takes large ones in parts), not committed: the task's last snapshot stands, and a restore re-reads its log from there.");

    public static ObservableGauge<double> WatermarkLag { get; } = StreamMeter.Meter.CreateObservableGauge(
        "creatorstream_watermark_lag_seconds",
        ObserveWatermarkLag,
        unit: "s",
        description: "Wall clock minus the worker's watermark at its last commit: how far behind real time closed windows are.");

    /// <summary>The latency bounds, shared by the state store's commit histogram.</summary>
    internal static IReadOnlyList<double> Latency => LatencyBounds;

    /// <summary>Notes the watermark a committed batch reached, against the wall clock when the batch was cut.</summary>
    public static void Watermark(long watermarkMs, long wallClockMs)
    {
        if (watermarkMs != long.MinValue)
        {
            Interlocked.Exchange(ref _watermarkLagMs, wallClockMs - watermarkMs);
        }
    }

    private static IEnumerable<Measurement<double>> ObserveWatermarkLag()
    {
        var lag = Interlocked.Read(ref _watermarkLagMs);
        return lag == long.MinValue ? [] : [new Measurement<double>(lag / 1000.0)];
    }
}
