using System.Net;
using System.Text.Json;

namespace CreatorStream.Host.Tests.Web;

public sealed class CampaignApiTests(WebFixture web) : IClassFixture<WebFixture>
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(web.BaseUrl) };

    [Theory]
    [InlineData("/api/campaigns")]
    [InlineData("/api/campaigns/spring/summary")]
    public async Task Get_WithoutAKey_Is401WithAReasonAndNoData(string path)
    {
        var response = await _http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("unauthorized", body.GetProperty("error").GetString());
        Assert.Contains("X-Api-Key", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(body.TryGetProperty("totals", out _));
    }

    [Fact]
    public async Task Get_WithAnUnknownKey_Is401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync("/api/campaigns/spring/summary", "guess")).StatusCode);
    }

    [Fact]
    public async Task Get_WithAKeyForAnotherCampaign_Is403AndTheListIsEmpty()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("/api/campaigns/spring/summary", WebFixture.OtherKey)).StatusCode);
        Assert.Equal("[]", await (await SendAsync("/api/campaigns", WebFixture.OtherKey)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Summary_UnknownCampaign_Is404ForAKeyCoveringEverythingAnd403ForOthers()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("/api/campaigns/nope/summary", WebFixture.AllKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("/api/campaigns/nope/summary", WebFixture.OtherKey)).StatusCode);
    }

    [Fact]
    public async Task Alerts_BadLimit_Is400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("/api/campaigns/spring/alerts?limit=0", WebFixture.AllKey)).StatusCode);
    }

    [Fact]
    public async Task Campaigns_WithAKey_ListsTheVisibleCampaigns()
    {
        var body = JsonDocument.Parse(await (await SendAsync("/api/campaigns", WebFixture.AllKey)).Content.ReadAsStringAsync()).RootElement;

        var spring = Assert.Single(body.EnumerateArray());
        Assert.Equal("spring", spring.GetProperty("campaign_id").GetString());
        Assert.Equal("acme", spring.GetProperty("brand_id").GetString());
    }

    [Fact]
    public async Task Summary_WithAKey_ShowsTheStoredFiguresAndTheirFreshness()
    {
        var response = await SendAsync("/api/campaigns/spring/summary?window=campaign", WebFixture.AllKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var totals = body.GetProperty("totals");
        Assert.Equal(3, totals.GetProperty("impressions").GetInt64());
        Assert.Equal(2, totals.GetProperty("reach").GetInt64());
        Assert.Equal(1, totals.GetProperty("engagements").GetProperty("like").GetInt64());
        Assert.Equal(0.5, totals.GetProperty("engagement_rate").GetDouble());
        Assert.Equal(3, totals.GetProperty("clicks").GetInt64());
        Assert.Equal(2_000, totals.GetProperty("updated_at").GetInt64());

        var creators = body.GetProperty("creators").EnumerateArray().ToDictionary(c => c.GetProperty("creator_id").GetString()!);
        Assert.Equal("Anna", creators["anna"].GetProperty("name").GetString());
        Assert.Equal(3, creators["anna"].GetProperty("impressions").GetInt64());
        Assert.Equal(JsonValueKind.Null, creators["ben"].GetProperty("ctr").ValueKind); // a click with no impression: no CTR, not infinity
        Assert.Equal(1_000, creators["anna"].GetProperty("updated_at").GetInt64());
    }

    [Fact]
    public async Task Summary_Series_ListsMinutesOldestFirstWithTheCorrectedOneMarked()
    {
        var body = JsonDocument.Parse(await (await SendAsync("/api/campaigns/spring/summary", WebFixture.AllKey)).Content.ReadAsStringAsync()).RootElement;

        var series = body.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal([Testing.EventBuilder.T0, Testing.EventBuilder.T0 + (20 * 60_000)], series.Select(p => p.GetProperty("start").GetInt64()));
        Assert.Equal(3, series[0].GetProperty("impressions").GetInt64());
        Assert.Equal(2, series[0].GetProperty("clicks").GetInt64());
        Assert.Equal(2_000, series[0].GetProperty("corrected_at").GetInt64());
        Assert.Equal(JsonValueKind.Null, series[1].GetProperty("corrected_at").ValueKind);
        Assert.Equal("engagement_spike", Assert.Single(body.GetProperty("alerts").EnumerateArray()).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Summary_Platforms_BreakTheCampaignDownWithReachDeduplicatedPerPlatform()
    {
        var body = JsonDocument.Parse(await (await SendAsync("/api/campaigns/spring/summary", WebFixture.AllKey)).Content.ReadAsStringAsync()).RootElement;

        var instagram = Assert.Single(body.GetProperty("platforms").EnumerateArray());
        Assert.Equal("instagram", instagram.GetProperty("platform").GetString());
        Assert.Equal((3, 2, 3), (instagram.GetProperty("impressions").GetInt64(), instagram.GetProperty("reach").GetInt64(), instagram.GetProperty("clicks").GetInt64()));
        Assert.Equal(3 * 8.0 / 1000 + 0.05, instagram.GetProperty("emv").GetDouble(), 9); // 3 impressions at CPM 8, one like at 0.05
        var rows = body.GetProperty("creator_platforms").EnumerateArray().Select(r => (r.GetProperty("creator_id").GetString(), r.GetProperty("platform").GetString())).ToList();
        Assert.Equal([("anna", "instagram"), ("ben", "instagram")], rows);
    }

    [Fact]
    public async Task Summary_FiveMinuteWindow_CountsOnlyTheLastFiveMinutesOfData()
    {
        var body = JsonDocument.Parse(await (await SendAsync("/api/campaigns/spring/summary?window=5m", WebFixture.AllKey)).Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("5m", body.GetProperty("window").GetString());
        Assert.Equal(0, body.GetProperty("totals").GetProperty("impressions").GetInt64());
        Assert.Equal(1, body.GetProperty("totals").GetProperty("clicks").GetInt64()); // only the T0 + 20 min click
    }

    [Fact]
    public async Task Alerts_WithAKey_ListsTheJudgedThenTheStoredAlertWithItsDetails()
    {
        var response = await SendAsync("/api/campaigns/spring/alerts", WebFixture.AllKey);

        // Anna's CPA is above the benchmark of 25 (judged when read, first), then the stored spike.
        var alerts = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
        Assert.Equal(["cpa_above_benchmark", "engagement_spike"], alerts.Select(a => a.GetProperty("kind").GetString()));
        var limited = JsonDocument.Parse(await (await SendAsync("/api/campaigns/spring/alerts?limit=1", WebFixture.AllKey)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("cpa_above_benchmark", Assert.Single(limited.EnumerateArray()).GetProperty("kind").GetString()); // the limit counts both
        var alert = alerts[1];
        Assert.Equal("post-1", alert.GetProperty("content_id").GetString());
        Assert.Equal(40, alert.GetProperty("details").GetProperty("observed").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("/api/campaigns/spring/alerts", WebFixture.OtherKey)).StatusCode);
    }

    [Fact]
    public async Task Attribution_LinearModel_CreditsAnnaAndRecomputesHerReturnsOnIt()
    {
        var response = await SendAsync("/api/campaigns/spring/attribution?model=linear", WebFixture.AllKey);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        // u2's journey is anna's post (impression, then a like: one merged touchpoint), so every model gives anna all of it.
        Assert.Equal(("linear", "last_touch"), (body.GetProperty("model").GetString(), body.GetProperty("reporting_model").GetString()));
        Assert.Equal((1.0, 40.0), (body.GetProperty("conversions").GetDouble(), body.GetProperty("revenue").GetDouble()));
        var anna = body.GetProperty("creators").EnumerateArray().Single(c => c.GetProperty("creator_id").GetString() == "anna");
        Assert.Equal(1374.0, anna.GetProperty("cost").GetDouble()); // 1,370 fixed + 10% of 40
        Assert.Equal(1374.0, anna.GetProperty("cpa").GetDouble());
        Assert.Equal(40.0, anna.GetProperty("by_model").GetProperty("first_touch").GetProperty("revenue").GetDouble());
        Assert.Equal(0.0, anna.GetProperty("by_model").GetProperty("direct").GetProperty("revenue").GetDouble());
    }

    [Fact]
    public async Task Attribution_UnknownModel_Is400NamingTheModels()
    {
        var response = await SendAsync("/api/campaigns/spring/attribution?model=gut_feeling", WebFixture.AllKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("position_based", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recommendations_FromTheStoredFigures_FlagAnnasCpaAndTrackTheGoal()
    {
        var body = JsonDocument.Parse(await (await SendAsync("/api/campaigns/spring/recommendations", WebFixture.AllKey)).Content.ReadAsStringAsync()).RootElement;

        var flag = Assert.Single(body.GetProperty("flags").EnumerateArray());
        Assert.Equal(("anna", "cpa_above_benchmark", 1374.0, 25.0), (flag.GetProperty("creator_id").GetString(), flag.GetProperty("kind").GetString(), flag.GetProperty("value").GetDouble(), flag.GetProperty("threshold").GetDouble()));
        Assert.Equal(40.0 / 50_000, body.GetProperty("goal").GetProperty("progress").GetDouble(), 12);
        Assert.Equal("anna", body.GetProperty("ranking")[0].GetProperty("creator_id").GetString()); // ROI −0.97 beats ben's −1
    }

    [Fact]
    public async Task Authenticity_ForACreator_ListsFlaggedAccountsWithReasonsAndTheEngagementAtRisk()
    {
        var body = JsonDocument.Parse(await (await SendAsync("/api/campaigns/spring/authenticity?creator=anna", WebFixture.AllKey)).Content.ReadAsStringAsync()).RootElement;

        var account = Assert.Single(body.GetProperty("flagged_accounts").EnumerateArray());
        Assert.Equal(("bot-7", 4), (account.GetProperty("account_id").GetString(), account.GetProperty("reason_counts").GetProperty("shared_device").GetInt32()));
        // The fixture's one like (u2, shown the post a second before) is judged once the watermark is a minute and a half
        // past it, which ben's click 20 minutes later makes so: authentic, so nothing is at risk or awaiting judgement.
        // The account flagged above came in by hand and carries no engagement of this post.
        Assert.Equal(1, body.GetProperty("engagements").GetInt64());
        Assert.Equal((1L, 0L, 0L, 0L), (
            body.GetProperty("authentic_engagements").GetInt64(),
            body.GetProperty("engagement_at_risk").GetInt64(),
            body.GetProperty("inauthentic_engagements").GetInt64(),
            body.GetProperty("awaiting_judgement").GetInt64()));

        // A post with no list of its own falls back to its creator's.
        var post = JsonDocument.Parse(await (await SendAsync("/api/campaigns/spring/authenticity?creator=anna&content=post-1", WebFixture.AllKey)).Content.ReadAsStringAsync()).RootElement;
        Assert.Single(post.GetProperty("flagged_accounts").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("/api/campaigns/spring/authenticity?creator=zoe", WebFixture.AllKey)).StatusCode);
    }

    [Fact]
    public async Task Summary_UnknownWindow_Is400WithTheAllowedValues()
    {
        var response = await SendAsync("/api/campaigns/spring/summary?window=fortnight", WebFixture.AllKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("5m, 1h, 24h, campaign", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hub_NegotiateWithoutAKey_Is401()
    {
        var response = await _http.PostAsync("/hubs/campaigns/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private Task<HttpResponseMessage> SendAsync(string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", key);
        return _http.SendAsync(request);
    }
}
