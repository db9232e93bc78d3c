using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace CreatorStream.Host.Operations;

/// <summary>
/// Listens to the <c>CreatorStream</c> instruments (a <see cref="MeterListener"/>) and writes them in the Prometheus text
/// format 0.0.4 on demand. Written here because the OpenTelemetry Prometheus exporter is not in the registry copy these
/// machines reach; it covers what the service records: counters, gauges (sync and observable) and histograms.
/// Thread-safe; one per host (it sees the process-wide meter and the meters of its own <see cref="IMeterFactory"/>).
/// </summary>
public sealed class PrometheusCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, MetricFamily> _families = new();

    public PrometheusCollector(Func<Instrument, bool> include)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (include(instrument) && MetricFamily.For(instrument) is { } family)
            {
                _families[instrument] = family;
                listener.EnableMeasurementEvents(instrument, family);
            }
        };
        _listener.MeasurementsCompleted = (instrument, state) => _families.TryRemove(instrument, out _);
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>The instruments of meter <paramref name="meterName"/> that are process-wide (no scope) or belong to <paramref name="scope"/>.</summary>
    public static PrometheusCollector For(string meterName, object? scope) =>
        new(instrument => instrument.Meter.Name == meterName && (instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, scope)));

    /// <summary>Observes the observable instruments, then writes every family: HELP and TYPE once per name, then its samples.</summary>
    public string Scrape()
    {
        foreach (var family in _families.Values)
        {
            family.ResetObserved();
        }

        _listener.RecordObservableInstruments();
        var text = new StringBuilder(4_096);
        foreach (var group in _families.Values.GroupBy(f => f.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First();
            text.Append("# HELP ").Append(group.Key).Append(' ').Append(PrometheusText.Help(first.Help)).Append('\n');
            text.Append("# TYPE ").Append(group.Key).Append(' ').Append(first.Kind.ToString().ToLowerInvariant()).Append('\n');
            foreach (var family in group)
            {
                family.WriteSamples(text);
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();
}
