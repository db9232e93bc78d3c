using System.Globalization;
using Microsoft.Playwright;

namespace CreatorStream.Browser.Tests;

/// <summary>The dashboard of <c>run</c> in a real browser (Debian's chromium, driven by Playwright).</summary>
public sealed partial class DashboardTests(RunFixture run) : IClassFixture<RunFixture>, IAsyncLifetime
{
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
    public async Task Dashboard_WithTheKey_GoesLiveAndItsNumbersMove()
    {
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync($"{run.BaseUrl}/?key={RunFixture.ApiKey}");

        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("live", new() { Timeout = 30_000 });
        Assert.DoesNotContain("key=", page.Url, StringComparison.Ordinal); // the key leaves the address bar

        var first = await ImpressionsAsync(page);
        var later = first;
        for (var attempt = 0; attempt < 60 && later <= first; attempt++)
        {
            await page.WaitForTimeoutAsync(500);
            later = await ImpressionsAsync(page);
        }

        Assert.True(later > first, $"impressions stayed at {first} for 30 s");
        Assert.Matches(@"^\d[\d,]*$", await page.GetByTestId("kpi-engagement-at-risk").TextContentAsync() ?? ""); // raw minus authentic, shown
        Assert.True(await page.GetByTestId("creator-row").CountAsync() >= 2);
        Assert.Matches("updated", await page.GetByTestId("kpi-freshness").TextContentAsync() ?? "");
    }

    [Fact]
    public async Task Dashboard_WithAWrongKey_ShowsTheKeyFormWithTheServersReason()
    {
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync($"{run.BaseUrl}/?key=wrong-key");

        await Assertions.Expect(page.GetByTestId("key-form")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("key-error")).ToContainTextAsync("not valid");
        var shown = await page.GetByTestId("kpi-impressions").AllTextContentsAsync();
        Assert.DoesNotContain(shown, text => text.Any(char.IsAsciiDigit)); // no campaign figure reaches a refused caller
    }

    private static async Task<long> ImpressionsAsync(IPage page)
    {
        var text = await page.GetByTestId("kpi-impressions").TextContentAsync() ?? "";
        return long.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : -1;
    }
}
