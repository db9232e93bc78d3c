using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using CreatorStream.Bench;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Consuming;
using CreatorStream.Kafka.Embedded;

namespace CreatorStream.Host.Collect;

/// <summary>What <c>bench --collect</c> measured (docs/benchmarks.md, "The collector under load").</summary>
public sealed record CollectFigures
{
    public string Machine { get; init; } = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    public int Connections { get; init; }

    public double Seconds { get; init; }

    public long Requests { get; init; }

    public long NotOk { get; init; }

    public long SocketErrors { get; init; }

    public double RequestsPerSecond { get; init; }

    public double P50Ms { get; init; }

    public double P99Ms { get; init; }

    /// <summary>Events the collector counted as accepted (written and acknowledged).</summary>
    public long Accepted { get; init; }

    /// <summary>Records on the clicks topic afterwards, and how many distinct event ids they hold.</summary>
    public long TopicRecords { get; init; }

    public long TopicDistinctIds { get; init; }

    /// <summary>Requests of the warm-up answered 2xx (their clicks are on the topic too).</summary>
    public long WarmUpOk { get; init; }

    /// <summary>Requests answered 2xx whose event is not on the topic: 0 unless something was lost.</summary>
    public long Lost => Math.Max(0, Requests - NotOk + WarmUpOk - TopicDistinctIds);
}

/// <summary>
/// <c>bench --collect</c>: the collector on the embedded broker under wrk (Debian's <c>wrk</c>, over loopback), one click a
/// request, each with its own event id; afterwards the clicks topic is read back whole, so every request answered 2xx
/// is checked to be in the log, once. wrk keeps a fixed number of connections busy (a closed loop), so the rate is
/// what the collector sustains at that concurrency and the latency is measured at that rate.
/// </summary>
public sealed class CollectBench(TimeSpan duration, int connections, IBenchProgress progress)
{
    private const string WriteKey = "bench-write-key-not-a-secret";

    public async Task<CollectFigures> RunAsync(CancellationToken cancellationToken)
    {
        var wrk = FindWrk() ?? throw new InvalidOperationException("bench --collect needs wrk on the PATH (Debian: apt-get install wrk)");
        var catalog = CampaignCatalog.From(new Simulation.TrafficGenerator(new Simulation.GeneratorOptions { Seed = 42, StartMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }).Campaigns);
        var campaign = catalog.Campaigns[0];
        var links = campaign.Creators.SelectMany(c => c.Links).ToList();
        var keys = new SiteKeys([new SiteKey("bench", SiteKeys.Hash(WriteKey), campaign.BrandId, new HashSet<string>())], []);

        using var broker = EmbeddedBroker.Start();
        broker.CreateTopics(Topics.All, EmbeddedBroker.RecommendedPartitionCount);
        var kafka = new KafkaClientSettings(broker.BootstrapServers);
        using var producer = new ProducerBuilder<byte[], byte[]>(CollectorApp.ProducerConfig(kafka)).Build();
        var options = new CollectOptions { Urls = "http://127.0.0.1:0", RateLimitPerSecond = 1_000_000, RateBurst = 1_000_000 }; // a port the system picks
        long accepted;
        long warmUpOk = 0;
        (long Requests, long NotOk, long SocketErrors, double Rps, double P50, double P99, double Seconds) run;
        await using (var app = await CollectorApp.StartAsync(options, keys, catalog, DecoderLimits.Default, TimeSpan.FromMinutes(15), producer, null, cancellationToken, b => b.Logging.ClearProviders()))
        {
            var url = app.Urls.First().TrimEnd('/');
            var script = Path.Combine(Path.GetTempPath(), $"creatorstream-collect-{Environment.ProcessId}.lua");
            await File.WriteAllTextAsync(script, Script(links), cancellationToken);
            try
            {
                // The first requests wait for the producer's first metadata and connection (about 0.8 s) and the JIT: a
                // warm-up of two seconds first, whose clicks are on the topic too and counted with the rest.
                progress.Report("collect: warming up for 2 s", force: true);
                var warmUp = await RunWrkAsync(wrk, script, url + CollectorApp.Prefix + "/events", TimeSpan.FromSeconds(2), "w", cancellationToken);
                progress.Report($"collect: wrk, {connections} connections for {duration.TotalSeconds:N0} s against {url}", force: true);
                run = await RunWrkAsync(wrk, script, url + CollectorApp.Prefix + "/events", duration, "m", cancellationToken);
                warmUpOk = warmUp.Item1 - warmUp.Item2;
            }
            finally
            {
                File.Delete(script);
            }

            accepted = await AcceptedAsync(url);
        }

        progress.Report("collect: reading the clicks topic back", force: true);
        var (records, distinct) = CountTopic(kafka, Topics.Clicks);
        return new CollectFigures
        {
            Connections = connections,
            Seconds = run.Seconds,
            Requests = run.Requests,
            NotOk = run.NotOk,
            SocketErrors = run.SocketErrors,
            RequestsPerSecond = run.Rps,
            P50Ms = run.P50,
            P99Ms = run.P99,
            Accepted = accepted,
            TopicRecords = records,
            TopicDistinctIds = distinct,
            WarmUpOk = warmUpOk,
        };
    }

