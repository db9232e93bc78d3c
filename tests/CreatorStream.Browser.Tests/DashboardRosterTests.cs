using System.Text.Json;
using Microsoft.Playwright;
using static CreatorStream.Browser.Tests.PageText;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// The roster panel (docs/design.md, "Roster") in a real browser, with a key of brand "acme" after winter and 72 hours
/// of spring (RosterWebFixture): every creator's suggestion, pooled ROI and campaigns as <c>GET …/roster</c> gives
/// them, anna's "expand" (worked by hand in RosterReaderTests), and a key of spring alone pooling spring alone.
/// </summary>
public sealed class DashboardRosterTests(RosterWebFixture web) : IClassFixture<RosterWebFixture>, IAsyncLifetime
{
    private const float Ms = 20_000;
    private readonly HttpClient _http = new();
    private BrowserSession? _browser;

    public async Task InitializeAsync() => _browser = await BrowserSession.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(RosterWebFixture.BrandKey, new[] { "winter", "spring" })]
    [InlineData(RosterWebFixture.SpringKey, new[] { "spring" })]
    public async Task RosterPanel_ShowsEachSuggestionAndItsEvidence_AsTheApiGivesThem(string key, string[] campaigns)
    {
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync($"{web.BaseUrl}/?key={key}");
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("live", new() { Timeout = Ms });
        var panel = page.GetByTestId("roster-panel");
        await panel.ScrollIntoViewIfNeededAsync();

        using var answer = await GetAsync("/api/brands/acme/roster", key);
        var roster = answer.RootElement.GetProperty("roster");
        Assert.Equal(campaigns, roster.GetProperty("campaigns").EnumerateArray().Select(c => c.GetString()));
        var creators = roster.GetProperty("creators").EnumerateArray().ToList();
        await Assertions.Expect(panel.GetByTestId("roster-row")).ToHaveCountAsync(creators.Count, new() { Timeout = Ms });
        await Assertions.Expect(panel.GetByTestId("roster-scope")).ToContainTextAsync($"({string.Join(", ", campaigns)})");
        foreach (var creator in creators)
        {
            var row = panel.Locator($"[data-testid=roster-row][data-creator={creator.GetProperty("creator_id").GetString()}]");
            var evidence = creator.GetProperty("evidence");
            await Assertions.Expect(row).ToHaveAttributeAsync("data-action", creator.GetProperty("action").GetString()!);
            await Assertions.Expect(row.Locator("[data-col=roi]")).ToHaveTextAsync(evidence.GetProperty("roi").ValueKind == JsonValueKind.Null ? "—" : Estimate(evidence.GetProperty("roi"), Percent));
            await Assertions.Expect(row.Locator("[data-col=cpa]")).ToHaveTextAsync(evidence.GetProperty("cpa").ValueKind == JsonValueKind.Null ? "—" : Money(evidence.GetProperty("cpa").GetDouble()));
            await Assertions.Expect(row.GetByTestId("roster-campaign")).ToHaveCountAsync(creator.GetProperty("history").GetArrayLength());
            await Assertions.Expect(row.Locator("[data-col=reasons] summary")).ToHaveTextAsync(string.Join(' ', creator.GetProperty("reasons").EnumerateArray().Select(r => r.GetString())));
        }

        if (key == RosterWebFixture.BrandKey)
        {
            var anna = panel.Locator("[data-testid=roster-row][data-creator=anna]");
            await Assertions.Expect(anna).ToHaveAttributeAsync("data-action", "expand");
            await Assertions.Expect(anna.Locator("[data-col=campaigns]")).ToHaveTextAsync("2 campaigns in USD");
            await Assertions.Expect(anna.Locator("[data-testid=roster-campaign][data-campaign=winter]")).ToContainTextAsync("Winter sale");
        }
    }

    private async Task<JsonDocument> GetAsync(string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, web.BaseUrl + path);
        request.Headers.Add("X-Api-Key", key);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
