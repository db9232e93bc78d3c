using System.Diagnostics.Metrics;
using System.Text;

namespace CreatorStream.Host.Operations;

/// <summary>
/// One instrument's series, aggregated as Prometheus wants them: counters and up-down counters summed, gauges and
/// observable instruments keeping their last value, histograms counted into cumulative buckets. Thread-safe (a lock per
/// instrument: measurements arrive per batch or per request, not per record).
/// </summary>
internal sealed class MetricFamily
{
    // Seconds-based defaults for a histogram without advice (the OpenTelemetry defaults scaled to seconds).
    private static readonly double[] DefaultBounds = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Series> _series = new(StringComparer.Ordinal);

    private MetricFamily(string name, string help, MetricKind kind, bool lastValue, double[] bounds)
    {
        Name = name;
        Help = help;
        Kind = kind;
        IsLastValue = lastValue;
        Bounds = bounds;
    }

    public string Name { get; }

    public string Help { get; }

    public MetricKind Kind { get; }

    /// <summary>Observable instruments and gauges report a value, not an increment: the last one counts.</summary>
    public bool IsLastValue { get; }

    public bool IsObservable { get; private init; }

    public double[] Bounds { get; }

    /// <summary>The family for an instrument, or null for an instrument type this exposition does not know.</summary>
    public static MetricFamily? For(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        var (kind, lastValue) = definition switch
        {
            _ when definition == typeof(Counter<>) => (MetricKind.Counter, false),
            _ when definition == typeof(ObservableCounter<>) => (MetricKind.Counter, true),
            _ when definition == typeof(UpDownCounter<>) => (MetricKind.Gauge, false),
            _ when definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>) || definition == typeof(Gauge<>) => (MetricKind.Gauge, true),
            _ when definition == typeof(Histogram<>) => (MetricKind.Histogram, false),
            _ => ((MetricKind?)null, false),
        };
        if (kind is not { } known)
        {
            return null;
        }

        var help = instrument.Description ?? instrument.Name;
        if (instrument.Unit is { Length: > 0 } unit)
        {
            help += $" Unit: {unit}.";
        }

        return new MetricFamily(PrometheusText.Name(instrument.Name), help, known, lastValue, BoundsOf(instrument))
        {
            IsObservable = instrument.IsObservable,
        };
    }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        lock (_gate)
        {
            if (!_series.TryGetValue(labels, out var series))
            {
                _series[labels] = series = new Series(Kind == MetricKind.Histogram ? Bounds.Length + 1 : 0);
            }

            switch (Kind)
            {
                case MetricKind.Histogram:
                    var bucket = 0;
                    while (bucket < Bounds.Length && value > Bounds[bucket])
                    {
                        bucket++;
                    }

                    series.Buckets[bucket]++;
                    series.Sum += value;
                    series.Count++;
                    break;
                case var _ when IsLastValue:
                    series.Value = value;
                    break;
                default:
                    series.Value += value;
                    break;
            }
        }
    }

    /// <summary>Forgets observed values before the instruments are observed again, so a series that is gone (a partition revoked) disappears.</summary>
    public void ResetObserved()
    {
        if (IsObservable)
        {
            lock (_gate)
            {
                _series.Clear();
            }
        }
    }

    /// <summary>Writes this family's samples (no HELP/TYPE lines: a family of the same name may follow).</summary>
    public void WriteSamples(StringBuilder text)
    {
        lock (_gate)
        {
            foreach (var (labels, series) in _series.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                if (Kind != MetricKind.Histogram)
                {
                    text.Append(Name).Append(Braced(labels)).Append(' ').Append(PrometheusText.Number(series.Value)).Append('\n');
                    continue;
                }

                long cumulative = 0;
                for (var i = 0; i <= Bounds.Length; i++)
                {
                    cumulative += series.Buckets[i];
                    var le = i < Bounds.Length ? PrometheusText.Number(Bounds[i]) : "+Inf";
                    var withLe = labels.Length == 0 ? $"le=\"{le}\"" : $"{labels},le=\"{le}\"";
                    text.Append(Name).Append("_bucket{").Append(withLe).Append("} ").Append(cumulative).Append('\n');
                }

                text.Append(Name).Append("_sum").Append(Braced(labels)).Append(' ').Append(PrometheusText.Number(series.Sum)).Append('\n');
                text.Append(Name).Append("_count").Append(Braced(labels)).Append(' ').Append(series.Count).Append('\n');
            }
        }
    }

    private static string Braced(string labels) => labels.Length == 0 ? "" : "{" + labels + "}";

    /// <summary>The label set as written between braces, sorted by name so one set always maps to one series.</summary>
    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return "";
        }

        var pairs = new List<(string Name, string Value)>(tags.Length);
        foreach (var tag in tags)
        {
            pairs.Add((PrometheusText.Name(tag.Key, label: true), Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        }

        pairs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return string.Join(",", pairs.Select(p => $"{p.Name}=\"{PrometheusText.LabelValue(p.Value)}\""));
    }

    private static double[] BoundsOf(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds],
        Histogram<long> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds.Select(b => (double)b)],
        Histogram<int> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds.Select(b => (double)b)],
        _ => DefaultBounds,
    };

    private sealed class Series(int buckets)
    {
        public double Value { get; set; }

        public long[] Buckets { get; } = new long[buckets];

        public double Sum { get; set; }

        public long Count { get; set; }
    }
}
