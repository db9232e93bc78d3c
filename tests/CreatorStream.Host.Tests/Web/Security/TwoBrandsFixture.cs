using CreatorStream.Core.Configuration;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Web;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Host.Tests.Web.Security;

/// <summary>
/// The web role over two brands' data in a memory store. Brand "acme": campaigns "spring" (anna, ben; anna's post-1
/// seen, liked and bought from for 40) and "autumn" (no events). Brand "globex": campaign "winter", whose every id,
/// name and figure is distinctive (<see cref="BrandBSecrets"/>) so a leak shows in any response body: creators
/// zed-globex and yan-globex, post globex-post-1, a purchase of 4242.42, an alert and a flagged account. Keys cover
/// one brand each; origin https://allowed.example may call from a browser; limits are raised out of the way.
/// </summary>
public sealed class TwoBrandsFixture : IAsyncLifetime
{
    public const string BrandAKey = "key-of-brand-acme";
    public const string BrandBKey = "key-of-brand-globex";
    public const string AllowedOrigin = "https://allowed.example";

    /// <summary>What brand A must never see: brand B's ids, names, figures and flagged accounts.</summary>
    public static readonly IReadOnlyList<string> BrandBSecrets =
        ["globex", "zed-globex", "yan-globex", "Zed Winter", "globex-post-1", "Winter Secret Launch", "4242.42", "globex-bot", "lnk-zed"];

    private WebApplication? _app;

    public string BaseUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    public InProcessChangeFeed Changes { get; } = new();

    private readonly InMemoryStateStore _store = new();
    private StreamProcessor? _processor;

    /// <summary>
    /// One more click on brand B's campaign, committed: the hub sends viewers only what changed, so a test that wants
    /// an update makes a change.
    /// </summary>
    public async Task AddWinterClickAsync()
    {
        var more = _processor!.Process(Batch(3_000, Record(Click("w3", T0 + (21 * 60_000), creator: "yan-globex", content: "globex-post-2", campaign: "winter"), 8)));
        await _store.CommitAsync(more.Delta, CancellationToken.None);
    }

    public async Task InitializeAsync()
    {
        var catalog = CampaignCatalog.Parse($$"""
            {"campaigns":[
              {{Campaign("spring", "acme", "Spring launch", "anna", "Anna", "lnk-anna", "ben", "Ben", "lnk-ben")}},
              {{Campaign("autumn", "acme", "Autumn", "cleo", "Cleo", "lnk-cleo", "dan", "Dan", "lnk-dan")}},
              {{Campaign("winter", "globex", "Winter Secret Launch", "zed-globex", "Zed Winter", "lnk-zed", "yan-globex", "Yan Winter", "lnk-yan")}}]}
            """);
        var processor = _processor = new StreamProcessor(catalog, ProcessorOptions.Default);
        var store = _store;
        var first = processor.Process(Batch(
            1_000,
            Record(Impression("u1", T0), 0),
            Record(Engagement("u1", T0 + 1), 1),
            Record(Conversion("u1", T0 + 2, 40m, id: "acme-sale"), 2),
            Record(Impression("w1", T0 + 3, creator: "zed-globex", content: "globex-post-1", campaign: "winter"), 3),
            Record(Impression("w2", T0 + 4, creator: "zed-globex", content: "globex-post-1", campaign: "winter"), 4),
            Record(Click("w1", T0 + 5, creator: "zed-globex", content: "globex-post-1", campaign: "winter"), 5),
            Record(Conversion("w1", T0 + 6, 4242.42m, brand: "globex", campaign: "winter", id: "globex-sale"), 6)));
        await store.CommitAsync(first.Delta, CancellationToken.None);
        var second = processor.Process(Batch(2_000, Record(Click("w2", T0 + (20 * 60_000), creator: "yan-globex", content: "globex-post-2", campaign: "winter"), 7)));
        second.Delta.Alerts.Add(WinterAlert());
        second.Delta.FlaggedAccounts[new Core.State.FlagScope("winter", "zed-globex", null)] =
            [new Core.Authenticity.FlaggedAccount("globex-bot", 0.97, new Dictionary<string, int> { ["shared_device"] = 3 }, 3, T0 + 3)];
        await store.CommitAsync(second.Delta, CancellationToken.None);

        var keys = new ApiKeyRing(
        [
            new ApiKeyEntry(ApiKeyRing.Hash(BrandAKey), Campaigns: null, Brands: new HashSet<string> { "acme" }),
            new ApiKeyEntry(ApiKeyRing.Hash(BrandBKey), Campaigns: null, Brands: new HashSet<string> { "globex" }),
        ]);
        var options = new WebOptions { Urls = BaseUrl, AllowedOrigins = [AllowedOrigin], RateLimitPerSecond = 100_000, RateLimitBurst = 100_000 };
        _app = await WebApp.StartAsync(options, store, catalog, keys, Changes, CancellationToken.None, b => b.Logging.ClearProviders());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Changes.Dispose();
    }

    public static Core.Alerts.Alert WinterAlert(long detectedAtMs = 2_000) => new()
    {
        AlertId = $"engagement_spike:winter:zed-globex:globex-post-1:{T0}:{detectedAtMs}",
        Kind = Core.Alerts.AlertKinds.EngagementSpike,
        CampaignId = "winter",
        CreatorId = "zed-globex",
        ContentId = "globex-post-1",
        WindowStart = T0,
        WindowEnd = T0 + 60_000,
        DetectedAtMs = detectedAtMs,
        Details = new System.Text.Json.Nodes.JsonObject { ["observed"] = 4242, ["expected"] = 4.0 },
    };

    private static string Campaign(string id, string brand, string name, params string[] creators)
    {
        var rows = Enumerable.Range(0, creators.Length / 3).Select(i => $$"""
            {"creator_id":"{{creators[3 * i]}}","name":"{{creators[(3 * i) + 1]}}","promo_codes":[],"links":["{{creators[(3 * i) + 2]}}"],
             "costs":{"flat_fee":1000,"product":0,"production":0,"shipping":0,"agency_fee":0,"commission_rate":0.1} }
            """);
        return $$"""
            {"campaign_id":"{{id}}","brand_id":"{{brand}}","name":"{{name}}","currency":"USD",
             "goal":{"type":"sales","target":{"kpi":"revenue","value":50000 },"baseline":null},
             "attribution":{"reporting_model":"last_touch","lookback_days":30,"time_decay_half_life_hours":168,"data_driven_min_conversions":300},
             "benchmarks":{"cpa":25.0,"cpm":{"instagram":8.0,"tiktok":4.0},"engagement_value":{"like":0.05,"comment":0.5,"share":0.75,"save":0.5} },
             "creators":[{{string.Join(",", rows)}}]}
            """;
    }
}
