using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CreatorStream.Browser.Tests;

/// <summary>The window selector and the trend chart, against the same <c>run</c> as the other dashboard tests.</summary>
public sealed partial class DashboardTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Dashboard_SwitchingTheWindowToFiveMinutes_RejoinsAndShowsThatWindow()
    {
        var (page, _) = await OpenLiveAsync();
        var status = page.GetByTestId("connection-status");
        var heading = page.GetByTestId("kpi-heading");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-joined", JoinedTo("campaign"), Wait());
        await Assertions.Expect(heading).ToHaveAttributeAsync("data-window", "campaign", Wait());
        var toDateBefore = await ImpressionsAsync(page);

        await page.GetByTestId("window-select").SelectOptionAsync("5m");

        await Assertions.Expect(heading).ToHaveTextAsync("Last 5 minutes");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-joined", JoinedTo("5m"), Wait());
        await Assertions.Expect(heading).ToHaveAttributeAsync("data-window", "5m", Wait());
        Assert.Contains("window=5m", page.Url, StringComparison.Ordinal); // remembered in the hash
        var fiveMinutes = await ImpressionsAsync(page);

        // Live updates now come from the 5m group: the figure moves without a reload.
        var moved = await ImpressionsChangeAsync(page, fiveMinutes);
        Assert.True(moved, $"5m impressions stayed at {fiveMinutes} for {Patience.TotalSeconds} s");

        await page.GetByTestId("window-select").SelectOptionAsync("campaign");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-joined", JoinedTo("campaign"), Wait());
        await Assertions.Expect(heading).ToHaveAttributeAsync("data-window", "campaign", Wait());
        var toDateAfter = await ImpressionsAsync(page);

        Assert.True(fiveMinutes > 0, $"5m impressions read {fiveMinutes}");
        Assert.True(toDateAfter >= toDateBefore, $"campaign to date went from {toDateBefore} to {toDateAfter}");
        Assert.True(fiveMinutes <= toDateAfter, $"5m impressions {fiveMinutes} above campaign to date {toDateAfter}");
    }

    [Fact]
    public async Task Dashboard_TrendChart_PlotsMinutesOnceDataFlows()
    {
        var (page, policyViolations) = await OpenLiveAsync();

        var chart = page.GetByTestId("trend-chart");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-points", new Regex("^[1-9][0-9]*$"), Wait());
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-corrected-count", new Regex("^[0-9]+$"));
        await Assertions.Expect(chart.Locator("canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("trend-freshness")).ToContainTextAsync("latest minute");
        await Assertions.Expect(page.GetByTestId("trend-corrected")).ToContainTextAsync("corrected by late data");

        // uPlot's stylesheet came through the bundle (style-src 'self'): its overlay is positioned.
        var overlay = await chart.Locator(".u-over").EvaluateAsync<string>("e => getComputedStyle(e).position");
        Assert.Equal("absolute", overlay);
        Assert.Empty(policyViolations);
    }

    [Fact]
    public async Task Dashboard_TrendChart_DrawsTheMinuteEventTimeHasNotPassedAsUnfinished()
    {
        var (page, _) = await OpenLiveAsync();
        var chart = page.GetByTestId("trend-chart");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-points", new Regex("^[1-9][0-9]*$"), Wait());

        // Live, event time trails the newest events: the newest minute is still filling, and says so.
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-unfinished", new Regex("^[0-9]{13}$"), Wait());
        var unfinished = long.Parse(await chart.GetAttributeAsync("data-unfinished") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, unfinished % 60_000);

        // The words name the newest minute, which is the first unfinished one or after it (event time may trail by two).
        var words = await page.GetByTestId("trend-unfinished").TextContentAsync() ?? "";
        var named = Regex.Match(words, "^([0-9]{2}):([0-9]{2}) UTC in progress .*so far$");
        Assert.True(named.Success, words);
        var first = DateTimeOffset.FromUnixTimeMilliseconds(unfinished);
        var minutes = ((int.Parse(named.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 60) + int.Parse(named.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) - ((first.Hour * 60) + first.Minute) + 1440) % 1440;
        Assert.InRange(minutes, 0, 3);
        // Within a minute of start no minute is whole yet; either way the label names the one in progress.
        await Assertions.Expect(chart.Locator("[role=img]")).ToHaveAttributeAsync(
            "aria-label", new Regex("(Latest whole minute, [0-9]{2}:[0-9]{2}: .*\\. |No whole minute yet\\. )[0-9]{2}:[0-9]{2} UTC in progress"));
    }

    [Fact]
    public async Task Dashboard_HubConnection_CarriesAShortLivedTokenAndNeverTheKey()
    {
        var page = await _browser!.NewPageAsync();
        var sockets = new List<string>();
        page.WebSocket += (_, socket) =>
        {
            lock (sockets)
            {
                sockets.Add(socket.Url);
            }
        };
        await page.GotoAsync($"{run.BaseUrl}/?key={RunFixture.ApiKey}");
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("live", Text());

        string[] urls;
        lock (sockets)
        {
            urls = [.. sockets];
        }

        var hub = Assert.Single(urls, u => u.Contains("/hubs/campaigns", StringComparison.Ordinal));
        Assert.DoesNotContain(RunFixture.ApiKey, hub, StringComparison.Ordinal);
        Assert.Matches("access_token=v1\\.", hub);
    }

    /// <summary>Opens the dashboard with the key and waits until it is live, collecting Content-Security-Policy violations from the console.</summary>
    private async Task<(IPage Page, List<string> PolicyViolations)> OpenLiveAsync()
    {
        var policyViolations = new List<string>();
        var page = await _browser!.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                policyViolations.Add(message.Text);
            }
        };
        await page.GotoAsync($"{run.BaseUrl}/?key={RunFixture.ApiKey}");
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("live", Text());
        return (page, policyViolations);
    }

    /// <summary>Polls the impressions KPI every 500 ms until it shows another number, for at most <see cref="Patience"/>.</summary>
    private static async Task<bool> ImpressionsChangeAsync(IPage page, long from)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            await page.WaitForTimeoutAsync(500);
            var now = await ImpressionsAsync(page);
            if (now >= 0 && now != from)
            {
                return true;
            }
        }

        return false;
    }

    private static Regex JoinedTo(string window) => new($":{Regex.Escape(window)}$");

    private static LocatorAssertionsToHaveAttributeOptions Wait() => new() { Timeout = (float)Patience.TotalMilliseconds };

    private static LocatorAssertionsToHaveTextOptions Text() => new() { Timeout = (float)Patience.TotalMilliseconds };
}