    private static string Script(IReadOnlyList<string> links) => $$"""
        -- One click per request, each with its own event id (thread id and counter), over the campaign's links.
        local links = { {{string.Join(", ", links.Select(l => "\"" + l + "\""))}} }
        local threads = 0
        function setup(thread) thread:set("tid", threads); threads = threads + 1 end
        local run = "m"
        function init(args) run = args[1] or "m" end
        local n = 0
        function request()
          n = n + 1
          local body = '[{"type":"click","event_id":"' .. run .. tid .. '-' .. n .. '","user_id":"u' .. (n % 50000) .. '","link_id":"' .. links[(n % #links) + 1] .. '"}]'
          return wrk.format("POST", nil, { ["X-Write-Key"] = "{{WriteKey}}", ["Content-Type"] = "text/plain" }, body)
        end
        """;

    private async Task<(long, long, long, double, double, double, double)> RunWrkAsync(string wrk, string script, string url, TimeSpan length, string run, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-t2", $"-c{connections}", $"-d{(int)length.TotalSeconds}s", "--latency", "-s", script, url, run })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start wrk");
        using var kill = cancellationToken.Register(() => process.Kill(entireProcessTree: true));
        var text = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {await process.StandardError.ReadToEndAsync(cancellationToken)}");
        }

        progress.Report($"collect: wrk ({run}) says\n" + text.TrimEnd(), force: true);
        var requests = Regex.Match(text, @"(\d+) requests in ([\d.]+)(m?s)");
        var seconds = double.Parse(requests.Groups[2].Value, CultureInfo.InvariantCulture) / (requests.Groups[3].Value == "ms" ? 1000 : 1);
        var notOk = Regex.Match(text, @"Non-2xx or 3xx responses: (\d+)") is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = Regex.Match(text, @"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)") is { Success: true } s
            ? s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        return (
            long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture),
            notOk,
            socket,
            double.Parse(Regex.Match(text, @"Requests/sec:\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile(text, "50%"),
            Percentile(text, "99%"),
            seconds);
    }

    private static double Percentile(string text, string label)
    {
        var match = Regex.Match(text, Regex.Escape(label) + @"\s+([\d.]+)(us|ms|s)\b");
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    private static async Task<long> AcceptedAsync(string urls)
    {
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(urls + "/metrics");
        return Regex.Matches(metrics, @"creatorstream_collect_events_total\{outcome=""accepted"",type=""click""\} (\d+)")
            .Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    private static (long Records, long Distinct) CountTopic(KafkaClientSettings kafka, string topic)
    {
        var decoder = new EventDecoder();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        long records = 0;
        foreach (var record in TopicContents.Each(kafka, topic, EmbeddedBroker.RecommendedPartitionCount, TimeSpan.FromMinutes(5)))
        {
            records++;
            ids.Add(decoder.Decode(record.Message.Value, Core.Events.EventType.Click).Event?.EventId ?? "");
        }

        return (records, ids.Count);
    }

    private static string? FindWrk() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "wrk")).FirstOrDefault(File.Exists);
}
