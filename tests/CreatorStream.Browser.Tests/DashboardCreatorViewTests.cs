using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using CreatorStream.Host.Web;
using Microsoft.Playwright;
using static CreatorStream.Browser.Tests.PageText;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// The creator view (issue 23, docs/design.md "Creator keys") in a real browser: Anna's creator key opens her own
/// figures, posts, days and statements, nothing of Ben, no approve button, and the page asks nothing campaign-wide of
/// the server (those routes would refuse it) nor opens the hub; a manager's key still gets the campaign dashboard.
/// Figures by hand (CommissionScenario at 30 h, as CreatorKeyTests works them out).
/// </summary>
public sealed class DashboardCreatorViewTests(CommissionWebFixture web) : IClassFixture<CommissionWebFixture>, IAsyncLifetime
{
    private const float Ms = 20_000;

    private const string AnnasView = "GET /api/campaigns/spring/creators/anna/view";

    // How Ben shows up on a page: his name, his post and his code.
    private static readonly string[] BensTraces = ["Ben", "post-2", "BEN10"];

    private BrowserSession? _browser;

    public async Task InitializeAsync() => _browser = await BrowserSession.StartAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task CreatorKey_ShowsHerOwnViewOnly_AndAsksNothingCampaignWide()
    {
        var page = await _browser!.NewPageAsync();
        var (requests, sockets) = Record(page);
        await page.GotoAsync($"{web.BaseUrl}/?key={CommissionWebFixture.CreatorKey}");

        // Her figures: one impression (30 h), two clicks on post-1, u2's order of 200 credited to her under last touch.
        var view = page.GetByTestId("creator-view");
        await Assertions.Expect(view.GetByTestId("creator-kpi-revenue")).ToHaveTextAsync(Money(200), new() { Timeout = Ms });
        await Assertions.Expect(view.GetByTestId("creator-view-heading")).ToHaveTextAsync("Anna · Spring launch");
        await Assertions.Expect(view.GetByTestId("creator-kpi-impressions")).ToHaveTextAsync(Count(1));
        await Assertions.Expect(view.GetByTestId("creator-kpi-clicks")).ToHaveTextAsync(Count(2));
        await Assertions.Expect(view.GetByTestId("creator-kpi-conversions")).ToHaveTextAsync("1");
        await Assertions.Expect(view.GetByTestId("creator-view-model")).ToContainTextAsync("credited under last touch");
        await Assertions.Expect(view.GetByTestId("creator-view-freshness")).ToContainTextAsync("refreshed");

        var post = view.GetByTestId("creator-post-row");
        await Assertions.Expect(post).ToHaveCountAsync(1);
        await Assertions.Expect(post).ToHaveAttributeAsync("data-content-id", "post-1");
        await Assertions.Expect(post.Locator("[data-col=clicks]")).ToHaveTextAsync(Count(2));
        await Assertions.Expect(post.Locator("[data-col=revenue]")).ToHaveTextAsync(Money(200));

        // Her days, newest first: the impression on the second day, both clicks on the first.
        var days = view.GetByTestId("creator-day-row");
        Assert.Equal(["2026-03-03", "2026-03-02"], await days.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.day)"));
        await Assertions.Expect(view.Locator("[data-day='2026-03-03'] [data-col=impressions]")).ToHaveTextAsync(Count(1));
        await Assertions.Expect(view.Locator("[data-day='2026-03-03'] [data-col=clicks]")).ToHaveTextAsync(Count(0));
        await Assertions.Expect(view.Locator("[data-day='2026-03-02'] [data-col=impressions]")).ToHaveTextAsync(Count(0));
        await Assertions.Expect(view.Locator("[data-day='2026-03-02'] [data-col=clicks]")).ToHaveTextAsync(Count(2));

        // Her statements, drafts: 43 accrued on the first day, 20 of it payable; 20 accrued on the second, all held.
        await Assertions.Expect(view.GetByTestId("creator-statement-row")).ToHaveCountAsync(2);
        foreach (var (period, accrued, held, payable) in new[] { ("2026-03-02", 43.0, 23.0, 20.0), ("2026-03-03", 20.0, 20.0, 0.0) })
        {
            var row = view.Locator($"[data-testid=creator-statement-row][data-period='{period}']");
            await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "draft");
            await Assertions.Expect(row.Locator("[data-col=accrued]")).ToHaveTextAsync(Money(accrued));
            await Assertions.Expect(row.Locator("[data-col=held]")).ToHaveTextAsync(Money(held));
            await Assertions.Expect(row.Locator("[data-col=payable]")).ToHaveTextAsync(Money(payable));
        }

        // Nothing to decide, no campaign dashboard, no live connection.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new("Approve|Reject") })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("button[data-action]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#dashboard")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("connection-status")).ToBeHiddenAsync();

        // The manager's panels would have asked within a second of the first paint (dom.ts, afterPaint); give them two.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(2_000);

        var text = await page.Locator("body").TextContentAsync() ?? ""; // hidden elements' text too
        foreach (var trace in BensTraces)
        {
            Assert.DoesNotContain(trace, text, StringComparison.Ordinal);
        }

