namespace CreatorStream.Host.Operations;

/// <summary>The three Prometheus types the exposition writes (summaries are not used).</summary>
public enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}
