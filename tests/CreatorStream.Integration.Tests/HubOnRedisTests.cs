using System.Text.Json.Nodes;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Web;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Redis;
using CreatorStream.Simulation;
using CreatorStream.Testing;
using CreatorStream.Testing.Hub;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// The hub on Redis, across processes' boundaries as deployed: a committer (the worker's) writes to a real Redis and
/// publishes its notices there; a web role hears them on its own connection and pushes. Once the traffic has been
/// pushed, what a viewer joining then is sent must be what REST answers, figure for figure, for the campaign to date
/// and a rolling window. A batch committed without its
/// notice (a worker that died between the two) is put right on the watchers' screens once the feed says notices may
/// have been lost, with nothing else committed.
/// </summary>
public sealed class HubOnRedisTests
{
    private const string ApiKey = "hub-on-redis-key";

    [Fact]
    public async Task Hub_OnRedis_ShowsWhatRestShows_AndPutsALostNoticeRight()
    {
        var generator = new TrafficGenerator(new GeneratorOptions
        {
            Seed = 21,
            StartMs = EventBuilder.T0,
            MaxEvents = 8_000,
            EventsPerSecond = 10, // over thirteen minutes of event time: the five-minute window moves on
            LateRate = 0.01,
            Campaigns = 1,
            Brands = 1,
            CreatorsPerCampaign = 5,
            UsersPerCampaign = 2_000,
        });
        var catalog = CampaignCatalog.From(generator.Campaigns);
        var campaignId = catalog.Campaigns[0].CampaignId;
        await using var redis = await RedisServer.StartNewAsync();
        var options = new RedisStoreOptions { Endpoint = redis.Endpoint, KeyPrefix = "hub", BrandPartitions = new Processing.Replay.Replayer(catalog, ProcessorOptions.Default, TimeProvider.System).BrandPartitions };
        using var workerConnection = await RedisConnections.ConnectAsync(options, NullLogger.Instance);
        using var webConnection = await RedisConnections.ConnectAsync(options, NullLogger.Instance);
        var workerStore = new RedisStateStore(workerConnection, options, catalog, NullLogger<RedisStateStore>.Instance);
        var webStore = new RedisStateStore(webConnection, options, catalog, NullLogger<RedisStateStore>.Instance);
        using var published = await RedisChangeFeed.StartAsync(workerConnection, workerStore.Keys, listen: false, NullLogger.Instance);
        using var heard = await RedisChangeFeed.StartAsync(webConnection, webStore.Keys, listen: true, NullLogger.Instance);
        var sinks = new CollectingSinks();
        var committer = new BatchCommitter(workerStore, sinks, sinks, null, published);
        var processor = new StreamProcessor(catalog, ProcessorOptions.Default with { IdleTimeout = null });
        var batches = generator.Generate()
            .Select((r, i) => new InboundRecord(new SourcePartition("hub", 0), i, null, ReadOnlyMemory<byte>.Empty, r.Value))
            .Chunk(100)
            .Select((chunk, i) => new RecordBatch(chunk, EventBuilder.T0 + (i * 1_000L)))
            .ToList();

        // The layout is recorded by the first commit; the web role can read the campaign once it is.
        await committer.CommitAsync(processor.Process(batches[0]), CancellationToken.None);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var keys = new ApiKeyRing([new ApiKeyEntry(ApiKeyRing.Hash(ApiKey), new HashSet<string> { campaignId }, null)]);
        await using var web = await WebApp.StartAsync(new WebOptions { Urls = baseUrl, HubUpdateInterval = TimeSpan.FromMilliseconds(100) }, webStore, catalog, keys, heard, stop.Token, b => b.Logging.ClearProviders());
        var hub = new Uri(baseUrl + WebApp.HubPath);
        await using var watching = await TestHubClient.ConnectAsync(hub, ApiKey);
        await watching.InvokeAsync("Join", campaignId, "campaign");
        await watching.InvokeAsync("Join", campaignId, "5m");

        // Batches commit while the views are watched, so the web role keeps them from notices, a few per push.
        foreach (var batch in batches.Skip(1).SkipLast(1))
        {
            await committer.CommitAsync(processor.Process(batch), CancellationToken.None);
            await Task.Delay(20, stop.Token);
        }

        await Eventually.ReturnsAsync(() => Task.FromResult(watching.Messages.Count(m => m.Target == "update")), n => n >= 5, TimeSpan.FromSeconds(30), "updates pushed while the traffic ran");
        await Task.Delay(500, stop.Token); // the last notices heard and pushed

        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        await using var joining = await TestHubClient.ConnectAsync(hub, ApiKey);
        foreach (var window in new[] { "campaign", "5m" })
        {
            var count = joining.Messages.Count;
            await joining.InvokeAsync("Join", campaignId, window);
            await Eventually.ReturnsAsync(() => Task.FromResult(joining.Messages.Count), n => n > count, TimeSpan.FromSeconds(10), $"the {window} snapshot");
            var snapshot = JsonNode.Parse(joining.Messages[count].Argument)!.AsObject();
            var whole = JsonNode.Parse(await http.GetStringAsync($"/api/campaigns/{campaignId}/summary?window={window}", stop.Token))!.AsObject();
            Assert.Equal("snapshot", joining.Messages[count].Target);
            Assert.True(snapshot["creators"]!.AsArray().Count == 5 && snapshot["series"]!.AsArray().Count >= 5, snapshot.ToJsonString());
            foreach (var part in new[] { "watermark", "totals", "creators", "series", "goal" })
            {
                Assert.True(JsonNode.DeepEquals(whole[part], snapshot[part]), $"{window} {part}: whole {whole[part]?.ToJsonString()} ;; kept {snapshot[part]?.ToJsonString()}");
            }
        }

        // The last batch commits without a notice; then a notice no one can read (the feed's "may have lost some").
        await new BatchCommitter(workerStore, sinks, sinks, null, null).CommitAsync(processor.Process(batches[^1]), CancellationToken.None);
        var seen = watching.Messages.Count;
        await workerConnection.GetSubscriber().PublishAsync(StackExchange.Redis.RedisChannel.Literal(webStore.Keys.ChangesChannel), "k|not a notice");
        var toDate = JsonNode.Parse(await http.GetStringAsync($"/api/campaigns/{campaignId}/summary?window=campaign", stop.Token))!;
        var impressions = toDate["totals"]!["impressions"]!.GetValue<long>();
        await Eventually.ReturnsAsync(
            () => Task.FromResult(watching.Messages.Skip(seen).Where(m => m.Target == "update").Select(m => JsonNode.Parse(m.Argument)!).ToList()),
            updates => updates.Any(u => u["window"]!.GetValue<string>() == "campaign" && u["patch"]?["totals"]?["impressions"]?.GetValue<long>() == impressions),
            TimeSpan.FromSeconds(15),
            $"an update to the campaign's {impressions} impressions after the lost notice");
    }
}
