using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CreatorStream.Core.Forecasts;
using CreatorStream.Host.Web;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using static CreatorStream.Testing.RosterScenario;

namespace CreatorStream.Host.Tests.Web;

/// <summary>
/// Forecasts before a campaign has a day of figures (docs/design.md, "Forecasts"): <see cref="RosterScenario"/> replayed
/// into "spring"'s first day (its events are not in time order, so the closing impression at 12 hours comes after dan's
/// orders at 14 hours and is dropped as late: spring's figures reach about 14 h 20 min), projected from its creators' pace in
/// "winter", by hand; only campaigns the key reads, in the campaign's currency.
/// </summary>
public sealed class ForecastHistoryApiTests : IAsyncLifetime
{
    private const string Brand = "brand-key";
    private const string SpringOnly = "spring-key";
    private static readonly long Until = Spring + (144 * Hour);
    private readonly InMemoryStateStore _store = new();
    private WebTestHost? _host;

    public async Task InitializeAsync()
    {
        await ScenarioReplay.RunAsync(Catalog(), Events(Spring + (12 * Hour)), _store);
        var keys = new ApiKeyRing(
        [
            new ApiKeyEntry(ApiKeyRing.Hash(Brand), null, new HashSet<string> { "acme" }),
            new ApiKeyEntry(ApiKeyRing.Hash(SpringOnly), new HashSet<string> { "spring" }, null),
        ]);
        _host = await WebTestHost.StartAsync(_store, Catalog(), keys);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Forecast_InTheFirstDay_ProjectsFromWinter_ByHand()
    {
        // winter: first hour Winter; the newest event in the campaign's figures (LastEventTs) is ben's last click, at
        // 30 h 30 min, so 30.5 hours measured. anna's
        // 12 orders (all hers under last touch, 150 each) fall in the second 12-hour block: blocks [0, 12], dispersion
        // 12; ben's 3 (100 each) after the last whole block: [0, 0], 1, floored at (12 + 1) / 2 = 6.5. spring from its
        // first hour (the goal names no start) to 144 hours later: anna 12 × 144 / 30.5 more, ben 3 × 144 / 30.5; dan
        // was not in winter and is not projected.
        var (status, body) = await SendAsync(HttpMethod.Get, $"/api/campaigns/spring/forecast?until={Until}", Brand);

        Assert.Equal(HttpStatusCode.OK, status);
        const double WinterHours = 30.5;
        Assert.Equal("history", body.GetProperty("basis").GetString());
        Assert.Equal((Spring, 144.0), (body.GetProperty("as_of").GetInt64(), body.GetProperty("hours_left").GetDouble()));
        Assert.Equal(["winter"], body.GetProperty("earlier_campaigns").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["dan"], body.GetProperty("not_projected").EnumerateArray().Select(e => e.GetString()));
        var anna = Creator(body, "anna");
        Assert.Equal(WinterHours, anna.GetProperty("hours_measured").GetDouble(), 9);
        Assert.Equal((12L, 12.0), (anna.GetProperty("orders").GetInt64(), anna.GetProperty("dispersion").GetDouble()));
        Assert.Equal(12 * 144 / WinterHours, anna.GetProperty("additional_conversions").GetProperty("estimate").GetDouble(), 9);
        Assert.Equal(150 * 12 * 144 / WinterHours, anna.GetProperty("additional_revenue").GetProperty("estimate").GetDouble(), 6);
        Assert.Equal(0, anna.GetProperty("conversions_to_date").GetDouble());
        var ben = Creator(body, "ben");
        Assert.Equal(6.5, ben.GetProperty("dispersion").GetDouble(), 9);
        Assert.Equal(3 * 144 / WinterHours, ben.GetProperty("additional_conversions").GetProperty("estimate").GetDouble(), 9);
        Assert.Equal(15 * 144 / WinterHours, body.GetProperty("additional_conversions").GetProperty("estimate").GetDouble(), 9);
        Assert.StartsWith("At their pace in the brand's earlier campaigns (winter): 12 orders in 30.5 hours", anna.GetProperty("fit").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_InTheFirstDay_ReadsOnlyTheCampaignsTheKeyReads()
    {
        // A key of spring alone does not read winter: nothing to project from yet, which is not the request's fault.
        var (status, body) = await SendAsync(HttpMethod.Get, $"/api/campaigns/spring/forecast?until={Until}", SpringOnly);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(CampaignForecaster.TooEarly + ", and none of its creators has an earlier campaign of the brand with a day of figures", body.GetProperty("reason").GetString());

        // Extra spend on a creator with no earlier campaign has no price: the request must change.
        (status, body) = await SendAsync(HttpMethod.Post, "/api/campaigns/spring/forecast", Brand, $$"""{"allocation": {"dan": 10}, "until": {{Until}}}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'dan' has no earlier campaign", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_InTheFirstDay_ReadsNoEarlierCampaignOfAnotherCurrency()
    {
        // winter in euros: its revenue and order values are not spring's dollars, so there is no history to project from.
        var catalog = Core.Configuration.CampaignCatalog.Parse(Json.Replace("\"name\":\"Winter sale\",\"currency\":\"USD\"", "\"name\":\"Winter sale\",\"currency\":\"EUR\"", StringComparison.Ordinal));
        Assert.Equal("EUR", catalog.Campaigns.Single(c => c.CampaignId == "winter").Currency);
        var store = new InMemoryStateStore();
        await ScenarioReplay.RunAsync(catalog, Events(Spring + (12 * Hour)), store);

        var spring = catalog.Campaigns.Single(c => c.CampaignId == "spring");
        var (forecast, refusal) = await Processing.Forecasts.ForecastReader.ReadAsync(store, spring, catalog.Campaigns, Until, new Dictionary<string, double>(), CancellationToken.None);

        Assert.Null(forecast);
        Assert.StartsWith(CampaignForecaster.TooEarly + ", and none of its creators has an earlier campaign", refusal, StringComparison.Ordinal);
    }

    private static JsonElement Creator(JsonElement forecast, string id) =>
        forecast.GetProperty("creators").EnumerateArray().Single(c => c.GetProperty("creator_id").GetString() == id);

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string key, string? body = null)
    {
        using var response = await _host!.SendAsync(method, path, key, body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
