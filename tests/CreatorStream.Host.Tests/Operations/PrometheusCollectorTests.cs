using System.Diagnostics.Metrics;
using CreatorStream.Host.Operations;
using CreatorStream.Testing;

namespace CreatorStream.Host.Tests.Operations;

/// <summary>The exposition written and parsed back, over a meter of the test's own (so no other test's counts mix in).</summary>
public sealed class PrometheusCollectorTests : IDisposable
{
    private readonly Meter _meter = new($"test-{Guid.NewGuid():N}");
    private readonly PrometheusCollector _collector;

    public PrometheusCollectorTests()
    {
        _collector = new PrometheusCollector(i => i.Meter == _meter);
    }

    [Fact]
    public void Scrape_CounterWithLabels_WritesOneSumPerLabelSetWithHelpAndType()
    {
        var counter = _meter.CreateCounter<long>("records_in_total", "{record}", "Records in.");
        counter.Add(3, new KeyValuePair<string, object?>("topic", "a"));
        counter.Add(4, new KeyValuePair<string, object?>("topic", "a"));
        counter.Add(5, new KeyValuePair<string, object?>("topic", "b"));

        var scrape = PrometheusScrape.Parse(_collector.Scrape());

        Assert.Equal("counter", scrape.Types["records_in_total"]);
        Assert.Equal("Records in. Unit: {record}.", scrape.Help["records_in_total"]);
        Assert.Equal(7, scrape.Value("records_in_total", ("topic", "a")));
        Assert.Equal(5, scrape.Value("records_in_total", ("topic", "b")));
    }

    [Fact]
    public void Scrape_LabelValueWithQuoteBackslashAndNewline_IsEscapedAndReadsBack()
    {
        var counter = _meter.CreateCounter<long>("odd_total");
        const string Odd = "say \"hi\"\\\nbye";
        counter.Add(1, new KeyValuePair<string, object?>("reason", Odd), new KeyValuePair<string, object?>("bad-name", "x"));

        var text = _collector.Scrape();

        Assert.Contains("odd_total{bad_name=\"x\",reason=\"say \\\"hi\\\"\\\\\\nbye\"} 1\n", text, StringComparison.Ordinal);
        Assert.Equal(1, PrometheusScrape.Parse(text).Value("odd_total", ("bad_name", "x"), ("reason", Odd)));
    }

    [Fact]
    public void Scrape_Histogram_WritesCumulativeBucketsInclusiveOfTheBoundSumAndCount()
    {
        var histogram = _meter.CreateHistogram("latency_seconds", "s", "Latency.", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });
        foreach (var value in new[] { 0.05, 0.1, 0.5, 2 })
        {
            histogram.Record(value);
        }

        var scrape = PrometheusScrape.Parse(_collector.Scrape());

        Assert.Equal("histogram", scrape.Types["latency_seconds"]);
        Assert.Equal(2, scrape.Value("latency_seconds_bucket", ("le", "0.1"))); // 0.05 and 0.1: le is "less or equal"
        Assert.Equal(3, scrape.Value("latency_seconds_bucket", ("le", "1")));
        Assert.Equal(4, scrape.Value("latency_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(2.65, scrape.Value("latency_seconds_sum"), 10);
        Assert.Equal(4, scrape.Value("latency_seconds_count"));
    }

    [Fact]
    public void Scrape_ObservableGauge_ShowsOnlyTheSeriesObservedNow()
    {
        var partitions = new Dictionary<string, long> { ["0"] = 12, ["1"] = 0 };
        _meter.CreateObservableGauge("lag", () => partitions.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("partition", p.Key))));

        var first = PrometheusScrape.Parse(_collector.Scrape());
        partitions.Remove("0"); // revoked
        partitions["1"] = 7;
        var second = PrometheusScrape.Parse(_collector.Scrape());

        Assert.Equal("gauge", first.Types["lag"]);
        Assert.Equal(12, first.Value("lag", ("partition", "0")));
        Assert.Equal(7, second.Value("lag", ("partition", "1")));
        Assert.DoesNotContain(second.Samples, s => s.Name == "lag" && s.Labels["partition"] == "0");
    }

    [Fact]
    public void Scrape_UpDownCounter_IsAGaugeOfTheRunningSum()
    {
        var clients = _meter.CreateUpDownCounter<long>("clients");
        clients.Add(1);
        clients.Add(1);
        clients.Add(-1);

        var scrape = PrometheusScrape.Parse(_collector.Scrape());

        Assert.Equal("gauge", scrape.Types["clients"]);
        Assert.Equal(1, scrape.Value("clients"));
    }

    public void Dispose()
    {
        _collector.Dispose();
        _meter.Dispose();
    }
}
