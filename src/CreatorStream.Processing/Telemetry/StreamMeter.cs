using System.Diagnostics.Metrics;

namespace CreatorStream.Processing.Telemetry;

/// <summary>
/// The process-wide meter <c>CreatorStream</c> that the worker's edges record on (Kafka, the commit stage, Redis), read
/// by the Prometheus exposition at <c>/metrics</c> (docs/operations.md lists every instrument). Static, as a library's
/// meter is: the worker has one pipeline per process. The web role's instruments come from the host's
/// <c>IMeterFactory</c> instead, so two web hosts in one process (tests) count their own clients.
/// <para>Labels carry topics, partitions, reasons and stages only, never campaign or creator ids: those would grow the
/// series without bound and show one brand's ids to whoever scrapes (the endpoint has no API key).</para>
/// </summary>
public static class StreamMeter
{
    public const string Name = "CreatorStream";

    public static Meter Meter { get; } = new(Name);
}
