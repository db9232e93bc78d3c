using System.Text.RegularExpressions;
using Confluent.Kafka;
using CreatorStream.Core.Decoding;
using CreatorStream.Host.Cli;
using CreatorStream.Host.Collect;
using CreatorStream.Host.Verbs;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Producing;
using CreatorStream.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// Issue 24, end to end in Debian's chromium: a visitor reads a creator's post, clicks her tracked link, lands on the
/// brand's shop (another origin, with the site snippet loaded from the collector), browses a second page and buys.
/// The collector writes the landing, the visit and the order to the embedded broker of <c>run --site-keys</c>, the
/// worker counts them, and the dashboard shows them credited to the creator: one click (a reload of the landing is no
/// second one), one visit of three pages, one conversion of 42.
/// </summary>
public sealed class SiteSnippetTests : IAsyncLifetime
{
    private const string ApiKey = "snippet-test-api-key";
    private const string WriteKey = "snippet-test-write-key";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly CancellationTokenSource _stop = new();
    private readonly TempDirectory _files = new("snippet-test-");
    private readonly StringWriter _runOutput = new();
    private readonly string _dashboard = $"http://127.0.0.1:{FreePort.Next()}";
    private readonly string _collector = $"http://127.0.0.1:{FreePort.Next()}";
    private readonly string _site = $"http://127.0.0.1:{FreePort.Next()}";
    private Task<int>? _run;
    private WebApplication? _shop;

    public async Task InitializeAsync()
    {
        File.WriteAllText(_files.Combine("campaigns.json"), TestCampaigns.SpringJson);
        File.WriteAllText(_files.Combine("key"), ApiKey);
        var hash = Convert.ToHexString(SiteKeys.Hash(WriteKey)).ToLowerInvariant();
        File.WriteAllText(_files.Combine("site-keys.json"), $$"""{"sites":[{"site_id":"acme-shop","key_sha256":"{{hash}}","brand_id":"acme","origins":["{{_site}}"]}]}""");

        var verb = new RunVerb(TextWriter.Synchronized(_runOutput), TextWriter.Null, TimeProvider.System);
        var args = ParsedArgs.Parse(
            [
                "--campaigns", _files.Combine("campaigns.json"), "--api-key-file", _files.Combine("key"), "--urls", _dashboard,
                "--site-keys", _files.Combine("site-keys.json"), "--collect-urls", _collector, "--collect-session-idle-ms", "6000",
                "--idle-timeout-ms", "2000",
            ],
            verb.Options);
        _run = Task.Run(() => verb.RunAsync(args, _stop.Token));
        _shop = await StartShopAsync();
        using var http = new HttpClient();
        await Eventually.ReturnsAsync(
            async () => _run.IsCompleted ? throw new InvalidOperationException("run exited early: " + _runOutput) : (await http.GetAsync(_collector + "/health/live")).IsSuccessStatusCode,
            ok => ok,
            TimeSpan.FromSeconds(60),
            "the collector of run answering");
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_shop is not null)
            {
                await _shop.DisposeAsync();
            }

            await _stop.CancelAsync();
            if (_run is not null)
            {
                await _run.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        finally
        {
            _stop.Dispose();
            _files.Dispose();
        }
    }

