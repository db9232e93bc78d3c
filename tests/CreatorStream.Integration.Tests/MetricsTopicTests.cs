using System.Text.Json;
using Confluent.Kafka;
using CreatorStream.Core.Metrics;
using CreatorStream.Kafka;
using CreatorStream.Testing;
using Xunit.Abstractions;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// The closed windows a worker publishes to <c>creatorstream.metrics</c> (docs/design.md, "Exactly once"): for every
/// campaign window, the message with the highest <c>version</c> holds the figures the store holds for that minute, and a
/// correction carries a higher version than the window it corrects, so a consumer keeping the highest version of each
/// window ends with the store's figures whatever repeats it was sent.
/// </summary>
public sealed class MetricsTopicTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Worker_AllRecordsProcessed_EachCampaignWindowsHighestVersionIsTheStoresMinute()
    {
        // 10 events a second of event time: 8,000 records span about 13 minutes, so a dozen minutes close, some corrected.
        await using var scenario = await RecoveryScenario.StartAsync(seed: 44, events: 8_000, partitions: 16, eventsPerSecond: 10, dataDrivenMinConversions: null);
        var expected = await scenario.ReplayAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var worker = scenario.StartWorker();
        await scenario.PublishAsync(4_000, stop.Token);
        var difference = await scenario.AwaitAgreementAsync(expected, TimeSpan.FromSeconds(120));
        Assert.True(difference is null, $"the worker's report differs from replay's at {difference}\n{scenario.Logs()}");

        // A revision of an engagement's verdict changes its minute in the store at once, and its correction goes out at
        // the next minute's tick (docs/design.md, "Authenticity"): the topic catches up with the store, and must.
        var mismatch = await Eventually.ReturnsAsync(() => FirstMismatchAsync(scenario, stop.Token), m => m is null, TimeSpan.FromSeconds(60), "each campaign window's newest version to equal the store's minute");
        Assert.Null(mismatch);
        Assert.False(worker.HasExited, worker.Output);
    }

    /// <summary>
    /// The first campaign window whose highest version differs from the store's minute, or whose correction does not
    /// carry a higher version than the window it corrects; null when there is none.
    /// </summary>
    private async Task<string?> FirstMismatchAsync(RecoveryScenario scenario, CancellationToken cancellationToken)
    {
        var windows = ReadAll(scenario.Bootstrap).Where(w => w.GetProperty("scope").GetString() == "campaign").ToList();
        output.WriteLine($"{windows.Count} campaign window messages, {windows.Count(w => w.GetProperty("correction").GetBoolean())} of them corrections");
        if (windows.Count == 0 || !windows.Any(w => w.GetProperty("correction").GetBoolean()))
        {
            return "no campaign window, or no correction (the generator's late events correct closed minutes)";
        }

        foreach (var group in windows.GroupBy(w => (w.GetProperty("campaign_id").GetString()!, w.GetProperty("window_start").GetInt64())))
        {
            var (campaign, start) = group.Key;
            var newest = group.MaxBy(w => (w.GetProperty("version").GetInt64(), w.GetProperty("sequence").GetInt32()));
            var stored = (await scenario.Store.ReadBucketsAsync(AggregateKey.Campaign(campaign), start, start + 60_000, cancellationToken)).Single().Figures;
            var want = (stored.Counters.Impressions, stored.Counters.Engagements, stored.Counters.AuthenticEngagements, stored.Counters.Clicks, stored.Reach);
            var got = (newest.GetProperty("impressions").GetInt64(), newest.GetProperty("engagements").GetProperty("total").GetInt64(), newest.GetProperty("authentic_engagements").GetInt64(), newest.GetProperty("clicks").GetInt64(), newest.GetProperty("reach").GetInt64());
            if (want != got)
            {
                return $"{campaign} at {start}: the store holds {want}, the newest window {got}; all (version.sequence authentic/inauthentic): " + string.Join(", ", group.Select(w => $"{w.GetProperty("version").GetInt64()}.{w.GetProperty("sequence").GetInt32()} {w.GetProperty("authentic_engagements").GetInt64()}/{w.GetProperty("inauthentic_engagements").GetInt64()}"));
            }

            var first = group.Where(w => !w.GetProperty("correction").GetBoolean()).Select(w => (w.GetProperty("version").GetInt64(), w.GetProperty("sequence").GetInt32())).DefaultIfEmpty((long.MinValue, 0)).Max();
            if (group.Any(w => w.GetProperty("correction").GetBoolean() && (w.GetProperty("version").GetInt64(), w.GetProperty("sequence").GetInt32()).CompareTo(first) <= 0))
            {
                return $"a correction of {campaign} at {start} carries a version no higher than the window it corrects";
            }
        }

        return null;
    }

    /// <summary>Every message of the metrics topic, from the start of each partition to its end.</summary>
    private static List<JsonElement> ReadAll(string bootstrap)
    {
        var config = new KafkaClientSettings(bootstrap).Consumer("metrics-reader", "metrics-test");
        config.EnablePartitionEof = true;
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var partitions = admin.GetMetadata(Topics.Metrics, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Count;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(Topics.Metrics, p, Offset.Beginning)));
        var windows = new List<JsonElement>();
        var ended = new HashSet<int>();
        for (var polls = 0; ended.Count < partitions && polls < 1_000_000; polls++)
        {
            var result = consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new TimeoutException($"the metrics topic gave nothing for 10 s, with {partitions - ended.Count} partitions not read to their end");
            if (result.IsPartitionEOF)
            {
                ended.Add(result.Partition.Value);
                continue;
            }

            windows.Add(JsonDocument.Parse(result.Message.Value).RootElement.Clone());
        }

        return windows;
    }
}
