using System.Text.Json;
using CreatorStream.Simulation;
using Microsoft.Playwright;
using static CreatorStream.Browser.Tests.PageText;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// The estimates panel (docs/design.md, "Estimates") in a real browser, against <c>GET …/estimates</c> of a replayed
/// brand with a planted halo, a leaked code and a holdout: every figure the API gives, written as an estimate with
/// its interval, the panel labelled as estimates, and the leak's alert in the feed.
/// </summary>
public sealed class DashboardEstimatesTests(EstimatesWebFixture web) : IClassFixture<EstimatesWebFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
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

    [Fact]
    public async Task EstimatesPanel_ShowsEachEstimateWithItsInterval_LabelledAsEstimates()
    {
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync($"{web.BaseUrl}/?key={EstimatesWebFixture.ApiKey}");
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("live", new() { Timeout = (float)Patience.TotalMilliseconds });
        Assert.Equal(EstimatesScenario.CampaignId, await page.GetByTestId("campaign-select").InputValueAsync());

        using var answer = await GetAsync($"/api/campaigns/{EstimatesScenario.CampaignId}/estimates");
        var estimates = answer.RootElement;
        var halo = estimates.GetProperty("halo");
        var lift = estimates.GetProperty("incrementality");
        Assert.Equal("estimate", estimates.GetProperty("label").GetString());
        Assert.Equal("estimated", halo.GetProperty("status").GetString()); // the scenario is built so there is enough data
        Assert.Equal("estimated", lift.GetProperty("status").GetString());

        var panel = page.GetByTestId("estimates-panel");
        await Assertions.Expect(panel.GetByTestId("estimates-label")).ToContainTextAsync("Estimates, not measurements", Wait());
        await Assertions.Expect(page.GetByTestId("estimates-freshness")).ToContainTextAsync("refreshed");

        // The halo: the campaign's three figures and each creator's share, every one with its interval.
        var campaign = halo.GetProperty("campaign");
        await Assertions.Expect(panel.GetByTestId("halo-summary")).ToContainTextAsync($"{Estimate(campaign.GetProperty("sessions"), Count)} untracked sessions");
        await Assertions.Expect(panel.GetByTestId("halo-summary")).ToContainTextAsync($"{Estimate(campaign.GetProperty("conversions"), Count)} unattributed orders");
        await Assertions.Expect(panel.GetByTestId("halo-summary")).ToContainTextAsync($"{Estimate(campaign.GetProperty("revenue"), Money)} revenue");
        await Assertions.Expect(panel.GetByTestId("halo-roi")).ToContainTextAsync($"{Estimate(estimates.GetProperty("roi_with_halo"), Percent)} with the estimated halo");
        await Assertions.Expect(panel.GetByTestId("halo-baseline")).ToContainTextAsync($"Baseline: {Count(halo.GetProperty("baseline_hours").GetDouble())} hours");
        var creators = halo.GetProperty("creators").EnumerateObject().ToList();
        Assert.NotEmpty(creators);
        await Assertions.Expect(panel.GetByTestId("halo-row")).ToHaveCountAsync(creators.Count);
        foreach (var creator in creators)
        {
            var row = panel.Locator($"[data-testid=halo-row][data-creator='{creator.Name}']");
            await Assertions.Expect(row.Locator("[data-col=sessions]")).ToHaveTextAsync(Estimate(creator.Value.GetProperty("sessions"), Count));
            await Assertions.Expect(row.Locator("[data-col=revenue]")).ToHaveTextAsync(Estimate(creator.Value.GetProperty("revenue"), Money));
            var roi = estimates.GetProperty("creator_roi").GetProperty(creator.Name);
            await Assertions.Expect(row.Locator("[data-col=roi]")).ToHaveTextAsync($"{Percent(roi.GetProperty("roi").GetDouble())} → {Estimate(roi.GetProperty("roi_with_halo"), Percent)}");
        }

        // Code leaks: the leaking creator flagged, with the direct model's orders with and without the suspicious uses.
        var leaks = estimates.GetProperty("code_leaks").EnumerateArray().ToList();
        await Assertions.Expect(panel.GetByTestId("leak-row")).ToHaveCountAsync(leaks.Count);
        var flagged = leaks.Single(l => l.GetProperty("alerted").GetBoolean());
        var leakRow = panel.Locator($"[data-testid=leak-row][data-creator='{flagged.GetProperty("creator_id").GetString()}']");
        await Assertions.Expect(leakRow).ToHaveAttributeAsync("data-alerted", "true");
        await Assertions.Expect(leakRow).ToContainTextAsync("leak flagged");
        await Assertions.Expect(leakRow.Locator("[data-col=uses]")).ToHaveTextAsync(Count(flagged.GetProperty("uses").GetDouble()));
        await Assertions.Expect(leakRow.Locator("[data-col=suspicious_uses]")).ToHaveTextAsync(Count(flagged.GetProperty("suspicious_uses").GetDouble()));
        await Assertions.Expect(leakRow.Locator("[data-col=suspicious_share]")).ToHaveTextAsync(Estimate(flagged.GetProperty("suspicious_share"), Share));
        await Assertions.Expect(leakRow.Locator("[data-col=direct_conversions]")).ToHaveTextAsync(
            $"{Count(flagged.GetProperty("direct_conversions").GetDouble())} → {Count(flagged.GetProperty("direct_conversions_without_leaks").GetDouble())}");
        Assert.True(flagged.GetProperty("direct_conversions_without_leaks").GetDouble() < flagged.GetProperty("direct_conversions").GetDouble());
        await Assertions.Expect(page.Locator("[data-testid=alert-item][data-kind=code_leak]")).ToContainTextAsync("Promo code leak (estimate)", Wait());

        // Incrementality: the lift's figures with their intervals, and the four tallies it comes from.
        var summary = panel.GetByTestId("lift-summary");
        await Assertions.Expect(summary).ToContainTextAsync($"{Estimate(lift.GetProperty("incremental_conversions"), Count)} incremental orders");
        await Assertions.Expect(summary).ToContainTextAsync($"{Estimate(lift.GetProperty("incremental_revenue"), Money)} incremental revenue");
        await Assertions.Expect(summary).ToContainTextAsync($"iROAS {Estimate(lift.GetProperty("iroas"), Multiple)}");
        var exposed = panel.Locator("[data-testid=lift-cell-row][data-group=Exposed]");
        await Assertions.Expect(exposed.Locator("[data-col=baseline]")).ToHaveTextAsync(Count(lift.GetProperty("exposed_baseline").GetProperty("conversions").GetDouble()));
        await Assertions.Expect(exposed.Locator("[data-col=campaign]")).ToHaveTextAsync(Count(lift.GetProperty("exposed_campaign").GetProperty("conversions").GetDouble()));
        var heldOut = panel.Locator("[data-testid=lift-cell-row][data-group='Held out']");
        await Assertions.Expect(heldOut.Locator("[data-col=campaign]")).ToHaveTextAsync(Count(lift.GetProperty("held_out_campaign").GetProperty("conversions").GetDouble()));
    }

    private async Task<JsonDocument> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, web.BaseUrl + path);
        request.Headers.Add("X-Api-Key", EstimatesWebFixture.ApiKey);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static LocatorAssertionsToContainTextOptions Wait() => new() { Timeout = (float)Patience.TotalMilliseconds };
}
