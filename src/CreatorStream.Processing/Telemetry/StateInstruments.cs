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
}
