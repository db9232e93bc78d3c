using Microsoft.Playwright;

namespace CreatorStream.Browser.Tests;

/// <summary>Debian's chromium driven by Playwright, headless, for one test.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<BrowserSession> StartAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,

            // Root in CI needs --no-sandbox; the machine has no GPU and no network beyond loopback.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        return new BrowserSession(playwright, browser);
    }

    public Task<IPage> NewPageAsync(BrowserNewPageOptions? options = null) => _browser.NewPageAsync(options);

    public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null) => _browser.NewContextAsync(options);

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
