using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CreatorStream.Browser.Tests;

/// <summary>The attribution switcher and the recommendations, against the same <c>run</c> as the other dashboard tests.</summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task Dashboard_SwitchingTheAttributionModel_RemembersItInTheHashAndRerenders()
    {
        var (page, policyViolations) = await OpenLiveAsync();

        var panel = page.GetByTestId("attribution-panel");
        var select = page.GetByTestId("model-select");
        var rows = panel.GetByTestId("attribution-row");

        // First the campaign's reporting model, as the server names it.
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-model", new Regex("^[a-z_]+$"), Wait());
        var reporting = await panel.GetAttributeAsync("data-model");
        Assert.Equal(reporting, await select.InputValueAsync());
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-creator-id", new Regex(".+"), Wait());
        Assert.DoesNotContain("model=", page.Url, StringComparison.Ordinal);

        await select.SelectOptionAsync("linear");

        await Assertions.Expect(panel).ToHaveAttributeAsync("data-model", "linear", Wait());
        Assert.Contains("model=linear", page.Url, StringComparison.Ordinal); // remembered in the hash
        Assert.True(await rows.CountAsync() >= 2, "fewer than two creators under linear");
        await Assertions.Expect(panel.Locator("thead th.is-chosen")).ToHaveAttributeAsync("data-model", "linear");
        await Assertions.Expect(page.GetByTestId("cost-revenue")).ToHaveAttributeAsync("data-model", "linear", Wait());
        Assert.True(await page.GetByTestId("cost-revenue-row").CountAsync() >= 2, "fewer than two cost/revenue rows");

        // A reload opens the same model.
        await page.ReloadAsync();
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-model", "linear", Wait());
        Assert.Equal("linear", await select.InputValueAsync());
        Assert.Empty(policyViolations);
    }

    [Fact]
    public async Task Dashboard_Recommendations_ShowTheBudgetShiftOrWhyThereIsNone()
    {
        var page = await _browser!.NewPageAsync();
        // When each recommendations request left the page (as this process sees it: up to a second of delivery jitter).
        var fetches = new List<DateTime>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/recommendations", StringComparison.Ordinal))
            {
                lock (fetches)
                {
                    fetches.Add(DateTime.UtcNow);
                }
            }
        };
        await page.GotoAsync($"{run.BaseUrl}/?key={RunFixture.ApiKey}");
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("live", Text());
        var panel = page.GetByTestId("recommendations");
        var shift = panel.GetByTestId("budget-shift");

        await Assertions.Expect(shift).ToHaveAttributeAsync("data-state", new Regex("^(shift|note)$"), Wait());
        var text = await shift.TextContentAsync() ?? "";
        if (await shift.GetAttributeAsync("data-state") == "shift")
        {
            Assert.Matches(@"^Move .+ from .+ to .+: about [+−].+ \(95% range .+ to .+\), (low|medium|high) confidence\.$", text);
        }
        else
        {
            Assert.StartsWith("No budget shift proposed: ", text, StringComparison.Ordinal);
        }

        await Assertions.Expect(panel).ToHaveAttributeAsync("data-model", new Regex("^[a-z_]+$"));
        await Assertions.Expect(panel.GetByTestId("recommendations-freshness")).ToContainTextAsync("refreshed");
        var goal = new Regex(@"\((\d[\d,]*\.\d%|—)\)|No goal set");
        await Assertions.Expect(page.GetByTestId("goal-progress")).ToContainTextAsync(goal, new() { Timeout = (float)Patience.TotalMilliseconds });

        // Live updates refresh the panel again, but at most once every 15 s (issue 26: each fetch is the tab's budget).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(35);
        while (DateTime.UtcNow < deadline && Count(fetches) < 2)
        {
            await page.WaitForTimeoutAsync(500);
        }

        DateTime[] starts;
        lock (fetches)
        {
            starts = [.. fetches.Order()];
        }

        Assert.True(starts.Length >= 2, $"the recommendations were fetched {starts.Length} time(s) in 35 s of live updates");
        for (var i = 1; i < starts.Length; i++)
        {
            var gap = starts[i] - starts[i - 1];
            Assert.True(gap > TimeSpan.FromSeconds(14), $"fetches {i} and {i + 1} started {gap.TotalSeconds:F1} s apart");
        }
    }

    private static int Count<T>(List<T> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }
}
