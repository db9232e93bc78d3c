using System.Text.Json.Nodes;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Web;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;
using CreatorStream.Testing;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// The web role over a campaign of <see cref="Creators"/> creators with <see cref="PostsPerCreator"/> posts each, fed
/// live: every <see cref="FeedInterval"/> a batch of impressions and likes on random posts goes through the stream
/// processor into a memory store, and the change is published to the hub, as a worker does. Stops feeding when
/// disposed.
/// </summary>
public sealed class ScaleFixture : IAsyncLifetime
{
    public const string ApiKey = "scale-key";
    public const string CampaignId = "scale";
    public const int Creators = 500;
    public const int PostsPerCreator = 10;
    public const int EventsPerFeed = 200;
    public static readonly TimeSpan FeedInterval = TimeSpan.FromMilliseconds(100);

    private static readonly Platform[] Platforms = [Platform.Instagram, Platform.TikTok, Platform.YouTube];

    private readonly InMemoryStateStore _store = new();
    private readonly InProcessChangeFeed _changes = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Random _random = new(11);
    private StreamProcessor? _processor;
    private WebApplication? _app;
    private Task? _feeding;
    private long _offset;

    public string BaseUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    public static int Posts => Creators * PostsPerCreator;

    private int _feeds;

    /// <summary>Batches fed so far (each one change published).</summary>
    public int Feeds => Volatile.Read(ref _feeds);

    public async Task InitializeAsync()
    {
        var catalog = Catalog();
        _processor = new StreamProcessor(catalog, ProcessorOptions.Default);

        // Every post is seen once and liked once, ten minutes ago, so all of them are in the store before the page opens.
        var start = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds();
        var seed = new List<StreamEvent>();
        for (var post = 0; post < Posts; post++)
        {
            seed.Add(Impression(post, $"seed-{post}", start + post));
            seed.Add(Like(post, $"seed-{post}", start + post + 1));
        }

        await ProcessAsync(seed);
        var keys = new ApiKeyRing([new ApiKeyEntry(ApiKeyRing.Hash(ApiKey), Campaigns: null, Brands: null)]);
        _app = await WebApp.StartAsync(new WebOptions { Urls = BaseUrl }, _store, catalog, keys, _changes, CancellationToken.None, b => b.Logging.ClearProviders());
        _feeding = Task.Run(() => FeedAsync(_stop.Token));
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_feeding is not null)
        {
            await _feeding.WaitAsync(TimeSpan.FromSeconds(10));
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _changes.Dispose();
        _stop.Dispose();
    }

    /// <summary>Live traffic, bounded by the fixture's lifetime: event time follows the wall clock.</summary>
    private async Task FeedAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(FeedInterval);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await timer.WaitForNextTickAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var batch = new List<StreamEvent>(EventsPerFeed);
            for (var i = 0; i < EventsPerFeed; i++)
            {
                var post = _random.Next(Posts);
                var user = $"live-{_random.Next(50_000)}";
                batch.Add(i % 4 == 0 ? Like(post, user, now - i) : Impression(post, user, now - i));
            }

            await ProcessAsync(batch);
            _changes.Publish(new CampaignChange(CampaignId, now, now));
            Interlocked.Increment(ref _feeds);
        }
    }

    private async Task ProcessAsync(List<StreamEvent> events)
    {
        var records = events.Select(e => EventBuilder.Record(e, _offset++)).ToArray();
        var result = _processor!.Process(EventBuilder.Batch(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), records));
        await _store.CommitAsync(result.Delta, CancellationToken.None);
    }

    private static StreamEvent Impression(int post, string user, long ts) =>
        EventBuilder.Impression(user, ts, CreatorOf(post), ContentOf(post), PlatformOf(post), CampaignId);

    private static StreamEvent Like(int post, string user, long ts) =>
        EventBuilder.Engagement(user, ts, EngagementKind.Like, CreatorOf(post), ContentOf(post), PlatformOf(post), CampaignId);

    private static string CreatorOf(int post) => $"c{post / PostsPerCreator:000}";

    private static string ContentOf(int post) => $"post-{post:0000}";

    private static Platform PlatformOf(int post) => Platforms[post % Platforms.Length];

    private static CampaignCatalog Catalog()
    {
        var creators = new JsonArray();
        for (var i = 0; i < Creators; i++)
        {
            creators.Add(new JsonObject
            {
                ["creator_id"] = $"c{i:000}",
                ["name"] = $"Creator {i:000}",
                ["promo_codes"] = new JsonArray(),
                ["links"] = new JsonArray(),
                ["costs"] = new JsonObject { ["flat_fee"] = 100 + i },
            });
        }

        var campaign = new JsonObject
        {
            ["campaign_id"] = CampaignId,
            ["brand_id"] = "acme",
            ["name"] = "Five hundred creators",
            ["currency"] = "USD",
            ["creators"] = creators,
        };
        return CampaignCatalog.Parse(new JsonObject { ["campaigns"] = new JsonArray(campaign) }.ToJsonString());
    }
}
