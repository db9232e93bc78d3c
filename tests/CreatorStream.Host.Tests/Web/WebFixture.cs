using CreatorStream.Core.Streaming;
using CreatorStream.Host.Web;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Host.Tests.Web;

/// <summary>
/// The web role on a free loopback port over a memory store holding hand-made state: three impressions (u1 twice,
/// u2) and one like for anna in minute T0; for ben one click in T0, one at T0 + 20 min, and then a late click back in
/// T0 (a correction of that closed minute); u2 (who saw and liked anna's post) buys for 40 ten seconds after T0; and
/// one spike alert. Keys: <see cref="AllKey"/> sees every campaign, <see cref="OtherKey"/>
/// only campaign "autumn" (which does not exist here).
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const string AllKey = "key-for-everything";
    public const string OtherKey = "key-for-autumn";

    private WebApplication? _app;

    public string BaseUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    public InMemoryStateStore Store { get; } = new();

    /// <summary>The running web role (its endpoints, for the OpenAPI test).</summary>
    public WebApplication App => _app ?? throw new InvalidOperationException("the fixture has not started");

    public async Task InitializeAsync()
    {
        var catalog = TestCampaigns.Spring();
        var processor = new StreamProcessor(catalog, ProcessorOptions.Default);
        var result = processor.Process(Batch(
            1_000,
            Record(Impression("u1", T0), 0),
            Record(Impression("u1", T0 + 1), 1),
            Record(Impression("u2", T0 + 2), 2),
            Record(Engagement("u2", T0 + 3), 3),
            Record(Click("u3", T0 + 4, creator: "ben", content: "post-b"), 4),
            Record(Click("u3", T0 + (20 * 60_000), creator: "ben", content: "post-b"), 5),
            Record(Conversion("u2", T0 + 10_000, 40m, id: "sale-1"), 6)));
        await Store.CommitAsync(result.Delta, CancellationToken.None);
        var late = processor.Process(Batch(2_000, Record(Click("u4", T0 + 30_000, creator: "ben", content: "post-b"), 7)));
        late.Delta.Alerts.Add(new Core.Alerts.Alert
        {
            AlertId = "engagement_spike:spring:anna:post-1:" + T0,
            Kind = Core.Alerts.AlertKinds.EngagementSpike,
            CampaignId = "spring",
            CreatorId = "anna",
            ContentId = "post-1",
            WindowStart = T0,
            WindowEnd = T0 + 60_000,
            DetectedAtMs = 2_000,
            Details = new System.Text.Json.Nodes.JsonObject { ["observed"] = 40, ["expected"] = 4.0 },
        });
        late.Delta.FlaggedAccounts[new Core.State.FlagScope("spring", "anna", null)] =
            [new Core.Authenticity.FlaggedAccount("bot-7", 0.93, new Dictionary<string, int> { ["shared_device"] = 4, ["new_account"] = 4 }, 4, T0 + 3)];
        await Store.CommitAsync(late.Delta, CancellationToken.None);

        var keys = new ApiKeyRing(
        [
            new ApiKeyEntry(ApiKeyRing.Hash(AllKey), null, null),
            new ApiKeyEntry(ApiKeyRing.Hash(OtherKey), new HashSet<string> { "autumn" }, null),
        ]);
        _app = await WebApp.StartAsync(new WebOptions { Urls = BaseUrl }, Store, catalog, keys, new InProcessChangeFeed(), CancellationToken.None, b => b.Logging.ClearProviders());
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
