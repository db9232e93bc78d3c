using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CreatorStream.Host.Web;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using static CreatorStream.Testing.RosterScenario;

namespace CreatorStream.Host.Tests.Web;

/// <summary>
/// Forecasts over REST (docs/design.md, "Forecasts") on a memory store that replayed <see cref="RosterScenario"/> to
/// 72 hours into "spring": the figures by hand, and every refusal with its reason.
/// </summary>
public sealed class ForecastApiTests : IAsyncLifetime
{
    private const string Brand = "brand-key";
    private const string OtherBrand = "other-brand-key";
    private const string AnnaCreator = "anna-creator-key";
    private static readonly long Until = Spring + (144 * Hour);
    private readonly InMemoryStateStore _store = new();
    private WebTestHost? _host;

    public async Task InitializeAsync()
    {
        await ScenarioReplay.RunAsync(Catalog(), Events(Spring + (72 * Hour)), _store);
        var keys = new ApiKeyRing(
        [
            new ApiKeyEntry(ApiKeyRing.Hash(Brand), null, new HashSet<string> { "acme" }),
            new ApiKeyEntry(ApiKeyRing.Hash(OtherBrand), null, new HashSet<string> { "brewco" }),
            new ApiKeyEntry(ApiKeyRing.Hash(AnnaCreator), null, new HashSet<string> { "acme" }, Creator: "anna"),
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
    public async Task Forecast_AtThePace_ByHand()
    {
        // The campaign's first hour is Spring (dan's first impression), so 72 hours measured to Spring + 72 h. anna: 14
        // orders, all credited (last touch), 150 each; 72 hours left: 14 × 72 / 72 = 14 more, 2,100 revenue. Her 12-hour
        // blocks [14, 0, 0, 0, 0, 0]: mean 7/3, χ² ((35/3)² + 5 (7/3)²) / (7/3) = 70 over 5, dispersion 14.
        var (status, body) = await SendAsync(HttpMethod.Get, $"/api/campaigns/spring/forecast?until={Until}", Brand);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((Spring + (72 * Hour), Until, 72.0), (body.GetProperty("as_of").GetInt64(), body.GetProperty("until").GetInt64(), body.GetProperty("hours_left").GetDouble()));
        Assert.Equal("last_touch", body.GetProperty("model").GetString());
        var anna = Creator(body, "anna");
        Assert.Equal((72.0, 14L), (anna.GetProperty("hours_measured").GetDouble(), anna.GetProperty("orders").GetInt64()));
        Assert.Equal(14, anna.GetProperty("dispersion").GetDouble(), 9);
        Assert.Equal(14, anna.GetProperty("additional_conversions").GetProperty("estimate").GetDouble(), 9);
        Assert.Equal(2_100, anna.GetProperty("additional_revenue").GetProperty("estimate").GetDouble(), 9);
        Assert.Equal(14 + 14, anna.GetProperty("conversions").GetProperty("estimate").GetDouble(), 9);
        Assert.True(anna.GetProperty("additional_conversions").GetProperty("low").GetDouble() < 14);
        Assert.Equal(["anna", "ben", "dan"], body.GetProperty("creators").EnumerateArray().Select(c => c.GetProperty("creator_id").GetString()));

        // ben and dan: 2 orders each over the same 72 hours; the campaign's sum is theirs and anna's, its ends added.
        Assert.Equal(14 + 2 + 2, body.GetProperty("additional_conversions").GetProperty("estimate").GetDouble(), 9);
        Assert.Equal(
            body.GetProperty("creators").EnumerateArray().Sum(c => c.GetProperty("additional_conversions").GetProperty("high").GetDouble()),
            body.GetProperty("additional_conversions").GetProperty("high").GetDouble(),
            9);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("budget_remaining").ValueKind);
    }

    [Fact]
    public async Task Forecast_WithExtraSpend_ByHand()
    {
        // The fee pays for 144 hours from the campaign's first hour; half of anna's 800 pays for the 72 left, so 400 more
        // buys twice the impressions. Her one impression reached one person: no repeat showing, returns linear, so 28
        // more conversions and 4,200 revenue, for 400 + 10 % of 4,200.
        var (status, body) = await SendAsync(HttpMethod.Post, "/api/campaigns/spring/forecast", Brand, $$"""{"allocation": {"anna": 400}, "until": {{Until}}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var anna = Creator(body, "anna");
        Assert.Equal(2, anna.GetProperty("impression_multiplier").GetDouble(), 9);
        Assert.Equal(28, anna.GetProperty("additional_conversions").GetProperty("estimate").GetDouble(), 9);
        Assert.Equal(4_200, anna.GetProperty("additional_revenue").GetProperty("estimate").GetDouble(), 9);
        Assert.Equal(820, anna.GetProperty("additional_cost").GetDouble(), 9);
        Assert.Equal(400, body.GetProperty("allocated").GetDouble());
        Assert.Equal(2, Creator(body, "ben").GetProperty("additional_conversions").GetProperty("estimate").GetDouble(), 9);
    }

    [Theory]
    [InlineData("GET", "/api/campaigns/spring/forecast", null, 400, "no end date: give until")]
    [InlineData("GET", "/api/campaigns/spring/forecast?until=U&model=best_guess", null, 400, "model must be one of")]
    [InlineData("GET", "/api/campaigns/spring/forecast?until=1772000000", null, 400, "until must be after the campaign's newest event")]
    [InlineData("GET", "/api/campaigns/spring/forecast?until=-9223372036854775808", null, 400, "until must be after")]
    [InlineData("GET", "/api/campaigns/spring/forecast?until=9223372036854775807", null, 400, "within 366 days of it")]
    [InlineData("POST", "/api/campaigns/spring/forecast", """{"allocation": {"zoe": 10}, "until": U}""", 400, "has no creator 'zoe'")]
    [InlineData("POST", "/api/campaigns/spring/forecast", """{"allocation": {"anna": -10}, "until": U}""", 400, "must be a number at least 0")]
    [InlineData("POST", "/api/campaigns/spring/forecast", """{"allocation": {"anna": 1e200}, "until": U}""", 400, "more than 10 times what their fee pays")]
    [InlineData("POST", "/api/campaigns/spring/forecast", """{"allocation": {"anna": 4001}, "until": U}""", 400, "(400)")]
    [InlineData("POST", "/api/campaigns/spring/forecast", """{"allocations": {"anna": 400}, "until": U}""", 400, "the body must be a JSON object")]
    [InlineData("POST", "/api/campaigns/spring/forecast", """{"allocation": "lots"}""", 400, "the body must be a JSON object")]
    public async Task Forecast_BadRequests_AreRefusedWithAReason(string method, string path, string? body, int expected, string reason)
    {
        var (status, answer) = await SendAsync(new HttpMethod(method), path.Replace("=U", $"={Until}", StringComparison.Ordinal), Brand, body?.Replace(": U}", $": {Until}}}", StringComparison.Ordinal));

        Assert.Equal(expected, (int)status);
        Assert.Contains(reason, answer.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_Access_NeedsACampaignKeyThatIsNotACreators()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, $"/api/campaigns/spring/forecast?until={Until}", null)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Get, $"/api/campaigns/spring/forecast?until={Until}", AnnaCreator)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Get, $"/api/campaigns/spring/forecast?until={Until}", OtherBrand)).Status);

        // Before its first event a campaign has nothing to project from: not the request's fault, so 409.
        var (status, body) = await SendAsync(HttpMethod.Get, $"/api/campaigns/coffee/forecast?until={Until}", OtherBrand);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("no events yet", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement Creator(JsonElement forecast, string id) =>
        forecast.GetProperty("creators").EnumerateArray().Single(c => c.GetProperty("creator_id").GetString() == id);

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? key, string? body = null)
    {
        using var response = await _host!.SendAsync(method, path, key, body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
