using System.Net;
using System.Text.Json;
using CreatorStream.Host.Operations;
using CreatorStream.Host.Tests.Web;
using CreatorStream.Testing;
using CreatorStream.Testing.Hub;

namespace CreatorStream.Host.Tests.Operations;

/// <summary>The web role's operations endpoints, over the web fixture (no API key needed, no campaign data served).</summary>
public sealed class OperationsEndpointsTests(WebFixture web) : IClassFixture<WebFixture>
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(web.BaseUrl) };

    [Fact]
    public async Task Metrics_HubClientConnectsAndLeaves_GaugeGoesToOneAndBackToZero()
    {
        var hub = new Uri(new Uri(web.BaseUrl), "/hubs/campaigns");
        var client = await TestHubClient.ConnectAsync(hub, WebFixture.AllKey);
        await client.InvokeAsync("Join", "spring", "campaign");
        var connected = await Eventually.ReturnsAsync(async () => (await ScrapeAsync()).Value("creatorstream_hub_clients"), v => v == 1, TimeSpan.FromSeconds(10), "one hub client counted");

        // The test client sends Join without waiting for its completion: leave only once the snapshot went out (leaving
        // earlier aborts the join mid-send, and the snapshot is then rightly not counted; this test failed so once).
        await Eventually.ReturnsAsync(async () => (await ScrapeAsync()).Sum("creatorstream_hub_messages_total", ("kind", "snapshot")), v => v >= 1, TimeSpan.FromSeconds(10), "the snapshot sent");
        await client.DisposeAsync();
        var left = await Eventually.ReturnsAsync(async () => (await ScrapeAsync()).Value("creatorstream_hub_clients"), v => v == 0, TimeSpan.FromSeconds(10), "the hub client gone");

        Assert.Equal(1, connected);
        Assert.Equal(0, left);
        Assert.True((await ScrapeAsync()).Value("creatorstream_hub_messages_total", ("kind", "snapshot")) >= 1);
    }

    [Fact]
    public async Task Metrics_AfterRequests_CountsThemByRouteTemplateAndStatusClassWithoutCampaignIds()
    {
        await _http.GetAsync("/api/campaigns/spring/summary"); // 401: no key
        await _http.GetAsync("/api/health");

        var response = await _http.GetAsync(OperationsEndpoints.MetricsPath);
        var text = await response.Content.ReadAsStringAsync();
        var scrape = PrometheusScrape.Parse(text);

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.True(scrape.Value("creatorstream_http_requests_total", ("route", "/api/campaigns/{id}/summary"), ("status_class", "4xx")) >= 1);
        Assert.True(scrape.Value("creatorstream_http_requests_total", ("route", "/api/health"), ("status_class", "2xx")) >= 1);
        Assert.DoesNotContain("spring", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthEndpoints_WebRoleOverMemory_LiveAndReadyWithoutAKey()
    {
        var live = await _http.GetAsync(OperationsEndpoints.LivePath);
        var ready = await _http.GetAsync(OperationsEndpoints.ReadyPath);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/api/health")).StatusCode);
    }

    private async Task<PrometheusScrape> ScrapeAsync() => PrometheusScrape.Parse(await _http.GetStringAsync(OperationsEndpoints.MetricsPath));
}
