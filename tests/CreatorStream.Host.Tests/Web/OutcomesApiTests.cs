using System.Net;
using System.Text.Json;

namespace CreatorStream.Host.Tests.Web;

/// <summary>
/// <c>/outcomes</c> over <see cref="TablesFixture"/>'s hand-made campaign (docs/design.md, "Outcomes"). Expected figures
/// are worked out from the fixture's events, not read back from the report.
/// </summary>
public sealed class OutcomesApiTests(TablesFixture web) : IClassFixture<TablesFixture>
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(web.BaseUrl) };

    [Fact]
    public async Task Outcomes_Funnel_CountsDistinctUsersWhoPassedEveryEarlierStage()
    {
        var body = await GetJsonAsync("/api/campaigns/summer/outcomes");

        // Reached: u1, u2, u3, u5 (u4 clicked without an impression). Engaged: u1 (save) and u2 (like). Clicked after
        // engaging: nobody (u3 clicked without engaging), so nobody converted through the funnel's chain.
        var funnel = body.GetProperty("campaign").GetProperty("funnel");
        Assert.Equal((4L, 2L, 0L, 0L), (funnel.GetProperty("reached").GetInt64(), funnel.GetProperty("engaged").GetInt64(), funnel.GetProperty("clicked").GetInt64(), funnel.GetProperty("converted").GetInt64()));
        Assert.Equal(JsonValueKind.Null, funnel.GetProperty("landed").ValueKind); // no site sessions
        var drop = funnel.GetProperty("drop_off");
        Assert.Equal((0.5, 1.0), (drop.GetProperty("engaged").GetDouble(), drop.GetProperty("clicked").GetDouble()));
        Assert.Equal(JsonValueKind.Null, drop.GetProperty("converted").ValueKind); // nobody clicked: no share to lose

        var creators = body.GetProperty("creators").EnumerateArray().ToDictionary(c => c.GetProperty("creator_id").GetString()!);
        Assert.Equal(["anna", "ben", "zoe"], creators.Keys);
        var anna = creators["anna"].GetProperty("funnel");
        Assert.Equal((3L, 2L), (anna.GetProperty("reached").GetInt64(), anna.GetProperty("engaged").GetInt64()));
        var ben = creators["ben"].GetProperty("funnel");
        Assert.Equal((1L, 0L), (ben.GetProperty("reached").GetInt64(), ben.GetProperty("engaged").GetInt64()));
    }

    [Fact]
    public async Task Outcomes_ConversionsByKindRateAndAov_AreThePurchaseCreditedToAnna()
    {
        var body = await GetJsonAsync("/api/campaigns/summer/outcomes");

        Assert.Equal(("summer", "last_touch", "EUR"), (body.GetProperty("campaign_id").GetString(), body.GetProperty("model").GetString(), body.GetProperty("currency").GetString()));
        var campaign = body.GetProperty("campaign");
        var kinds = campaign.GetProperty("conversions_by_kind").EnumerateArray().ToList();
        Assert.Equal(["download", "install", "lead", "purchase", "signup"], kinds.Select(k => k.GetProperty("kind").GetString())); // every kind, zeros too
        var purchase = Assert.Single(kinds, k => k.GetProperty("orders").GetInt64() > 0);
        Assert.Equal(("purchase", 1L, 60.0, 1.0, 60.0), (purchase.GetProperty("kind").GetString(), purchase.GetProperty("orders").GetInt64(), purchase.GetProperty("value").GetDouble(), purchase.GetProperty("conversions").GetDouble(), purchase.GetProperty("revenue").GetDouble()));
        Assert.Equal(1 / 3.0, campaign.GetProperty("conversion_rate").GetDouble(), 12); // 1 credited, 3 clicks (u3, u4 twice)
        Assert.Equal(1 / 4.0, campaign.GetProperty("conversion_rate_reach").GetDouble(), 12);
        Assert.Equal(60.0, campaign.GetProperty("aov").GetDouble());

        var creators = body.GetProperty("creators").EnumerateArray().ToDictionary(c => c.GetProperty("creator_id").GetString()!);
        Assert.Equal(1.0, creators["anna"].GetProperty("conversion_rate").GetDouble()); // its one click, u3's
        Assert.Equal(0.0, creators["ben"].GetProperty("conversion_rate").GetDouble());
        Assert.Equal(JsonValueKind.Null, creators["zoe"].GetProperty("conversion_rate").ValueKind); // no clicks
        Assert.All(creators["ben"].GetProperty("conversions_by_kind").EnumerateArray(), k => Assert.Equal(0.0, k.GetProperty("conversions").GetDouble()));
        Assert.Equal((0.0, JsonValueKind.Null), (campaign.GetProperty("leads").GetDouble(), campaign.GetProperty("cost_per_lead").ValueKind));
    }

    [Fact]
    public async Task Outcomes_Breakdowns_SplitEachCreatorsFixedCostOverTheirPosts()
    {
        var body = await GetJsonAsync("/api/campaigns/summer/outcomes");

        // anna: 1,370 over post-1 (Instagram) and post-2 (TikTok), plus 10 % of post-2's 60. ben: 500 over post-b and dup
        // on Instagram and dup on TikTok. zoe posted nothing: her 100 is the unallocated cost.
        var platforms = body.GetProperty("platforms").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["instagram", "tiktok"], platforms.Keys);
        var tiktok = platforms["tiktok"];
        Assert.Equal((2L, 1.0, 60.0), (tiktok.GetProperty("posts").GetInt64(), tiktok.GetProperty("conversions").GetDouble(), tiktok.GetProperty("revenue").GetDouble()));
        Assert.Equal(685 + 6 + (500 / 3.0), tiktok.GetProperty("cost").GetDouble(), 9);
        Assert.Equal(60 / (685 + 6 + (500 / 3.0)), tiktok.GetProperty("roas").GetDouble(), 9);
        Assert.Equal(685 + (1_000 / 3.0), platforms["instagram"].GetProperty("cost").GetDouble(), 9);
        Assert.Equal(100.0, body.GetProperty("unallocated_cost").GetDouble(), 9);

        var formats = body.GetProperty("formats").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Contains("video", formats);
        Assert.Contains("reel", formats);
    }

    [Fact]
    public async Task Outcomes_UnderAnotherModel_NamesIt_AndAnUnknownModelIsRefusedWithTheList()
    {
        var body = await GetJsonAsync("/api/campaigns/summer/outcomes?model=first_touch");
        Assert.Equal("first_touch", body.GetProperty("model").GetString());

        using var bad = new HttpRequestMessage(HttpMethod.Get, "/api/campaigns/summer/outcomes?model=best");
        bad.Headers.Add("X-Api-Key", TablesFixture.Key);
        var response = await _http.SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("last_touch", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/campaigns/summer/outcomes");
        other.Headers.Add("X-Api-Key", TablesFixture.OtherKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.SendAsync(other)).StatusCode);
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", TablesFixture.Key);
        var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
