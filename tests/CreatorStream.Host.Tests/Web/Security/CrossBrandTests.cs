using System.Net;
using System.Text.Json;
using CreatorStream.Host.Web;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Testing;
using CreatorStream.Testing.Hub;

namespace CreatorStream.Host.Tests.Web.Security;

/// <summary>Issue 9's done-criterion: brand A's key tries everything against brand B, and nothing of B comes back.</summary>
public sealed class CrossBrandTests(TwoBrandsFixture web) : IClassFixture<TwoBrandsFixture>
{
    private static readonly string[] Endpoints =
    [
        "summary", "summary?window=5m", "creators", "content?window=1h", "alerts", "attribution", "attribution?model=linear",
        "recommendations", "authenticity", "authenticity?creator=zed-globex", "authenticity?creator=zed-globex&content=globex-post-1",
        "export?table=creators&format=csv", "export?table=content&format=csv", "export?table=creators&format=arrow",
        "export?table=content&format=arrow",
    ];

    // Brand B's id as it is, and as someone guessing might spell it: case, percent-encoding, traversal, padding, look-alikes.
    private static readonly string[] GuessedIds =
    [
        "winter", "WINTER", "Winter", "%77inter", "%57INTER", "winter%20", "%20winter", "winter%00", "winter.", "winter%2F",
        "spring%2F..%2Fwinter", "..%2Fwinter", "%2E%2E%2Fwinter", "w%C3%ADnter", "w\u0456nter", "winter;spring", "winter,spring",
        "*", "%2A", "spring%7Cwinter", new string('w', 4_000),
    ];

    private readonly HttpClient _http = new() { BaseAddress = new Uri(web.BaseUrl) };

    public static TheoryData<string> EveryEndpoint() => [.. Endpoints];

    [Theory]
    [MemberData(nameof(EveryEndpoint))]
    public async Task Get_BrandBsCampaignWithBrandAsKey_IsRefusedForEveryGuessedIdWithNothingOfBrandB(string endpoint)
    {
        foreach (var id in GuessedIds)
        {
            var response = await GetAsync($"/api/campaigns/{id}/{endpoint}", TwoBrandsFixture.BrandAKey);
            var body = await response.Content.ReadAsStringAsync();

            // Kestrel itself answers 400 to a NUL in the path, before any route sees it.
            var refused = id == "winter%00" ? response.StatusCode == HttpStatusCode.BadRequest : response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
            Assert.True(refused, $"{id[..Math.Min(id.Length, 40)]}/{endpoint}: {(int)response.StatusCode} {body}");
            AssertNothingOfBrandB(body);
        }
    }

