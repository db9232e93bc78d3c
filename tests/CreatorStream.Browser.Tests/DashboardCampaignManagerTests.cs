using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// Issue 26: the dashboard tried as a campaign manager would, over the replayed campaign (figures that stand still):
/// exports equal the screen, one model throughout, a phone reaches every panel, alerts tell when they began, and axe
/// finds nothing serious at a desktop's and a phone's size.
/// </summary>
public sealed partial class DashboardPanelTests
{
    private ITestOutputHelper? _output;

    [Fact]
    public async Task Export_UnderFirstTouch_HoldsTheCreatorsOnScreen_AndNamesTheModelAndWindow()
    {
        var (page, campaignId) = await OpenAsync();
        await page.GetByTestId("model-select").SelectOptionAsync("first_touch");
        await Assertions.Expect(page.GetByTestId("creators-panel")).ToHaveAttributeAsync("data-model", "first_touch", Wait());
        await Assertions.Expect(page.GetByTestId("kpi-heading")).ToHaveAttributeAsync("data-window", "campaign", Wait());

        // The same figures the REST API gives under first touch are on screen...
        using var creators = await GetAsync($"/api/campaigns/{campaignId}/creators?model=first_touch");
        var expected = creators.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(expected, c => c.GetProperty("conversions").GetDouble() > 0);
        foreach (var creator in expected)
        {
            var row = page.Locator($"[data-testid=creator-row][data-creator-id='{creator.GetProperty("creator_id").GetString()}']");
            await Assertions.Expect(row.Locator("[data-col=conversions]")).ToHaveTextAsync(Credit(creator.GetProperty("conversions").GetDouble()), new() { Timeout = (float)Patience.TotalMilliseconds });
        }

        // ...and the file holds what the screen shows, row by row, and says which model and window.
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-creators-csv").ClickAsync());
        Assert.Equal($"{campaignId}-creators-campaign-first_touch.csv", csv.SuggestedFilename);
        var lines = File.ReadAllLines(await csv.PathAsync());
        var header = SplitCsv(lines[0]);
        var rows = page.GetByTestId("creator-row");
        Assert.Equal(await rows.CountAsync(), lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var cells = header.Zip(SplitCsv(line)).ToDictionary(p => p.First, p => p.Second);
            var row = page.Locator($"[data-testid=creator-row][data-creator-id='{cells["creator_id"]}']");
            Assert.Equal(Credit(double.Parse(cells["conversions"], CultureInfo.InvariantCulture)), await row.Locator("[data-col=conversions]").TextContentAsync());
            Assert.Equal("$" + PageText.Rounded(double.Parse(cells["revenue"], CultureInfo.InvariantCulture), 2).ToString("N2", CultureInfo.InvariantCulture), await row.Locator("[data-col=revenue]").TextContentAsync());
            Assert.Equal(long.Parse(cells["impressions"], CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture), await row.Locator("[data-col=impressions]").TextContentAsync());
        }

        // One platform chosen: the file holds that platform's rows, and its name says so.
        await page.GetByTestId("creator-platform").SelectOptionAsync("instagram");
        await Assertions.Expect(page.GetByTestId("creator-row").First.Locator("[data-col=conversions]")).ToHaveTextAsync("—", Text());
        var onPlatform = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-creators-csv").ClickAsync());
        Assert.Equal($"{campaignId}-creators-campaign-first_touch-instagram.csv", onPlatform.SuggestedFilename);
        Assert.Equal(await page.GetByTestId("creator-row").CountAsync(), File.ReadAllLines(await onPlatform.PathAsync()).Length - 1);
    }

