using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Simulation;
using CreatorStream.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreatorStream.Redis.Tests;

/// <summary>The hub's views kept by the change feed on a real Redis: equal to whole reads, and the notices that mark them cross processes intact.</summary>
public sealed class RedisKeptViewsTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task KeptViews_EqualAWholeReadOfRedis()
    {
        var traffic = new GeneratorOptions
        {
            Seed = 14,
            StartMs = EventBuilder.T0,
            MaxEvents = 6_000,
            EventsPerSecond = 10, // ten minutes: the five-minute window moves on
            LateRate = 0.01,
            CreatorsPerCampaign = 3,
            UsersPerCampaign = 2_000,
        };
        var check = new KeptViewsCheck(redis.NewStore(CampaignCatalog.From(new TrafficGenerator(traffic).Campaigns)), traffic) { CheckEvery = 5 };

        var difference = await check.RunAsync(StateWindow.All);
        Assert.True(difference is null, difference);
        Assert.Equal(30, check.Checks);
        Assert.Equal(StateWindow.All.Count * new TrafficGenerator(traffic).Campaigns.Campaigns.Count, check.WholeReads);
    }

    [Fact]
    public async Task ChangeNotice_CarriesWhatTheBatchWrote_ToAnotherProcess()
    {
        var keys = NewKeys();
        using var listener = await RedisChangeFeed.StartAsync(redis.Connection, keys, listen: true, NullLogger.Instance);
        using var publisher = await RedisChangeFeed.StartAsync(redis.Connection, keys, listen: false, NullLogger.Instance);
        var heard = listener.Changes.Take(2).ToList().ToTask();
        const string campaign = "spring|sale 2026:%";
        AggregateKey[] touched =
        [
            AggregateKey.Campaign(campaign),
            AggregateKey.Creator(campaign, "ana b|c", 1_800_000_060_000),
            AggregateKey.Content(campaign, "ana b|c", "post:1 %2F", Platform.YouTube, 1_800_000_000_000),
        ];

        publisher.Publish(new CampaignChange(campaign, 42, 1_800_000_100_000) { Touched = touched });
        publisher.Publish(new CampaignChange("summer", 43, 1_800_000_100_001)); // not listed: read it all

        var changes = await heard.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(campaign, changes[0].CampaignId);
        Assert.Equal((42L, 1_800_000_100_000L), (changes[0].Watermark, changes[0].CommittedAtMs));
        Assert.Equal(touched, changes[0].Touched);
        Assert.Equal("summer", changes[1].CampaignId);
        Assert.Null(changes[1].Touched);
    }

    [Fact]
    public async Task ChangeNotice_TooLargeForEveryWebRole_SaysReadItAll()
    {
        var keys = NewKeys();
        using var listener = await RedisChangeFeed.StartAsync(redis.Connection, keys, listen: true, NullLogger.Instance);
        using var publisher = await RedisChangeFeed.StartAsync(redis.Connection, keys, listen: false, NullLogger.Instance);
        var heard = listener.Changes.Take(2).ToList().ToTask();
        AggregateKey[] few = [.. Enumerable.Range(0, 100).Select(i => AggregateKey.Content("spring", "ana", $"post-{i}", Platform.TikTok))];
        AggregateKey[] many = [.. Enumerable.Range(0, 2_000).Select(i => AggregateKey.Content("spring", "ana", $"post-{i}", Platform.TikTok))];

        publisher.Publish(new CampaignChange("spring", 1, 1) { Touched = few });
        publisher.Publish(new CampaignChange("spring", 2, 2) { Touched = many }); // about 50 KB listed

        var changes = await heard.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(few, changes[0].Touched);
        Assert.Null(changes[1].Touched);
    }

    [Theory]
    [InlineData("k|x|1|spring")]
    [InlineData("k|1|1|spring|nope")]
    [InlineData("k|1|1|spring|-1 r:%Z")]
    [InlineData("k|1|1|spring|-1 q:ana")]
    [InlineData("k|99999999999999999999|1|spring")]
    [InlineData("c|1|99999999999999999999|spring")]
    public async Task UnreadableNotice_IsReportedLost(string notice)
    {
        var keys = NewKeys();
        using var listener = await RedisChangeFeed.StartAsync(redis.Connection, keys, listen: true, NullLogger.Instance);
        var lost = listener.Lost.FirstAsync().ToTask();

        await redis.Connection.GetSubscriber().PublishAsync(StackExchange.Redis.RedisChannel.Literal(keys.ChangesChannel), notice);

        await lost.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static RedisKeys NewKeys() => new($"feed{Guid.NewGuid():N}", _ => "t0");
}
