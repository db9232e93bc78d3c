using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using CreatorStream.Kafka;
using CreatorStream.Testing;
using Xunit.Abstractions;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// Issue 9: a worker process stopped with SIGTERM mid-stream finishes and commits its batches in flight (Kafka's group
/// offsets equal the store's, and a restart loses and double-counts nothing); with Redis gone it still stops within its
/// bound, says why and exits 1; its <c>/metrics</c> counts what it was given and <c>/health/ready</c> follows Redis.
/// </summary>
public sealed class OperabilityTests(ITestOutputHelper output)
{
    private const int Events = 8_000;
    private const int PerSecond = 1_000;
    private const int Partitions = 16; // RecoveryScenario's broker

    [Fact]
    public async Task Worker_StoppedMidStream_CommitsItsBatchesInFlightAndARestartLosesNothing()
    {
        await using var scenario = await RecoveryScenario.StartAsync(seed: 41, Events);
        var expected = await scenario.ReplayAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var worker = scenario.StartWorker();
        // Half the records before the stop, the rest after it: the stop is mid-stream however slow the worker is (on a
        // loaded machine it once lagged so far behind that its batches in flight held every record).
        var half = scenario.Records / 2;
        await scenario.PublishAsync(PerSecond, 0, half, stop.Token);

        await scenario.WaitForCommittedAsync(scenario.Records / 3, stop.Token);
        var watch = Stopwatch.StartNew();
        worker.Terminate();
        var exitCode = await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var stopTime = watch.Elapsed;
        output.WriteLine($"graceful stop took {stopTime.TotalSeconds:0.00} s");

        // Every batch the worker took was committed to the store, and those offsets were then committed to Kafka.
        var stored = (await scenario.StoredOffsetsAsync()).Where(s => s.Key.Topic != Topics.ByBrand).ToDictionary(); // stage 1's
        var group = scenario.GroupOffsets(Partitions);
        Assert.Equal(0, exitCode);
        Assert.Matches(@"worker: stopped after \d+ batches, all committed", worker.Output);
        Assert.InRange(stored.Values.Sum(), 1, half);
        Assert.Equal(stored.Where(s => s.Value > 0).OrderBy(s => s.Key.ToString()), group.OrderBy(g => g.Key.ToString()));

        var restarted = scenario.StartWorker();
        await scenario.PublishAsync(PerSecond, half, scenario.Records, stop.Token);
        var difference = await scenario.AwaitAgreementAsync(expected, TimeSpan.FromSeconds(120));
        Assert.True(difference is null, $"after a graceful stop and restart the report differs at {difference}\n{scenario.Logs()}");
        Assert.False(restarted.HasExited, restarted.Output);
        Assert.InRange(stopTime, TimeSpan.Zero, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Worker_RedisGoneThenStopped_ReadinessFailsAndTheStopEndsWithinItsBoundWithExitCode1()
    {
        await using var scenario = await RecoveryScenario.StartAsync(seed: 42, Events);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ops = $"http://127.0.0.1:{FreePort.Next()}";
        var worker = scenario.StartWorker(3_000, "--ops-urls", ops, "--shutdown-timeout-ms", "5000");
        var publishing = scenario.PublishAsync(PerSecond, stop.Token);
        using var http = new HttpClient { BaseAddress = new Uri(ops), Timeout = TimeSpan.FromSeconds(10) };

        await scenario.WaitForCommittedAsync(scenario.Records / 3, stop.Token);
        var readyBefore = await http.GetAsync("/health/ready");
        await scenario.Redis.StopAsync();
        var notReady = await Eventually.ReturnsAsync(() => http.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(20), "readiness to fail");
        var reasons = JsonDocument.Parse(await notReady.Content.ReadAsStringAsync()).RootElement.GetProperty("reasons");
        await Eventually.ReturnsAsync(() => Task.FromResult(worker.Output), o => o.Contains("Redis commit failed", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "a commit to fail");
        var watch = Stopwatch.StartNew();
        worker.Terminate();
        var exitCode = await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var stopTime = watch.Elapsed;
        await stop.CancelAsync();
        try
        {
            await publishing;
        }
        catch (OperationCanceledException)
        {
            // Stopped early: the rest of the records are not needed.
        }

        output.WriteLine($"stop with Redis gone took {stopTime.TotalSeconds:0.00} s (bound 5 s)");

        Assert.Equal(HttpStatusCode.OK, readyBefore.StatusCode);
        Assert.Contains(reasons.EnumerateArray(), r => r.GetString()!.StartsWith("redis: ", StringComparison.Ordinal));
        Assert.Equal(1, exitCode);
        Assert.Contains("worker: stop incomplete", worker.Output, StringComparison.Ordinal);
        Assert.Contains("not committed within 5 s of the stop (is the state store reachable?)", worker.Output, StringComparison.Ordinal);
        Assert.InRange(stopTime, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(12)); // the 5 s bound, plus the producer's flush and close
    }

    [Fact]
    public async Task Worker_AllRecordsCommitted_MetricsCountThemPerTopicAndTheDeadLettersByReason()
    {
        await using var scenario = await RecoveryScenario.StartAsync(seed: 43, Events);
        var expected = await scenario.ReplayAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ops = $"http://127.0.0.1:{FreePort.Next()}";
        var worker = scenario.StartWorker(3_000, "--ops-urls", ops, "--log-format", "json");
        await scenario.PublishAsync(PerSecond * 4, stop.Token);
        await scenario.WaitForCommittedAsync(scenario.Records, stop.Token);
        using var http = new HttpClient { BaseAddress = new Uri(ops) };

        // Lag is measured once a second from the last fetch: wait until it shows everything committed. Tasks still commit
        // after that (marks of partitions going idle), and a scrape can land between a round's commits and their batch
        // durations (16 brand commits ahead, seen in CI): so also until the two counts agree. A commit without its batch
        // duration, or one more, never lets them agree and fails here.
        var scrape = await Eventually.ReturnsAsync(
            async () => PrometheusScrape.Parse(await http.GetStringAsync("/metrics")),
            s => s.Has("creatorstream_kafka_consumer_lag") && s.Sum("creatorstream_kafka_consumer_lag") == 0
                && s.Sum("creatorstream_batch_duration_seconds_count") == s.Value("creatorstream_state_commit_duration_seconds_count"),
            TimeSpan.FromSeconds(30),
            "the consumer lag to reach 0 and every commit to have its batch duration");

        var deadLetters = expected["dead_letters"]!.GetValue<long>();
        Assert.Equal(scenario.Records, Topics.Ingest.Sum(topic => scrape.Sum("creatorstream_kafka_records_in_total", ("topic", topic))));
        Assert.Equal(scenario.Records, scrape.Value("creatorstream_batch_records_sum", ("stage", "sources")));
        Assert.True(scrape.Value("creatorstream_batch_records_sum", ("stage", "brands")) > scenario.Records - deadLetters, "routed events and marks reach the brand stage");
        Assert.Equal(deadLetters, scrape.Sum("creatorstream_dead_letters_total"));
        Assert.Equal(deadLetters, scrape.Value("creatorstream_kafka_records_out_total", ("topic", "creatorstream.dead-letters")));
        Assert.True(scrape.Sum("creatorstream_dead_letters_total", ("reason", "INVALID_JSON"), ("stage", "deserialize")) > 0, "the generator's malformed records");
        Assert.Equal(Partitions * (Topics.Ingest.Count + 1), scrape.Samples.Count(s => s.Name == "creatorstream_kafka_consumer_lag")); // the ingest topics and the brand topic
        Assert.Equal(scrape.Sum("creatorstream_batch_duration_seconds_count"), scrape.Value("creatorstream_state_commit_duration_seconds_count")); // one per task commit (waited for above)
        Assert.True(scrape.Value("creatorstream_batch_duration_seconds_count", ("stage", "brands")) >= 1);
        Assert.True(scrape.Value("creatorstream_batch_duration_seconds_bucket", ("le", "+Inf"), ("stage", "sources")) == scrape.Value("creatorstream_batch_duration_seconds_count", ("stage", "sources")));
        // Every batch with records says how old its oldest was when cut, in seconds: records read within seconds of being
        // published (the group's join the longest wait), so every age is inside the 30 s bucket (milliseconds would not be).
        foreach (var stage in new[] { "sources", "brands" })
        {
            var batches = scrape.Value("creatorstream_batch_record_age_seconds_count", ("stage", stage));
            Assert.True(batches >= 1, $"{stage}: no batch's age");
            Assert.Equal(batches, scrape.Value("creatorstream_batch_record_age_seconds_bucket", ("le", "30"), ("stage", stage)));
        }


        // JSON logs carry the partition of each dead letter as a field.
        var deadLetterLine = worker.Output.Split('\n').First(l => l.Contains("dead-lettered", StringComparison.Ordinal));
        var scopes = JsonDocument.Parse(deadLetterLine).RootElement.GetProperty("Scopes")[0];
        Assert.StartsWith("creatorstream.", scopes.GetProperty("topic").GetString(), StringComparison.Ordinal);
        Assert.InRange(int.Parse(scopes.GetProperty("partition").ToString(), CultureInfo.InvariantCulture), 0, Partitions - 1);
    }
}
