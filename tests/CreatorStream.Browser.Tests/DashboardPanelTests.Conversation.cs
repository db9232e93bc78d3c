using System.Globalization;
using Microsoft.Playwright;

namespace CreatorStream.Browser.Tests;

/// <summary>The conversation panel (docs/design.md, "Content"): each creator's authentic comments as the REST leaderboard gives them, most negative first.</summary>
public sealed partial class DashboardPanelTests
{
    [Fact]
    public async Task Conversation_ShowsEachCreatorsCommentsAsTheApiGivesThem_MostNegativeFirst()
    {
        var (page, campaignId) = await OpenAsync();
        using var creators = await GetAsync($"/api/campaigns/{campaignId}/creators?window=campaign");
        var scored = creators.RootElement.GetProperty("rows").EnumerateArray()
            .Select(r => (Id: r.GetProperty("creator_id").GetString()!, Comments: r.GetProperty("comments")))
            .Where(r => r.Comments.GetProperty("judged").GetInt64() > 0)
            .ToList();
        Assert.True(scored.Count >= 2, $"only {scored.Count} creators with scored comments in the replayed data");

        var rows = page.GetByTestId("conversation-row");
        await Assertions.Expect(rows).ToHaveCountAsync(scored.Count, new() { Timeout = (float)Patience.TotalMilliseconds });
        foreach (var (id, comments) in scored)
        {
            var row = page.Locator($"[data-testid=conversation-row][data-creator='{id}']");
            await Assertions.Expect(row.Locator("[data-col=negative]")).ToHaveTextAsync(comments.GetProperty("negative").GetInt64().ToString("N0", CultureInfo.InvariantCulture));
            await Assertions.Expect(row.Locator("[data-col=net_sentiment]")).ToHaveTextAsync(Signed(comments.GetProperty("net_sentiment").GetDouble()));
        }

        // Most negative first: the order of the rows is the order of net sentiment.
        var order = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.creator)");
        var expected = scored.OrderBy(r => r.Comments.GetProperty("net_sentiment").GetDouble()).ThenByDescending(r => r.Comments.GetProperty("judged").GetInt64()).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id);
        Assert.Equal(expected, order);
        await Assertions.Expect(page.GetByTestId("conversation-summary")).ToContainTextAsync("comments scored");
        await Assertions.Expect(page.GetByTestId("content-table").Locator("th", new() { HasText = "Net sentiment" })).ToHaveCountAsync(1);
    }

    /// <summary>The page's spelling of net sentiment: "+0.25", "−0.50", and no sign on what rounds to "0.00".</summary>
    private static string Signed(double value)
    {
        var text = Math.Abs(value).ToString("F2", CultureInfo.InvariantCulture);
        return text == "0.00" ? text : (value > 0 ? "+" : "\u2212") + text;
    }
}
