using System.Net;
using System.Text.Json;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Web;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using CreatorStream.Testing.Hub;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Host.Tests.Web;

/// <summary>
/// Alerts judged when read (docs/design.md, "Alerts judged when read") in REST <c>/alerts</c> and on the hub. The REST case
/// is <see cref="TablesFixture"/>'s campaign: anna's cost is 1,370 fixed plus 10 % of the 60 credited to her, 1,376, for one
/// credited order, against a CPA benchmark of 25.
/// </summary>
public sealed class JudgedAlertsTests(TablesFixture web) : IClassFixture<TablesFixture>
{
    private const string Key = "judged-key";

    // A campaign whose CPA benchmark is 60: anna costs 100 fixed, so one order puts her at 100, two at 50.
    private const string CampaignJson = """
        {"campaigns":[{"campaign_id":"judged","brand_id":"acme","name":"Judged","currency":"USD",
          "goal":{"type":"sales","target":{"kpi":"revenue","value":1000}},
          "attribution":{"reporting_model":"last_touch","lookback_days":30,"time_decay_half_life_hours":168,"data_driven_min_conversions":300},
          "benchmarks":{"cpa":60.0,"cpm":{"instagram":8.0},"engagement_value":{"like":0.05,"comment":0.5,"share":0.75,"save":0.5}},
          "creators":[{"creator_id":"anna","name":"Anna","promo_codes":[],"links":["lnk-anna"],
             "costs":{"flat_fee":100,"product":0,"production":0,"shipping":0,"agency_fee":0,"commission_rate":0}}]}]}
        """;

    [Fact]
    public async Task Alerts_WithACreatorAboveTheCpaBenchmark_ListItsJudgedAlertFirst()
    {
        using var http = new HttpClient { BaseAddress = new Uri(web.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/campaigns/summer/alerts") { Headers = { { "X-Api-Key", TablesFixture.Key } } };
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alert = Assert.Single(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray());
        Assert.Equal(
            ($"cpa_above_benchmark:summer:anna:{T0}", "cpa_above_benchmark", "summer", "anna", T0),
            (alert.GetProperty("alert_id").GetString(), alert.GetProperty("kind").GetString(), alert.GetProperty("campaign_id").GetString(), alert.GetProperty("creator_id").GetString(), alert.GetProperty("window_start").GetInt64()));
        var details = alert.GetProperty("details");
        Assert.Equal((1_376.0, 25.0), (details.GetProperty("cpa").GetDouble(), details.GetProperty("benchmark").GetDouble()));
        Assert.Equal(alert.GetProperty("window_end").GetInt64(), alert.GetProperty("detected_at").GetInt64()); // judged from event time
    }

    [Fact]
    public async Task Hub_JudgedCpaAlert_IsPushedThenResolvedWhenASecondOrderHalvesTheCpa()
    {
        var catalog = CampaignCatalog.Parse(CampaignJson);
        var processor = new StreamProcessor(catalog, ProcessorOptions.Default);
        var store = new InMemoryStateStore();
        await store.CommitAsync(processor.Process(Batch(
            1_000,
            Record(Click("u1", T0, campaign: "judged"), 0),
            Record(Conversion("u1", T0 + 1_000, 150m, campaign: "judged", id: "order-1"), 1),
            Record(Impression("u9", T0 + (60 * 60_000), campaign: "judged"), 2))).Delta, CancellationToken.None);
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var keys = new ApiKeyRing([new ApiKeyEntry(ApiKeyRing.Hash(Key), null, null)]);
        var options = new WebOptions { Urls = baseUrl, JudgedAlertInterval = TimeSpan.FromMilliseconds(100) };
        var app = await WebApp.StartAsync(options, store, catalog, keys, new InProcessChangeFeed(), CancellationToken.None, b => b.Logging.ClearProviders());
        try
        {
            await using var client = await TestHubClient.ConnectAsync(new Uri(baseUrl + WebApp.HubPath), Key);
            await client.InvokeAsync("Join", "judged", "campaign");
            var raised = await Eventually.ReturnsAsync(() => Task.FromResult(JudgedAlerts(client)), a => a.Count >= 1, TimeSpan.FromSeconds(10), "the CPA alert pushed");
            var first = raised[0].GetProperty("details");
            Assert.Equal((100.0, 60.0, false), (first.GetProperty("cpa").GetDouble(), first.GetProperty("benchmark").GetDouble(), first.TryGetProperty("resolved", out _)));

            // A second order credited to anna: 100 for two orders is 50, under the benchmark; the alert is pushed once more, resolved.
            await store.CommitAsync(processor.Process(Batch(
                2_000,
                Record(Click("u2", T0 + (61 * 60_000), campaign: "judged"), 3),
                Record(Conversion("u2", T0 + (61 * 60_000) + 1_000, 150m, campaign: "judged", id: "order-2"), 4),
                Record(Impression("u9", T0 + (120 * 60_000), campaign: "judged"), 5))).Delta, CancellationToken.None);
            var all = await Eventually.ReturnsAsync(() => Task.FromResult(JudgedAlerts(client)), a => a.Count >= 2, TimeSpan.FromSeconds(10), "the CPA alert resolved");
            var resolved = all[1];
            Assert.Equal(raised[0].GetProperty("alert_id").GetString(), resolved.GetProperty("alert_id").GetString());
            Assert.True(resolved.GetProperty("details").GetProperty("resolved").GetBoolean());
            Assert.Equal(100.0, resolved.GetProperty("details").GetProperty("cpa").GetDouble()); // the figures when it last held

            // Nothing more is pushed while nothing changes: three more rounds.
            await Task.Delay(400);
            Assert.Equal(2, JudgedAlerts(client).Count);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static List<JsonElement> JudgedAlerts(TestHubClient client) =>
        [.. client.Messages.Where(m => m.Target == "alert").Select(m => JsonDocument.Parse(m.Argument).RootElement).Where(a => a.GetProperty("kind").GetString() == "cpa_above_benchmark")];
}
