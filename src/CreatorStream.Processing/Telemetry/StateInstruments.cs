using System.Diagnostics.Metrics;

namespace CreatorStream.Processing.Telemetry;

/// <summary>Instruments of the state store's commit: how long the atomic step takes, and how often it fails or retries.</summary>
public static class StateInstruments
{
    public static Histogram<double> CommitDuration { get; } = StreamMeter.Meter.CreateHistogram(
        "creatorstream_state_commit_duration_seconds",
        unit: "s",
        description: "One batch's atomic state commit (state, offsets, alerts), retries included.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = PipelineInstruments.Latency });

    /// <summary>Label <c>kind</c>: <c>fenced</c> (another worker owns a partition now), <c>cancelled</c> (a stop gave up), <c>error</c>.</summary>
    public static Counter<long> CommitFailures { get; } = StreamMeter.Meter.CreateCounter<long>(
        "creatorstream_state_commit_failures_total",
        unit: "{commit}",
        description: "State commits that ended without applying, by kind (fenced, cancelled, error).");

    /// <summary>Label <c>reason</c>: <c>connection</c>, <c>timeout</c> or <c>server</c> (a transient server error such as BUSY or LOADING).</summary>
    public static Counter<long> CommitRetries { get; } = StreamMeter.Meter.CreateCounter<long>(
        "creatorstream_state_commit_retries_total",
        unit: "{attempt}",
        description: "State commit attempts that failed transiently and were retried, by reason.");

    /// <summary>A large snapshot's parts written to the store before its commit (Redis: docs/design.md, "Recovery"); part of the commit's duration.</summary>
    public static Histogram<double> SnapshotPartsDuration { get; } = StreamMeter.Meter.CreateHistogram(
        "creatorstream_state_snapshot_parts_seconds",
        unit: "s",
        description: "Writing a large task snapshot's parts before the commit that names them (part of that commit's duration).",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = PipelineInstruments.Latency });

    /// <summary>
    /// Label <c>reason</c>: <c>parts_failed</c> (its parts could not be written, so the commit went without it) or
    /// <c>parts_lost</c> (its parts expired before a long-retried commit landed).
    /// </summary>
    public static Counter<long> SnapshotsDropped { get; } = StreamMeter.Meter.CreateCounter<long>(
        "creatorstream_state_snapshots_dropped_total",
        unit: "{snapshot}",
        description: "Task snapshots a commit went without (its state and offsets went in; the last snapshot stands), by reason.");
}
