using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CreatorStream.Core.Windows;
using Microsoft.Playwright;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// Each panel of the dashboard against the REST API's figures, over a replayed campaign that stands still (so both
/// can be read at leisure), in a real browser.
/// </summary>
public sealed partial class DashboardPanelTests(ReplayedWebFixture web, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ReplayedWebFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly HttpClient _http = new();
    private BrowserSession? _browser;

    public async Task InitializeAsync()
    {
        _output = output;
        _browser = await BrowserSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task KpisAndLeaderboard_ShowTheSummarysFigures_AndThePlatformFilterShowsCreatorsOnThatPlatform()
    {
        var (page, campaignId) = await OpenAsync();
        using var summary = await GetAsync($"/api/campaigns/{campaignId}/summary?window=campaign");
        var totals = summary.RootElement.GetProperty("totals");

        await Assertions.Expect(page.GetByTestId("kpi-impressions")).ToHaveTextAsync(Count(totals, "impressions"), new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(page.GetByTestId("kpi-reach")).ToHaveTextAsync(Count(totals, "reach"));
        await Assertions.Expect(page.GetByTestId("kpi-engagements")).ToHaveTextAsync(Count(totals.GetProperty("engagements"), "total"));
        await Assertions.Expect(page.GetByTestId("kpi-authentic-engagements")).ToHaveTextAsync(Count(totals, "authentic_engagements"));
        await Assertions.Expect(page.GetByTestId("kpi-clicks")).ToHaveTextAsync(Count(totals, "clicks"));
        await Assertions.Expect(page.GetByTestId("kpi-cost")).ToHaveTextAsync(Money(totals, "cost"));
        await Assertions.Expect(page.GetByTestId("kpi-revenue")).ToHaveTextAsync(Money(totals, "revenue"));

        var creators = summary.RootElement.GetProperty("creators").EnumerateArray().ToList();
        var rows = page.GetByTestId("creator-row");
        await Assertions.Expect(rows).ToHaveCountAsync(creators.Count);
        foreach (var creator in creators)
        {
            var row = page.Locator($"[data-testid=creator-row][data-creator-id='{creator.GetProperty("creator_id").GetString()}']");
            await Assertions.Expect(row.Locator("[data-col=impressions]")).ToHaveTextAsync(Count(creator, "impressions"));
            await Assertions.Expect(row.Locator("[data-col=engagements]")).ToHaveTextAsync(Count(creator.GetProperty("engagements"), "total"));
            await Assertions.Expect(row.Locator("[data-col=revenue]")).ToHaveTextAsync(Money(creator, "revenue"));
        }

        // Sorted by engagements, highest first, by default.
        var top = creators.MaxBy(c => c.GetProperty("engagements").GetProperty("total").GetInt64());
        Assert.Equal(top.GetProperty("creator_id").GetString(), await rows.First.GetAttributeAsync("data-creator-id"));

        // One platform: each creator's figures on it, from creator_platforms.
        var onPlatform = summary.RootElement.GetProperty("creator_platforms").EnumerateArray()
            .Where(r => r.GetProperty("platform").GetString() == "instagram").ToList();
        Assert.NotEmpty(onPlatform);
        await page.GetByTestId("creator-platform").SelectOptionAsync("instagram");
        await Assertions.Expect(rows).ToHaveCountAsync(onPlatform.Count);
        foreach (var creator in onPlatform)
        {
            var row = page.Locator($"[data-testid=creator-row][data-creator-id='{creator.GetProperty("creator_id").GetString()}']");
            await Assertions.Expect(row.Locator("[data-col=impressions]")).ToHaveTextAsync(Count(creator, "impressions"));
        }
    }

    [Fact]
    public async Task ContentTable_ShowsEveryPostsFigures_SortedAndFiltered()
    {
        var (page, campaignId) = await OpenAsync();
        using var content = await GetAsync($"/api/campaigns/{campaignId}/content?window=campaign");
        var posts = content.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.True(posts.Count >= 10, $"only {posts.Count} posts: too few to sort and filter"); // paging: DashboardScaleTests

        var rows = page.GetByTestId("content-row");
        await Assertions.Expect(rows).ToHaveCountAsync(posts.Count, new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(page.GetByTestId("content-freshness")).ToContainTextAsync("refreshed");

        // Highest engagements first; its row carries the post's figures.
        var top = posts.OrderByDescending(p => p.GetProperty("engagements").GetProperty("total").GetInt64()).First();
        Assert.Equal(top.GetProperty("content_id").GetString(), await rows.First.GetAttributeAsync("data-content-id"));
        await ExpectPostRowAsync(rows.First, top);

        // Sorting by sales puts the post with the most credited conversions first.
        await page.Locator("[data-testid=content-table] th[data-col=conversions] button").ClickAsync();
        var bestSeller = posts.OrderByDescending(p => p.GetProperty("conversions").GetDouble()).First();
        Assert.True(bestSeller.GetProperty("conversions").GetDouble() > 0, "no post has a credited conversion");
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-content-id", bestSeller.GetProperty("content_id").GetString()!);
        await ExpectPostRowAsync(rows.First, bestSeller);

        // Filtering: one platform, then one post by its id.
        var platform = bestSeller.GetProperty("platform").GetString()!;
        await page.GetByTestId("content-platform").SelectOptionAsync(platform);
        await Assertions.Expect(rows).ToHaveCountAsync(posts.Count(p => p.GetProperty("platform").GetString() == platform));
        var contentId = bestSeller.GetProperty("content_id").GetString()!;
        await page.GetByTestId("content-search").FillAsync(contentId);
        var matching = posts.Where(p => p.GetProperty("platform").GetString() == platform && p.GetProperty("content_id").GetString()!.Contains(contentId, StringComparison.OrdinalIgnoreCase)).ToList();
        await Assertions.Expect(rows).ToHaveCountAsync(matching.Count);
    }

    [Fact]
    public async Task AttributionSwitcher_ShowsTheApisCreditForEachModel()
    {
        var (page, campaignId) = await OpenAsync();
        foreach (var model in new[] { "first_touch", "linear", "time_decay" })
        {
            await page.GetByTestId("model-select").SelectOptionAsync(model);
            await Assertions.Expect(page.GetByTestId("attribution-panel")).ToHaveAttributeAsync("data-model", model, Wait());
            using var view = await GetAsync($"/api/campaigns/{campaignId}/attribution?model={model}");
            foreach (var creator in view.RootElement.GetProperty("creators").EnumerateArray())
            {
                var row = page.Locator($"[data-testid=attribution-row][data-creator-id='{creator.GetProperty("creator_id").GetString()}']");
                await Assertions.Expect(row.Locator("[data-col=revenue]")).ToHaveTextAsync(Money(creator, "revenue"));
                await Assertions.Expect(row.Locator("[data-col=conversions]")).ToHaveTextAsync(Credit(creator.GetProperty("conversions").GetDouble()));
            }
        }
    }

    [Fact]
    public async Task AlertFeed_ShowsAPlantedSurge_AndAnInauthenticAlertLeadsToItsFlaggedAccounts()
    {
        var (page, campaignId) = await OpenAsync();
        using var alerts = await GetAsync($"/api/campaigns/{campaignId}/alerts?limit=50");
        var list = alerts.RootElement.EnumerateArray().ToList();

        // A spike alert the generator's log explains: a surge it planted on that creator's post, in that minute.
        var found = list.FirstOrDefault(a => a.GetProperty("kind").GetString() == "engagement_spike" && web.Surges.Any(s =>
            s.CampaignId == campaignId && s.CreatorId == a.GetProperty("creator_id").GetString()
            && (a.GetProperty("content_id").ValueKind == JsonValueKind.Null || a.GetProperty("content_id").GetString() == s.ContentId)
            && a.GetProperty("window_start").GetInt64() >= EventTime.BucketStart(s.StartMs)
            && a.GetProperty("window_start").GetInt64() <= s.EndMs + EventTime.BucketMs));

        // Failed in sessions 5 and 6: the fixture's records then depended on the clock (the start's second and the hour
        // of the generator's daily cycle), and some runs had no spike alert a planted surge explains. It starts at a fixed
        // event time now; the message stays.
        Assert.True(found.ValueKind == JsonValueKind.Object, $"no spike alert explained by a planted surge in {campaignId}: " +
            $"{string.Join(", ", list.GroupBy(a => a.GetProperty("kind").GetString()).Select(g => $"{g.Count()} {g.Key}"))} of {list.Count} alerts; " +
            $"surges planted in {string.Join(", ", web.Surges.Select(s => s.CampaignId).Distinct())}");
        var planted = found;
        var spike = page.Locator($"[data-testid=alert-item][data-alert-id='{planted.GetProperty("alert_id").GetString()}']");
        await Assertions.Expect(spike).ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(spike).ToContainTextAsync("Engagement spike");
        await Assertions.Expect(spike).ToContainTextAsync(new Regex(@"observed [\d,.]+ vs expected"));

        // The chart marks the spike's minute, and plots conversions per minute (the summary's series carries them).
        await Assertions.Expect(page.GetByTestId("trend-chart")).ToHaveAttributeAsync("data-spike-count", new Regex("^[1-9][0-9]*$"), Wait());
        // The chart's words give the latest whole minute: the last one whose end event time has passed (issue 26).
        using var summary = await GetAsync($"/api/campaigns/{campaignId}/summary");
        var watermark = summary.RootElement.GetProperty("watermark").GetInt64();
        var lastMinute = summary.RootElement.GetProperty("series").EnumerateArray().Last(p => p.GetProperty("start").GetInt64() + 60_000 <= watermark);
        await Assertions.Expect(page.GetByTestId("trend-chart").Locator("[role=img]")).ToHaveAttributeAsync(
            "aria-label", new Regex($"Latest whole minute, [0-9:]+: .*, {lastMinute.GetProperty("conversions").GetInt64()} conversions"));
        Assert.True(summary.RootElement.GetProperty("series").EnumerateArray().Sum(p => p.GetProperty("conversions").GetInt64()) > 0, "no conversion in the trend's hour");

        // The spike's evidence: the post in the content table.
        await spike.GetByTestId("alert-evidence").ClickAsync();
        if (planted.GetProperty("content_id").GetString() is { } post)
        {
            await Assertions.Expect(page.GetByTestId("content-row").First).ToHaveAttributeAsync("data-content-id", post);
        }

        // An inauthentic-engagement alert in words, and its evidence: the accounts flagged on that post.
        var incident = list.First(a => a.GetProperty("kind").GetString() == "inauthentic_engagement");
        var item = page.Locator($"[data-testid=alert-item][data-alert-id='{incident.GetProperty("alert_id").GetString()}']");
        await Assertions.Expect(item).ToContainTextAsync(new Regex(@"[\d,]+ of [\d,]+ engagements suspicious"));
        await item.GetByTestId("alert-evidence").ClickAsync();
        var creatorId = incident.GetProperty("creator_id").GetString()!;
        var contentId = incident.GetProperty("content_id").GetString()!;
        var panel = page.GetByTestId("authenticity-panel");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-scope", $"{creatorId}/{contentId}", Wait());
        using var evidence = await GetAsync($"/api/campaigns/{campaignId}/authenticity?creator={creatorId}&content={contentId}");
        var accounts = evidence.RootElement.GetProperty("flagged_accounts").EnumerateArray().Take(12).ToList();
        Assert.NotEmpty(accounts);
        var accountRows = panel.GetByTestId("flagged-account");
        await Assertions.Expect(accountRows).ToHaveCountAsync(accounts.Count);
        Assert.Equal(accounts[0].GetProperty("account_id").GetString(), await accountRows.First.GetAttributeAsync("data-account-id"));
        await Assertions.Expect(panel.GetByTestId("authenticity-at-risk")).ToHaveTextAsync(Count(evidence.RootElement, "engagement_at_risk"));

        // Back to the whole campaign: its engagement at risk and every creator's score.
        await panel.GetByTestId("authenticity-all").ClickAsync();
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-scope", "campaign", Wait());
        using var whole = await GetAsync($"/api/campaigns/{campaignId}/authenticity");
        await Assertions.Expect(panel.GetByTestId("authenticity-at-risk")).ToHaveTextAsync(Count(whole.RootElement, "engagement_at_risk"));
        var scored = whole.RootElement.GetProperty("authenticity_scores").EnumerateObject().Count(s => s.Value.ValueKind == JsonValueKind.Number);
        await Assertions.Expect(panel.GetByTestId("authenticity-score")).ToHaveCountAsync(scored);
    }

    [Fact]
    public async Task Exports_DownloadTheCreatorAndContentTables()
    {
        var (page, campaignId) = await OpenAsync();
        using var content = await GetAsync($"/api/campaigns/{campaignId}/content?window=campaign");
        var posts = content.RootElement.GetProperty("rows").GetArrayLength();

        using var summary = await GetAsync($"/api/campaigns/{campaignId}/summary");
        var model = summary.RootElement.GetProperty("reporting_model").GetString(); // the page's model until another is chosen
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-content-csv").ClickAsync());
        Assert.Equal($"{campaignId}-content-campaign-{model}.csv", csv.SuggestedFilename);
        var lines = File.ReadAllLines(await csv.PathAsync());
        Assert.Equal(posts + 1, lines.Length); // the header, then one line per post (no field here holds a line break)
        Assert.StartsWith("content_id,", lines[0], StringComparison.Ordinal);

        var arrow = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-creators-arrow").ClickAsync());
        Assert.Equal($"{campaignId}-creators-campaign-{model}.arrows", arrow.SuggestedFilename);
        var bytes = File.ReadAllBytes(await arrow.PathAsync());
        Assert.Equal([0xFF, 0xFF, 0xFF, 0xFF], bytes[..4]); // an IPC stream message's continuation marker
        Assert.Equal([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0], bytes[^8..]); // and its end-of-stream marker
    }

    [Fact]
    public async Task WithoutAKey_NothingIsShownAndTheHubRefusesTheConnection()
    {
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(web.BaseUrl + "/");
        await Assertions.Expect(page.GetByTestId("key-form")).ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(page.Locator("#dashboard")).ToBeHiddenAsync();

        // The hub's negotiate (where a SignalR client starts) refuses a caller without a key, and one with a wrong key.
        var statuses = await page.EvaluateAsync<int[]>("""
            async () => Promise.all([
              fetch('/hubs/campaigns/negotiate?negotiateVersion=1', { method: 'POST' }).then(r => r.status),
              fetch('/hubs/campaigns/negotiate?negotiateVersion=1', { method: 'POST', headers: { Authorization: 'Bearer wrong' } }).then(r => r.status),
            ])
            """);
        Assert.Equal([401, 401], statuses);
    }

    [Fact]
    public async Task ABrandKey_SeesOnlyItsBrandsCampaigns()
    {
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync($"{web.BaseUrl}/?key={ReplayedWebFixture.BrandKey}");
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("live", new() { Timeout = (float)Patience.TotalMilliseconds });

        var offered = await page.GetByTestId("campaign-select").Locator("option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        var expected = web.Catalog.Campaigns.Where(c => c.BrandId == ReplayedWebFixture.Brand).Select(c => c.CampaignId).ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), offered.Order());

        // Another brand's campaign, asked for by hand in the address bar, is refused with the server's reason.
        var other = web.Catalog.Campaigns.First(c => c.BrandId != ReplayedWebFixture.Brand).CampaignId;
        var status = await page.EvaluateAsync<int>(
            $"async () => (await fetch('/api/campaigns/{other}/summary', {{ headers: {{ 'X-Api-Key': '{ReplayedWebFixture.BrandKey}' }} }})).status");
        Assert.Equal(403, status);
    }

    [Fact]
    public async Task ALostConnection_ShowsPlainlyAndReconnectsByItself()
    {
        var (page, _) = await OpenAsync();
        var status = page.GetByTestId("connection-status");
        try
        {
            await web.StopAsync();
            await Assertions.Expect(status).Not.ToHaveTextAsync("live", new() { Timeout = (float)Patience.TotalMilliseconds });
            await Assertions.Expect(page.GetByTestId("connection-banner")).ToBeVisibleAsync();
        }
        finally
        {
            await web.StartAsync();
        }

        // The retry schedule waits at most 10 s between attempts.
        await Assertions.Expect(status).ToHaveTextAsync("live", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("connection-banner")).ToBeHiddenAsync();
    }

    /// <summary>
    /// The main views as pictures, for people to look at: written to the test's output folder, and to
    /// <c>$CREATORSTREAM_SCREENSHOTS</c> when set (docs/screenshots is made that way).
    /// </summary>
    [Fact]
    public async Task Screenshots_OfTheMainViews()
    {
        var (page, _) = await OpenAsync();
        await page.SetViewportSizeAsync(1440, 900);
        await Assertions.Expect(page.GetByTestId("content-row").First).ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(page.GetByTestId("attribution-row").First).ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        var folder = Environment.GetEnvironmentVariable("CREATORSTREAM_SCREENSHOTS") is { Length: > 0 } chosen ? chosen : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);

        var shots = new List<string>();
        async Task ShotAsync(string name, ILocator? element = null)
        {
            var path = Path.Combine(folder, name);
            if (element is null)
            {
                await page.ScreenshotAsync(new() { Path = path });
            }
            else
            {
                await element.ScreenshotAsync(new() { Path = path });
            }

            shots.Add(path);
        }

        await ShotAsync("dashboard-top.png");
        await ShotAsync("dashboard-trend.png", page.GetByTestId("trend-chart"));
        await ShotAsync("dashboard-creators.png", page.GetByTestId("creators-panel"));
        await ShotAsync("dashboard-content.png", page.GetByTestId("content-panel"));
        await ShotAsync("dashboard-attribution.png", page.GetByTestId("attribution-panel"));
        await Assertions.Expect(page.GetByTestId("funnel-stage").First).ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        await ShotAsync("dashboard-outcomes.png", page.GetByTestId("outcomes-panel"));
        await Assertions.Expect(page.GetByTestId("trend-period-row").First).ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        await ShotAsync("dashboard-long-trend.png", page.GetByTestId("long-trend"));
        await page.Locator("[data-testid=alert-item][data-kind=inauthentic_engagement]").First.GetByTestId("alert-evidence").ClickAsync();
        await Assertions.Expect(page.GetByTestId("authenticity-panel")).ToHaveAttributeAsync("data-scope", new Regex("/"), Wait());
        await ShotAsync("dashboard-authenticity-evidence.png", page.GetByTestId("authenticity-panel"));

        Assert.All(shots, path => Assert.True(new FileInfo(path).Length > 10_000, $"{path} is suspiciously small"));
    }

    private async Task<(IPage Page, string CampaignId)> OpenAsync()
    {
        var page = await _browser!.NewPageAsync(new() { AcceptDownloads = true });
        await page.GotoAsync($"{web.BaseUrl}/?key={ReplayedWebFixture.ApiKey}");
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("live", new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(page.GetByTestId("kpi-heading")).ToHaveAttributeAsync("data-window", "campaign", Wait());
        var campaignId = await page.GetByTestId("campaign-select").InputValueAsync();
        return (page, campaignId);
    }

    private async Task<JsonDocument> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, web.BaseUrl + path);
        request.Headers.Add("X-Api-Key", ReplayedWebFixture.ApiKey);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task ExpectPostRowAsync(ILocator row, JsonElement post)
    {
        await Assertions.Expect(row.Locator("[data-col=impressions]")).ToHaveTextAsync(Count(post, "impressions"));
        await Assertions.Expect(row.Locator("[data-col=engagements]")).ToHaveTextAsync(Count(post.GetProperty("engagements"), "total"));
        await Assertions.Expect(row.Locator("[data-col=saves]")).ToHaveTextAsync(Count(post, "saves"));
        await Assertions.Expect(row.Locator("[data-col=shares]")).ToHaveTextAsync(Count(post, "shares"));
        await Assertions.Expect(row.Locator("[data-col=clicks]")).ToHaveTextAsync(Count(post, "clicks"));
        await Assertions.Expect(row.Locator("[data-col=conversions]")).ToHaveTextAsync(Credit(post.GetProperty("conversions").GetDouble()));
        await Assertions.Expect(row.Locator("[data-col=revenue]")).ToHaveTextAsync(Money(post, "revenue"));
    }

    /// <summary>A count as the page writes it: 12,345.</summary>
    private static string Count(JsonElement owner, string name) => owner.GetProperty(name).GetInt64().ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>US dollars as the page writes them ($1,234.50); the generated campaign the tests open is in USD.</summary>
    private static string Money(JsonElement owner, string name) =>
        owner.GetProperty(name).ValueKind == JsonValueKind.Null ? "—" : PageText.Money(owner.GetProperty(name).GetDouble());

    /// <summary>Conversion credit as the page writes it: at most one decimal (12.5, 3, 0.3).</summary>
    private static string Credit(double value) => PageText.Rounded(value, 1).ToString("#,##0.#", CultureInfo.InvariantCulture);

    private static LocatorAssertionsToHaveAttributeOptions Wait() => new() { Timeout = (float)Patience.TotalMilliseconds };
}
