using Microsoft.Playwright;

namespace CreatorStream.Browser.Tests;

/// <summary>The posts and compliance panel (docs/design.md, "Content") against <c>/publishing</c>, and a review made in it.</summary>
public sealed partial class DashboardPanelTests
{
    [Fact]
    public async Task Publishing_ShowsEachDeliverableAndFlagAsTheApiGivesThem_AndAReviewIsRecordedWithWhoMadeIt()
    {
        var (page, campaignId) = await OpenAsync();
        using var publishing = await GetAsync($"/api/campaigns/{campaignId}/publishing");
        var deliverables = publishing.RootElement.GetProperty("deliverables").EnumerateArray().ToList();
        var flags = publishing.RootElement.GetProperty("compliance_flags").EnumerateArray().ToList();
        Assert.NotEmpty(deliverables);
        Assert.NotEmpty(flags);

        await Assertions.Expect(page.GetByTestId("deliverable-row")).ToHaveCountAsync(deliverables.Count, new() { Timeout = (float)Patience.TotalMilliseconds });
        foreach (var d in deliverables)
        {
            var row = page.Locator($"[data-testid=deliverable-row][data-deliverable-id='{d.GetProperty("deliverable_id").GetString()}']");
            await Assertions.Expect(row).ToHaveAttributeAsync("data-status", d.GetProperty("status").GetString()!);
            await Assertions.Expect(row.Locator("[data-col=what]")).ToContainTextAsync($"{d.GetProperty("posted").GetInt32()} of {d.GetProperty("count").GetInt32()}");
        }

        await Assertions.Expect(page.GetByTestId("flag-row")).ToHaveCountAsync(flags.Count);
        var open = flags.First(f => f.GetProperty("review").GetProperty("state").GetString() == "open");
        var flagId = open.GetProperty("flag").GetProperty("flag_id").GetString()!;
        var item = page.Locator($"[data-testid=flag-row][data-flag-id='{flagId}']");
        await Assertions.Expect(item).ToContainTextAsync(open.GetProperty("flag").GetProperty("summary").GetString()!);

        // No name, no review: every action records who made it.
        await page.GetByTestId("reviewer-name").FillAsync("");
        await item.Locator("[data-action=acknowledge]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-error")).ToContainTextAsync("Enter your name first");

        await page.GetByTestId("reviewer-name").FillAsync("Maria (brand team)");
        await item.Locator("[data-action=acknowledge]").ClickAsync();
        await Assertions.Expect(item).ToHaveAttributeAsync("data-state", "acknowledged", Wait());
        await Assertions.Expect(item).ToContainTextAsync("acknowledged by Maria (brand team)");

        // A dismissal needs a reason, then is recorded with it.
        await item.Locator("[data-action=dismiss]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-error")).ToContainTextAsync("needs a reason");
        await page.GetByTestId("review-reason").FillAsync("Label set in the app; the export missed it");
        await item.Locator("[data-action=dismiss]").ClickAsync();
        await Assertions.Expect(item).ToHaveAttributeAsync("data-state", "dismissed", Wait());

        using var audit = await GetAsync($"/api/campaigns/{campaignId}/compliance/audit");
        var entries = audit.RootElement.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("flag_id").GetString() == flagId).ToList();
        Assert.Equal(["acknowledge", "dismiss"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal("Maria (brand team)", e.GetProperty("by").GetString()));
        Assert.Equal("Label set in the app; the export missed it", entries[1].GetProperty("reason").GetString());

        // Reopened, so the shared fixture's queue is as it was for any test after this one.
        await item.Locator("[data-action=reopen]").ClickAsync();
        await Assertions.Expect(item).ToHaveAttributeAsync("data-state", "open", Wait());
    }
}