    [Fact]
    public async Task AVisitorClicksACreatorsLink_BrowsesAndBuys_AndTheDashboardCreditsTheCreator()
    {
        await using var browser = await BrowserSession.StartAsync();
        var shopper = await browser.NewPageAsync();

        // The creator's post, its tracked link, the landing and a second page of the shop, and the purchase.
        await shopper.GotoAsync(_site + "/post");
        await shopper.GetByTestId("creator-link").ClickAsync();
        // Navigated: the snippet's own "loaded" below is what the page being ready means. Waiting for the page's load
        // event as well timed out in two full runs with both cores busy (sessions 64 and 70), after its network was idle.
        await shopper.WaitForURLAsync(new Regex("/shop"), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(shopper.GetByTestId("snippet")).ToHaveTextAsync("loaded", new() { Timeout = 20_000 });
        Assert.DoesNotContain("cs_link", shopper.Url, StringComparison.Ordinal); // read, then taken out of the address

        // A reload of the landing is the same visit, one page longer, and no second click.
        await shopper.ReloadAsync();
        await Assertions.Expect(shopper.GetByTestId("snippet")).ToHaveTextAsync("loaded", new() { Timeout = 20_000 });
        await shopper.GetByTestId("product-link").ClickAsync();
        await shopper.WaitForURLAsync(new Regex("/product$"), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(shopper.GetByTestId("snippet")).ToHaveTextAsync("loaded", new() { Timeout = 20_000 });
        await shopper.GetByTestId("buy").ClickAsync();
        await Assertions.Expect(shopper.GetByTestId("order")).ToHaveTextAsync("accepted", new() { Timeout = 20_000 });
        await shopper.CloseAsync(new() { RunBeforeUnload = true });

        // The visit ends six seconds after its last beacon (room for a loaded machine's slow page loads between beacons,
        // which on a shorter idle would end the visit early); a later event moves event time past all of it.
        await Task.Delay(9_000);
        PublishTick();

        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{_dashboard}/?key={ApiKey}");
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("live", new() { Timeout = 30_000 });
        var anna = page.Locator("[data-testid=creator-row][data-creator-id='anna']");
        await Assertions.Expect(anna.Locator("[data-col=clicks]")).ToHaveTextAsync("1", new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(anna.Locator("[data-col=conversions]")).ToHaveTextAsync("1", new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(anna.Locator("[data-col=revenue]")).ToHaveTextAsync("$42.00");
        var ben = page.Locator("[data-testid=creator-row][data-creator-id='ben']");
        await Assertions.Expect(ben.Locator("[data-col=clicks]")).ToHaveTextAsync("0");

        var outcome = page.Locator("[data-testid=outcome-row][data-creator-id='anna']");
        await Assertions.Expect(outcome.Locator("[data-col=sessions]")).ToHaveTextAsync("1", new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(outcome.Locator("[data-col=pages_per_session]")).ToHaveTextAsync("3.0");
    }

    // The post and the shop, on their own origin (the snippet's collector is another): plain pages, as a brand's are.
    private async Task<WebApplication> StartShopAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(_site);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var snippet = $"""<script async src="{_collector}{CollectorApp.Prefix}/cs.js" data-key="{WriteKey}"></script>""";
        const string Loaded = """<p data-testid="snippet">waiting</p><script>const t = setInterval(() => { if (window.creatorstream) { document.querySelector('[data-testid=snippet]').textContent = 'loaded'; clearInterval(t); } }, 50);</script>""";
        app.MapGet("/post", () => Html($"""<h1>Anna's post</h1><a data-testid="creator-link" href="{_site}/shop?cs_link=lnk-anna&utm_source=instagram&utm_medium=social&utm_content=post-1">Shop the look</a>"""));
        app.MapGet("/shop", () => Html($"""{snippet}<h1>Acme shop</h1>{Loaded}<a data-testid="product-link" href="/product">A product</a>"""));
        app.MapGet("/product", () => Html($$"""
            {{snippet}}<h1>A product</h1>{{Loaded}}
            <button data-testid="buy" onclick="window.creatorstream.conversion({order_id: 'T-1', value: 42, currency: 'USD'}).then(ok => document.querySelector('[data-testid=order]').textContent = ok ? 'accepted' : 'refused')">Buy</button>
            <p data-testid="order">not yet</p>
            """));
        await app.StartAsync();
        return app;
    }

    private static IResult Html(string body) => Results.Content($"<!doctype html><html><head><meta charset=utf-8><title>shop</title></head><body>{body}</body></html>", "text/html; charset=utf-8");

    private void PublishTick()
    {
        var bootstrap = Regex.Match(_runOutput.ToString(), "bootstrap: (\\S+)").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(bootstrap), "run printed no bootstrap address: " + _runOutput);
        var kafka = new KafkaClientSettings(bootstrap);
        using var producer = new ProducerBuilder<byte[], byte[]>(kafka.Producer("snippet-test-tick")).Build();
        using var publisher = new EventPublisher(producer);
        var tick = EventBuilder.Impression("tick-user", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + ClosingTick.GapMs, creator: "ben", content: "post-tick", id: "tick");
        publisher.Publish(tick.Type, tick.UserId, EventWriter.ToUtf8(tick, includeType: false));
        Assert.True(publisher.Flush(TimeSpan.FromSeconds(30)));
    }
}