    [Fact]
    public async Task OneModel_ChosenInTheHeader_IsTheOneEveryPanelCreditsUnderAndNames()
    {
        var (page, _) = await OpenAsync();

        await page.GetByTestId("model-select").SelectOptionAsync("linear");

        foreach (var panel in new[] { "kpi-section", "creators-panel", "content-panel", "attribution-panel", "cost-revenue", "recommendations" })
        {
            await Assertions.Expect(page.GetByTestId(panel)).ToHaveAttributeAsync("data-model", "linear", Wait());
        }

        await Assertions.Expect(page.GetByTestId("model-cue")).ToContainTextAsync("credited under linear");
        await Assertions.Expect(page.GetByTestId("kpi-credited-note")).ToContainTextAsync("under linear");
        Assert.Contains("model=linear", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Phone_EveryPanelFitsOrScrollsByKeyboard_AndTheHeaderScrollsAway()
    {
        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await page.GotoAsync($"{web.BaseUrl}/?key={ReplayedWebFixture.ApiKey}");
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("live", Text());
        await Assertions.Expect(page.GetByTestId("content-row").First).ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(page.GetByTestId("authenticity-panel")).ToHaveAttributeAsync("data-scope", "campaign", Wait());

        // Nothing is cut off: no panel's content is wider than the panel; what is wider scrolls in a box of its own.
        var cut = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.panel, .kpi-section')]
              .filter(p => p.scrollWidth > p.clientWidth + 1)
              .map(p => `${p.dataset.testid || p.id}: ${p.scrollWidth} in ${p.clientWidth}, widest ` +
                [...p.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > p.getBoundingClientRect().right + 1)
                  .slice(0, 4).map(e => `${e.tagName}.${e.className}:${Math.round(e.getBoundingClientRect().width)}`).join(' '))
            """);
        Assert.Empty(cut);
        var boxes = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('.table-scroll')].filter(b => b.offsetParent !== null).map(b => ({
              wide: b.scrollWidth > b.clientWidth, focusable: b.tabIndex === 0, named: !!b.getAttribute('aria-label'),
              panel: b.closest('section')?.dataset.testid ?? '' }))
            """);
        Assert.Contains(boxes.EnumerateArray(), b => b.GetProperty("wide").GetBoolean()); // the phone does need them
        Assert.All(boxes.EnumerateArray(), b => Assert.True(
            !b.GetProperty("wide").GetBoolean() || (b.GetProperty("focusable").GetBoolean() && b.GetProperty("named").GetBoolean()),
            $"a wide table in {b.GetProperty("panel").GetString()} cannot be scrolled by keyboard"));

        // The authenticity panel's flagged accounts can be reached: scrolled into view, its table box scrolls sideways.
        var accounts = page.GetByTestId("authenticity-panel").Locator(".table-scroll");
        if (await accounts.IsVisibleAsync())
        {
            await accounts.FocusAsync();
            await page.Keyboard.PressAsync("End");
            await accounts.EvaluateAsync("b => b.scrollLeft = b.scrollWidth");
            Assert.True(await accounts.EvaluateAsync<bool>("b => b.scrollWidth <= b.clientWidth || b.scrollLeft > 0"), "the flagged accounts do not scroll");
        }

        Assert.Equal("static", await page.Locator("header.app-header").EvaluateAsync<string>("h => getComputedStyle(h).position"));
    }

    [Fact]
    public async Task AlertFeed_OrdersByStart_AndSaysWhenEachBeganWithDateAndZone()
    {
        var (page, campaignId) = await OpenAsync();
        using var alerts = await GetAsync($"/api/campaigns/{campaignId}/alerts?limit=50");
        var expected = alerts.RootElement.EnumerateArray()
            .OrderByDescending(a => a.GetProperty("window_start").GetInt64())
            .ThenByDescending(a => a.GetProperty("window_end").GetInt64())
            .ThenBy(a => a.GetProperty("alert_id").GetString(), StringComparer.Ordinal)
            .Take(50).ToList();
        Assert.NotEmpty(expected);

        var items = page.GetByTestId("alert-item");
        await Assertions.Expect(items).ToHaveCountAsync(expected.Count, new() { Timeout = (float)Patience.TotalMilliseconds });
        var ids = await items.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.alertId)");
        Assert.Equal(expected.Select(a => a.GetProperty("alert_id").GetString()), ids);

        // The first item's line: its start as a date and time in UTC, and (event time having moved on) ended.
        var first = expected[0];
        var start = DateTimeOffset.FromUnixTimeMilliseconds(first.GetProperty("window_start").GetInt64());
        await Assertions.Expect(items.First.GetByTestId("alert-timing")).ToHaveTextAsync(
            new Regex($"^(since )?{Regex.Escape(start.ToString("MMM d, HH:mm", CultureInfo.InvariantCulture))} UTC · (ongoing|ended) · (updated|raised) "), Text());
        Assert.Null(await page.GetByTestId("alert-list").GetAttributeAsync("aria-live")); // ages tick: not a live region
        Assert.Equal("polite", await page.GetByTestId("alert-announcer").GetAttributeAsync("aria-live"));
    }

    [Theory]
    [InlineData(1440, 900)]
    [InlineData(390, 844)]
    public async Task Axe_OnTheFilledPage_FindsNoSeriousOrCriticalViolation(int width, int height)
    {
        // axe is injected as a script: the page's own policy allows only its files, so the test context bypasses it (Axe).
        await using var context = await _browser!.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{web.BaseUrl}/?key={ReplayedWebFixture.ApiKey}");
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("live", Text());
        await Assertions.Expect(page.GetByTestId("content-row").First).ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(page.GetByTestId("attribution-row").First).ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(page.GetByTestId("budget-shift")).ToHaveAttributeAsync("data-state", new Regex("."), Wait());
        await Assertions.Expect(page.GetByTestId("authenticity-panel")).ToHaveAttributeAsync("data-scope", "campaign", Wait());
        var all = await Axe.ViolationsAsync(page);
        _output?.WriteLine($"axe at {width}x{height}: {(all.Count == 0 ? "no violations" : string.Join("\n", all))}");
        Assert.Empty(Axe.Serious(all));
    }

    [Fact]
    public async Task LayoutShift_WhileThePanelsFillIn_StaysBelowATenth()
    {
        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1350, Height = 940 } }); // Lighthouse's desktop screen
        await page.AddInitScriptAsync("""
            window.__shift = 0;
            window.__shifts = [];
            new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) {
              window.__shift += e.value;
              window.__shifts.push([Math.round(e.startTime), e.value.toFixed(3), ...e.sources.map(s => (s.node?.id || s.node?.className || s.node?.nodeName || '?') + ':' + s.previousRect.y + '>' + s.currentRect.y)]);
            } })
              .observe({ type: 'layout-shift', buffered: true });
            """);
        await page.GotoAsync($"{web.BaseUrl}/?key={ReplayedWebFixture.ApiKey}");
        await Assertions.Expect(page.GetByTestId("content-row").First).ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(page.GetByTestId("attribution-row").First).ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(page.GetByTestId("authenticity-panel")).ToHaveAttributeAsync("data-scope", "campaign", Wait());
        await page.WaitForTimeoutAsync(2_000);

        var shift = await page.EvaluateAsync<double>("() => window.__shift");
        _output?.WriteLine($"cumulative layout shift while loading: {shift:0.000}; shifts: {await page.EvaluateAsync<string>("() => JSON.stringify(window.__shifts)")}");
        Assert.True(shift < 0.1, $"layout shift {shift:0.000}");
    }

    private static string[] SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }

    private static LocatorAssertionsToHaveTextOptions Text() => new() { Timeout = (float)Patience.TotalMilliseconds };
}