    [Theory]
    [MemberData(nameof(EveryEndpoint))]
    public async Task Get_ThroughDotSegmentsFromBrandAsCampaign_IsRefusedWithNothingOfBrandB(string endpoint)
    {
        // HttpClient and Kestrel both fold "spring/../winter" into "winter": the key check sees brand B's id.
        var response = await GetAsync($"/api/campaigns/spring/../winter/{endpoint}", TwoBrandsFixture.BrandAKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertNothingOfBrandB(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_AnIdLongerThanARequestLine_IsRefusedByKestrelWithNothingOfBrandB()
    {
        var response = await GetAsync($"/api/campaigns/winter{new string('w', 10_000)}/summary", TwoBrandsFixture.BrandAKey);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        AssertNothingOfBrandB(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_BrandAsOwnCampaign_Works()
    {
        // The control: the same key and routes do answer for brand A, so the refusals above are about the brand.
        var response = await GetAsync("/api/campaigns/spring/summary", TwoBrandsFixture.BrandAKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var totals = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("totals");
        Assert.Equal(1, totals.GetProperty("impressions").GetInt64());
        Assert.Equal(40.0, totals.GetProperty("revenue").GetDouble());
    }

    [Theory]
    [InlineData(TwoBrandsFixture.BrandAKey, "acme", new[] { "autumn", "spring" })]
    [InlineData(TwoBrandsFixture.BrandBKey, "globex", new[] { "winter" })]
    public async Task Campaigns_ForABrandKey_ListOnlyThatBrandsCampaigns(string key, string brand, string[] expected)
    {
        var body = JsonDocument.Parse(await (await GetAsync("/api/campaigns", key)).Content.ReadAsStringAsync()).RootElement;

        var campaigns = body.EnumerateArray().ToList();
        Assert.Equal(expected, campaigns.Select(c => c.GetProperty("campaign_id").GetString()).Order(StringComparer.Ordinal));
        Assert.All(campaigns, c => Assert.Equal(brand, c.GetProperty("brand_id").GetString()));
    }

    [Fact]
    public async Task Campaigns_ForBrandA_DiscloseNothingOfBrandB()
    {
        AssertNothingOfBrandB(await (await GetAsync("/api/campaigns", TwoBrandsFixture.BrandAKey)).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(TwoBrandsFixture.BrandAKey)]
    public async Task Health_WithOrWithoutAKey_SaysOnlyThatItIsUp(string? key)
    {
        var response = await GetAsync("/api/health", key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Hub_BrandAJoiningBrandB_IsForbiddenAndHearsNothingOfBrandB()
    {
        var hub = new Uri(web.BaseUrl + WebApp.HubPath);
        await using var brandA = await TestHubClient.ConnectAsync(hub, TwoBrandsFixture.BrandAKey);
        await using var brandB = await TestHubClient.ConnectAsync(hub, TwoBrandsFixture.BrandBKey);

        string[] tries = ["winter", "WINTER", "winter ", "w\u0456nter", "../winter", "campaign:winter", "winter:5m"];
        foreach (var id in tries)
        {
            await brandA.InvokeAsync("Join", id, "5m");
        }

        await brandA.InvokeAsync("Join", "spring", "5m");
        await brandB.InvokeAsync("Join", "winter", "5m");
        await Eventually.ReturnsAsync(() => Task.FromResult(brandA.Errors.Count), n => n == tries.Length, TimeSpan.FromSeconds(10), "brand A's joins refused");
        await Eventually.ReturnsAsync(() => Task.FromResult(brandB.Messages.Count), n => n >= 1, TimeSpan.FromSeconds(10), "brand B's snapshot");

        // Brand B's campaign changes and raises an alert: brand B hears both, brand A neither.
        await web.AddWinterClickAsync();
        web.Changes.Publish(new CampaignChange("winter", 3_000, 3_000));
        web.Changes.Publish(TwoBrandsFixture.WinterAlert(detectedAtMs: 3_000));
        await Eventually.ReturnsAsync(() => Task.FromResult(brandB.Messages), m => m.Any(s => s.Target == "update") && m.Any(s => s.Target == "alert"), TimeSpan.FromSeconds(10), "brand B's update and alert");

        Assert.All(brandA.Errors, e => Assert.Contains("HubException: forbidden: the API key does not give access", e, StringComparison.Ordinal));
        var snapshot = Assert.Single(brandA.Messages);
        Assert.Equal("snapshot", snapshot.Target);
        Assert.Contains("\"campaign_id\":\"spring\"", snapshot.Argument, StringComparison.Ordinal);
        AssertNothingOfBrandB(string.Join("\n", brandA.Errors.Concat(brandA.Messages.Select(m => m.ToString()))));
        Assert.Contains(brandB.Messages, m => m.Argument.Contains("zed-globex", StringComparison.Ordinal)); // the control: B's own data does flow
    }

    private static void AssertNothingOfBrandB(string body)
    {
        foreach (var secret in TwoBrandsFixture.BrandBSecrets)
        {
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    private Task<HttpResponseMessage> GetAsync(string path, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add(ApiKeys.Header, key);
        }

        return _http.SendAsync(request);
    }
}
