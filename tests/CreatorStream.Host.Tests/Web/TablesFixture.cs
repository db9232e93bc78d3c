using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Web;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Host.Tests.Web;

/// <summary>
/// The web role over hand-made state for the content table and exports. Campaign "summer" (EUR; CPM 8 on Instagram,
/// 4 on TikTok; like 0.05, save 0.5) with creators whose names test CSV: anna <c>Anna, "the" Creator</c> (fixed cost
/// 1,370, commission 10%), ben <c>=HYPERLINK("http://x")</c> (500, 5%), zoe <c>Zoë 東京</c> (100, none; no events).
/// In minute T0, batch at wall clock 1,000: anna's post-1 on Instagram (reel) seen by u1 twice and u2, liked by u2
/// and saved by u1; anna's post-2 on TikTok (video) seen and clicked by u3; ben's post-b on Instagram clicked by u4
/// (no impression); ben's "dup" seen by u5 on Instagram and on TikTok (one id, two posts); u3 buys for 60 at
/// T0 + 10 s. Batch at wall clock 2,000: u4 clicks post-b again at T0 + 20 min, which releases the purchase.
/// </summary>
public sealed class TablesFixture : IAsyncLifetime
{
    public const string Key = "summer-key";
    public const string OtherKey = "autumn-key";

    public const string CampaignJson = """
        {"campaigns":[{"campaign_id":"summer","brand_id":"acme","name":"Summer","currency":"EUR",
          "goal":{"type":"sales","target":{"kpi":"revenue","value":10000},"baseline":null},
          "attribution":{"reporting_model":"last_touch","lookback_days":30,"time_decay_half_life_hours":168,"data_driven_min_conversions":300},
          "benchmarks":{"cpa":25.0,"cpm":{"instagram":8.0,"tiktok":4.0},"engagement_value":{"like":0.05,"comment":0.5,"share":0.75,"save":0.5}},
          "creators":[
            {"creator_id":"anna","name":"Anna, \"the\" Creator","promo_codes":[],"links":["lnk-anna"],
             "costs":{"flat_fee":1000,"product":50,"production":200,"shipping":20,"agency_fee":100,"commission_rate":0.10}},
            {"creator_id":"ben","name":"=HYPERLINK(\"http://x\")","promo_codes":[],"links":["lnk-ben"],
             "costs":{"flat_fee":500,"product":0,"production":0,"shipping":0,"agency_fee":0,"commission_rate":0.05}},
            {"creator_id":"zoe","name":"Zoë 東京","promo_codes":[],"links":[],
             "costs":{"flat_fee":100,"product":0,"production":0,"shipping":0,"agency_fee":0,"commission_rate":0}}]}]}
        """;

    private WebApplication? _app;

    public string BaseUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    public async Task InitializeAsync()
    {
        var catalog = CampaignCatalog.Parse(CampaignJson);
        var processor = new StreamProcessor(catalog, ProcessorOptions.Default);
        var store = new InMemoryStateStore();
        const string c = "summer";
        var first = processor.Process(Batch(
            1_000,
            Record(Impression("u1", T0, campaign: c), 0),
            Record(Impression("u1", T0 + 1, campaign: c), 1),
            Record(Impression("u2", T0 + 2, campaign: c), 2),
            Record(Engagement("u2", T0 + 3, campaign: c), 3),
            Record(Engagement("u1", T0 + 4, EngagementKind.Save, campaign: c), 4),
            Record(Impression("u3", T0 + 5, content: "post-2", platform: Platform.TikTok, campaign: c) with { ContentFormat = ContentFormat.Video }, 5),
            Record(Click("u3", T0 + 6, content: "post-2", platform: Platform.TikTok, campaign: c), 6),
            Record(Click("u4", T0 + 7, creator: "ben", content: "post-b", campaign: c), 7),
            Record(Impression("u5", T0 + 8, creator: "ben", content: "dup", campaign: c), 8),
            Record(Impression("u5", T0 + 9, creator: "ben", content: "dup", platform: Platform.TikTok, campaign: c), 9),
            Record(Conversion("u3", T0 + 10_000, 60m, campaign: c, id: "summer-sale-1"), 10)));
        await store.CommitAsync(first.Delta, CancellationToken.None);
        var second = processor.Process(Batch(2_000, Record(Click("u4", T0 + (20 * 60_000), creator: "ben", content: "post-b", campaign: c), 11)));
        await store.CommitAsync(second.Delta, CancellationToken.None);

        var keys = new ApiKeyRing(
        [
            new ApiKeyEntry(ApiKeyRing.Hash(Key), new HashSet<string> { "summer" }, null),
            new ApiKeyEntry(ApiKeyRing.Hash(OtherKey), new HashSet<string> { "autumn" }, null),
        ]);
        _app = await WebApp.StartAsync(new WebOptions { Urls = BaseUrl }, store, catalog, keys, new InProcessChangeFeed(), CancellationToken.None, b => b.Logging.ClearProviders());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