        Assert.Contains(AnnasView, requests); // the recording sees the page's calls at all
        Assert.All(requests, r => Assert.Contains(r, new[] { "GET /api/me", "GET /api/campaigns", AnnasView }));
        Assert.Empty(sockets);
    }

    [Fact]
    public async Task CreatorKey_InTwoCampaigns_PicksOne_AndSaysWhyTheServerRefusesTheOther()
    {
        var page = await _browser!.NewPageAsync();
        var (requests, _) = Record(page);

        // The fixture's catalog has one campaign: the list the page gets names a second, which the server refuses her.
        await page.RouteAsync("**/api/campaigns", route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "application/json",
            Body = """[{"campaign_id":"spring","brand_id":"acme","name":"Spring launch","currency":"USD"},{"campaign_id":"autumn","brand_id":"acme","name":"Autumn","currency":"USD"}]""",
        }));
        await page.GotoAsync($"{web.BaseUrl}/?key={CommissionWebFixture.CreatorKey}");
        var view = page.GetByTestId("creator-view");
        var picker = view.GetByTestId("creator-campaign-select");
        await Assertions.Expect(view.GetByTestId("creator-kpi-clicks")).ToHaveTextAsync(Count(2), new() { Timeout = Ms });
        await Assertions.Expect(picker).ToBeVisibleAsync();
        await Assertions.Expect(picker).ToHaveValueAsync("spring");

        await picker.SelectOptionAsync("autumn");

        await Assertions.Expect(view.GetByTestId("creator-view-error")).ToHaveTextAsync(
            "The server refused your view of this campaign: the API key does not give access to campaign 'autumn'.", new() { Timeout = Ms });
        await Assertions.Expect(view.GetByTestId("creator-figures")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("key-form")).ToBeHiddenAsync(); // a refused campaign is not a refused key
        Assert.EndsWith("#campaign=autumn", page.Url, StringComparison.Ordinal);

        await picker.SelectOptionAsync("spring");

        await Assertions.Expect(view.GetByTestId("creator-kpi-revenue")).ToHaveTextAsync(Money(200), new() { Timeout = Ms });
        await Assertions.Expect(view.GetByTestId("creator-view-error")).ToBeEmptyAsync();
        Assert.Contains("GET /api/campaigns/autumn/creators/anna/view", requests);
        Assert.All(requests, r => Assert.Matches("^GET /api/(me|campaigns|campaigns/(spring|autumn)/creators/anna/view)$", r));
    }

    [Fact]
    public async Task CreatorView_IsFetchedAgainEveryThirtySeconds_InVirtualTime()
    {
        var page = await _browser!.NewPageAsync();
        var (requests, _) = Record(page);
        await page.Clock.InstallAsync(); // the page's timers and Date run on a clock the test moves on
        await page.GotoAsync($"{web.BaseUrl}/?key={CommissionWebFixture.CreatorKey}");
        var freshness = page.GetByTestId("creator-view-freshness");
        await Assertions.Expect(page.GetByTestId("creator-kpi-clicks")).ToHaveTextAsync(Count(2), new() { Timeout = Ms });

        await page.Clock.FastForwardAsync("00:20");

        await Assertions.Expect(freshness).ToHaveTextAsync(new Regex(@"^to date · updated \d+ (s|min|h|d) ago · refreshed 2\d s ago$"), new() { Timeout = Ms });
        Assert.Single(requests, r => r == AnnasView);

        await page.Clock.FastForwardAsync("00:11");

        await Assertions.Expect(freshness).ToHaveTextAsync(new Regex("refreshed (just now|[1-9] s ago)$"), new() { Timeout = Ms });
        Assert.Equal(2, requests.Count(r => r == AnnasView));
    }

    [Fact]
    public async Task ManagersKey_StillGetsTheCampaignDashboard_TheControl()
    {
        var page = await _browser!.NewPageAsync();
        var (requests, sockets) = Record(page);
        await page.GotoAsync($"{web.BaseUrl}/?key={CommissionWebFixture.ViewerKey}");

        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("live", new() { Timeout = Ms });
        var statements = page.GetByTestId("statements-panel");
        await statements.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(statements.GetByTestId("statement-row")).ToHaveCountAsync(4, new() { Timeout = Ms }); // anna and ben, two days each
        await Assertions.Expect(page.GetByTestId("creators-panel")).ToContainTextAsync("Ben"); // so the traces looked for above show when they are there
        await Assertions.Expect(page.GetByTestId("creator-view")).ToBeHiddenAsync();

        Assert.Contains("GET /api/campaigns/spring/summary", requests); // campaign-wide calls are recorded when the page makes them
        Assert.Contains("GET /api/me", requests);
        Assert.True(sockets.Count > 0 || requests.Any(r => r.Contains(WebApp.HubPath, StringComparison.Ordinal)), "the hub was not opened");
    }

    [Theory]
    [InlineData(1440, 900)]
    [InlineData(390, 844)]
    public async Task Axe_OnTheCreatorView_FindsNoSeriousOrCriticalViolation(int width, int height)
    {
        // axe is injected as a script: the page's own policy allows only its files, so the test context bypasses it.
        await using var context = await _browser!.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{web.BaseUrl}/?key={CommissionWebFixture.CreatorKey}");
        await Assertions.Expect(page.GetByTestId("creator-statement-row").First).ToBeVisibleAsync(new() { Timeout = Ms });
        Assert.Empty(Axe.Serious(await Axe.ViolationsAsync(page)));
    }

    /// <summary>Every call the page makes to /api or the hub, as "METHOD /path", and every WebSocket it opens (Playwright raises its events on a thread of its own).</summary>
    private static (ConcurrentQueue<string> Requests, ConcurrentQueue<string> Sockets) Record(IPage page)
    {
        var requests = new ConcurrentQueue<string>();
        var sockets = new ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            var path = new Uri(request.Url).AbsolutePath;
            if (path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith(WebApp.HubPath, StringComparison.Ordinal))
            {
                requests.Enqueue($"{request.Method} {path}");
            }
        };
        page.WebSocket += (_, socket) => sockets.Enqueue(socket.Url);
        return (requests, sockets);
    }
}
