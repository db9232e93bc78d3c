using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace CreatorStream.Browser.Tests;

/// <summary>The outcomes panel and the long trend panel against <c>/outcomes</c> and <c>/trends</c>, figure by figure.</summary>
public sealed partial class DashboardPanelTests
{
    [Fact]
    public async Task AlertFeed_ShowsTheAlertsJudgedWhenRead_AsTheApiListsThem()
    {
        var (page, campaignId) = await OpenAsync();
        using var alerts = await GetAsync($"/api/campaigns/{campaignId}/alerts?limit=50");
        string[] judgedKinds = ["cpa_above_benchmark", "goal_off_pace", "ctr_drop", "conversion_rate_drop"];
        var judged = alerts.RootElement.EnumerateArray().Where(a => judgedKinds.Contains(a.GetProperty("kind").GetString())).ToList();
        var cpa = judged.Where(a => a.GetProperty("kind").GetString() == "cpa_above_benchmark").ToList();
        Assert.True(cpa.Count > 0, $"no creator of {campaignId} is above its CPA benchmark: nothing judged to compare");

        // Each judged alert is in the feed under its id; a CPA alert in words with the API's figures.
        foreach (var alert in judged)
        {
            await Assertions.Expect(page.Locator($"[data-testid=alert-item][data-alert-id='{alert.GetProperty("alert_id").GetString()}']"))
                .ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        }

        foreach (var alert in cpa)
        {
            var item = page.Locator($"[data-testid=alert-item][data-alert-id='{alert.GetProperty("alert_id").GetString()}']");
            var details = alert.GetProperty("details");
            await Assertions.Expect(item).ToContainTextAsync("CPA above benchmark");
            await Assertions.Expect(item).ToContainTextAsync($"CPA {Money(details, "cpa")} vs benchmark {Money(details, "benchmark")}");
        }
    }

    [Fact]
    public async Task GoalBar_WithABaselineFromAnotherCampaign_ShowsTheTargetTheApiResolvedFromIt()
    {
        var (page, _) = await OpenAsync();
        var campaignId = web.CampaignWithNamedBaseline;
        await page.GetByTestId("campaign-select").SelectOptionAsync(campaignId);

        // The oracle: the named campaign's conversions to date, from its own summary; the target is 10 % more.
        using var named = await GetAsync($"/api/campaigns/{web.BaselineCampaign}/summary?window=campaign");
        var baseline = named.RootElement.GetProperty("totals").GetProperty("conversions").GetDouble();
        Assert.True(baseline > 0, "the named campaign converted nothing: no baseline to resolve");
        using var advice = await GetAsync($"/api/campaigns/{campaignId}/recommendations");
        var goal = advice.RootElement.GetProperty("goal");
        Assert.Equal(("campaign", web.BaselineCampaign), (goal.GetProperty("baseline_source").GetString(), goal.GetProperty("baseline_campaign").GetString()));
        Assert.Equal(baseline, goal.GetProperty("baseline").GetDouble(), 9);
        var target = goal.GetProperty("target").GetDouble();
        Assert.Equal(baseline * 1.1, target, 9);

        // The live snapshot cannot resolve it (it reads one campaign); the bar shows the REST goal's target and baseline.
        var bar = page.GetByTestId("goal-progress");
        await Assertions.Expect(bar).ToHaveAttributeAsync("data-kpi", "conversions", Wait());
        await Assertions.Expect(bar).ToContainTextAsync($"of {Credit(target)}", new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(bar).ToContainTextAsync($"baseline {baseline.ToString("N0", CultureInfo.InvariantCulture)} from campaign {web.BaselineCampaign}");
        var progress = double.Parse(await bar.GetAttributeAsync("data-progress") ?? "", CultureInfo.InvariantCulture);
        Assert.Equal(goal.GetProperty("progress").GetDouble(), progress, 12);
    }

    [Fact]
    public async Task OutcomesPanel_ShowsTheApisFunnelOutcomesAndBreakdowns_ForTheCampaignAndEachCreator()
    {
        var (page, campaignId) = await OpenAsync();
        using var view = await GetAsync($"/api/campaigns/{campaignId}/outcomes");
        var root = view.RootElement;

        // The campaign's funnel, stage by stage.
        var campaign = root.GetProperty("campaign");
        Assert.True(campaign.GetProperty("funnel").GetProperty("converted").GetInt64() > 0, "nobody converted through the funnel: too little to compare");
        await ExpectFunnelAsync(page, campaign.GetProperty("funnel"));

        // One creator's funnel, chosen in the panel.
        var creators = root.GetProperty("creators").EnumerateArray().ToList();
        var busiest = creators.MaxBy(c => c.GetProperty("funnel").GetProperty("reached").GetInt64());
        await page.GetByTestId("funnel-scope").SelectOptionAsync(busiest.GetProperty("creator_id").GetString()!);
        await Assertions.Expect(page.GetByTestId("funnel")).ToHaveAttributeAsync("data-scope", busiest.GetProperty("creator_id").GetString()!, Wait());
        await ExpectFunnelAsync(page, busiest.GetProperty("funnel"));

        // Every row of the outcome table: the campaign's, then each creator's.
        foreach (var row in creators.Prepend(campaign))
        {
            var id = row.GetProperty("creator_id").ValueKind == JsonValueKind.Null ? string.Empty : row.GetProperty("creator_id").GetString()!;
            var cells = page.Locator($"[data-testid=outcome-row][data-creator-id='{id}']");
            await Assertions.Expect(cells.Locator("[data-col=conversion_rate]")).ToHaveTextAsync(Percent(row, "conversion_rate"));
            await Assertions.Expect(cells.Locator("[data-col=aov]")).ToHaveTextAsync(Money(row, "aov"));
            await Assertions.Expect(cells.Locator("[data-col=new_customers]")).ToHaveTextAsync(Credit(row.GetProperty("new_customers").GetDouble()));
            await Assertions.Expect(cells.Locator("[data-col=leads]")).ToHaveTextAsync(Credit(row.GetProperty("leads").GetDouble()));
            await Assertions.Expect(cells.Locator("[data-col=cost_per_lead]")).ToHaveTextAsync(Money(row, "cost_per_lead"));
            await Assertions.Expect(cells.Locator("[data-col=sessions]")).ToHaveTextAsync(Count(row, "sessions"));
            await Assertions.Expect(cells.Locator("[data-col=bounce_rate]")).ToHaveTextAsync(Percent(row, "bounce_rate"));
            await Assertions.Expect(cells.Locator("[data-col=avg_time_on_site_ms]")).ToHaveTextAsync(Duration(row, "avg_time_on_site_ms"));
            await Assertions.Expect(cells.Locator("[data-col=pages_per_session]")).ToHaveTextAsync(OneDecimal(row, "pages_per_session"));
        }

        // Every platform and format row of the breakdowns.
        foreach (var (kind, list) in new[] { ("platform", "platforms"), ("format", "formats") })
        {
            var rows = root.GetProperty(list).EnumerateArray().ToList();
            Assert.NotEmpty(rows);
            await Assertions.Expect(page.Locator($"[data-testid=breakdown-row][data-kind={kind}]")).ToHaveCountAsync(rows.Count);
            foreach (var row in rows)
            {
                var cells = page.Locator($"[data-testid=breakdown-row][data-kind={kind}][data-name='{row.GetProperty("name").GetString()}']");
                await Assertions.Expect(cells.Locator("[data-col=posts]")).ToHaveTextAsync(Count(row, "posts"));
                await Assertions.Expect(cells.Locator("[data-col=clicks]")).ToHaveTextAsync(Count(row, "clicks"));
                await Assertions.Expect(cells.Locator("[data-col=conversions]")).ToHaveTextAsync(Credit(row.GetProperty("conversions").GetDouble()));
                await Assertions.Expect(cells.Locator("[data-col=revenue]")).ToHaveTextAsync(Money(row, "revenue"));
                await Assertions.Expect(cells.Locator("[data-col=cost]")).ToHaveTextAsync(Money(row, "cost"));
                await Assertions.Expect(cells.Locator("[data-col=roi]")).ToHaveTextAsync(Percent(row, "roi"));
            }
        }

        // Another model: the panel reloads under it.
        await page.GetByTestId("model-select").SelectOptionAsync("first_touch");
        using var firstTouch = await GetAsync($"/api/campaigns/{campaignId}/outcomes?model=first_touch");
        await Assertions.Expect(page.Locator("[data-testid=outcome-row][data-creator-id=''] [data-col=conversion_rate]"))
            .ToHaveTextAsync(Percent(firstTouch.RootElement.GetProperty("campaign"), "conversion_rate"), new() { Timeout = (float)Patience.TotalMilliseconds });
    }

    [Fact]
    public async Task LongTrendPanel_ShowsTheApisHoursAndDays_AndTheComparison()
    {
        var (page, campaignId) = await OpenAsync();
        var panel = page.GetByTestId("long-trend");

        foreach (var (range, granularity) in new[] { ("7d", "hour"), ("campaign", "day") })
        {
            await page.GetByTestId("long-trend-range").SelectOptionAsync(range);
            using var view = await GetAsync($"/api/campaigns/{campaignId}/trends?granularity={granularity}");
            var periods = view.RootElement.GetProperty("periods").EnumerateArray().ToList();
            Assert.True(periods.Count > 0, view.RootElement.GetRawText());
            await Assertions.Expect(panel).ToHaveAttributeAsync("data-granularity", granularity, Wait());
            await Assertions.Expect(panel).ToHaveAttributeAsync("data-periods", periods.Count.ToString(CultureInfo.InvariantCulture), Wait());
            foreach (var period in periods)
            {
                var row = page.Locator($"[data-testid=trend-period-row][data-start='{period.GetProperty("start").GetInt64()}']");
                await Assertions.Expect(row.Locator("[data-col=impressions]")).ToHaveTextAsync(Count(period, "impressions"));
                await Assertions.Expect(row.Locator("[data-col=clicks]")).ToHaveTextAsync(Count(period, "clicks"));
                await Assertions.Expect(row.Locator("[data-col=ctr]")).ToHaveTextAsync(Percent(period, "ctr"));
                await Assertions.Expect(row.Locator("[data-col=authentic_ctr]")).ToHaveTextAsync(Percent(period, "authentic_ctr"));
                await Assertions.Expect(row.Locator("[data-col=conversions]")).ToHaveTextAsync(Count(period, "conversions"));
            }
        }

        // One creator's hours.
        using var summary = await GetAsync($"/api/campaigns/{campaignId}/summary?window=campaign");
        var creator = summary.RootElement.GetProperty("creators")[0].GetProperty("creator_id").GetString()!;
        await page.GetByTestId("long-trend-range").SelectOptionAsync("7d");
        await page.GetByTestId("long-trend-scope").SelectOptionAsync(creator);
        using var mine = await GetAsync($"/api/campaigns/{campaignId}/trends?granularity=hour&creator={creator}");
        var first = mine.RootElement.GetProperty("periods")[0];
        await Assertions.Expect(page.Locator($"[data-testid=trend-period-row][data-start='{first.GetProperty("start").GetInt64()}'] [data-col=impressions]"))
            .ToHaveTextAsync(Count(first, "impressions"), new() { Timeout = (float)Patience.TotalMilliseconds });

        // The comparison names both rates (40 minutes of data: no earlier week, so nothing to compare with).
        await Assertions.Expect(page.GetByTestId("long-trend-compare").Locator("li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("long-trend-drops")).ToContainTextAsync("No click-through or conversion rate drop");
    }

    [Fact]
    public async Task Recommendations_ShowEachCreatorsAndCountrysBestSellingFormat_AndTheBriefs_AsTheApiGivesThem()
    {
        var (page, campaignId) = await OpenAsync();
        using var recs = await GetAsync($"/api/campaigns/{campaignId}/recommendations");
        var best = recs.RootElement.GetProperty("format_outcomes").EnumerateArray()
            .Where(o => o.GetProperty("best").GetBoolean() && o.GetProperty("segment").GetString() == "creator").ToList();
        Assert.NotEmpty(best);

        var items = page.GetByTestId("sales-format-item");
        await Assertions.Expect(items).ToHaveCountAsync(best.Count, new() { Timeout = (float)Patience.TotalMilliseconds });
        foreach (var row in best)
        {
            var item = page.Locator($"[data-testid=sales-format-item][data-creator-id='{row.GetProperty("segment_id").GetString()}']");
            await Assertions.Expect(item).ToHaveAttributeAsync("data-format", row.GetProperty("content_format").GetString()!);
            await Assertions.Expect(item).ToContainTextAsync($"{row.GetProperty("conversions_per_thousand").GetDouble().ToString("0.00", CultureInfo.InvariantCulture)} sales");
        }

        // Each audience country's best-selling format, as the API ranks them (the generator's audiences live in ten countries).
        var countries = recs.RootElement.GetProperty("format_outcomes").EnumerateArray()
            .Where(o => o.GetProperty("best").GetBoolean() && o.GetProperty("segment").GetString() == "country").ToList();
        Assert.NotEmpty(countries);
        await Assertions.Expect(page.GetByTestId("country-format-item")).ToHaveCountAsync(countries.Count);
        foreach (var row in countries)
        {
            var item = page.Locator($"[data-testid=country-format-item][data-country='{row.GetProperty("segment_id").GetString()}']");
            await Assertions.Expect(item).ToHaveAttributeAsync("data-format", row.GetProperty("content_format").GetString()!);
            await Assertions.Expect(item).ToContainTextAsync($"{row.GetProperty("conversions_per_thousand").GetDouble().ToString("0.00", CultureInfo.InvariantCulture)} sales");
        }

        // The audience windows, as many as the API gives (40 minutes of traffic: one week of one hour, so none passes the gates).
        var windows = recs.RootElement.GetProperty("audience_windows").GetArrayLength();
        await Assertions.Expect(page.GetByTestId("audience-window-item")).ToHaveCountAsync(windows);
        await Assertions.Expect(page.GetByTestId("rec-audience-windows")).ToContainTextAsync(windows == 0 ? "No hour of the week" : "engage per impression");

        // Each brief in the API's words (the generator plants no format effect, so there may be none).
        var suggestions = recs.RootElement.GetProperty("suggestions").EnumerateArray().ToList();
        await Assertions.Expect(page.GetByTestId("suggestion-item")).ToHaveCountAsync(suggestions.Count);
        foreach (var suggestion in suggestions)
        {
            await Assertions.Expect(page.Locator($"[data-testid=suggestion-item][data-creator-id='{suggestion.GetProperty("creator_id").GetString()}']")).ToHaveTextAsync(suggestion.GetProperty("message").GetString()!);
        }
    }

    private static async Task ExpectFunnelAsync(IPage page, JsonElement funnel)
    {
        foreach (var stage in new[] { "reached", "engaged", "clicked", "converted" })
        {
            var item = page.Locator($"[data-testid=funnel-stage][data-stage={stage}]");
            await Assertions.Expect(item.Locator("[data-col=count]")).ToHaveTextAsync(Count(funnel, stage), new() { Timeout = (float)Patience.TotalMilliseconds });
            if (stage != "reached")
            {
                var drop = funnel.GetProperty("drop_off").GetProperty(stage);
                await Assertions.Expect(item.Locator("[data-col=drop]")).ToHaveTextAsync(drop.ValueKind == JsonValueKind.Null ? string.Empty : PageText.Rounded(drop.GetDouble() * 100, 2).ToString("N2", CultureInfo.InvariantCulture) + "% lost");
            }
        }

        var landed = funnel.GetProperty("landed");
        await Assertions.Expect(page.Locator("[data-testid=funnel-stage][data-stage=landed]")).ToHaveCountAsync(landed.ValueKind == JsonValueKind.Null ? 0 : 1);
    }

    /// <summary>A ratio as the page writes it: 17.50%; null as a dash.</summary>
    private static string Percent(JsonElement owner, string name) =>
        owner.GetProperty(name).ValueKind == JsonValueKind.Null ? "—" : PageText.Rounded(owner.GetProperty(name).GetDouble() * 100, 2).ToString("N2", CultureInfo.InvariantCulture) + "%";

    /// <summary>A figure with one decimal (pages per visit); null as a dash.</summary>
    private static string OneDecimal(JsonElement owner, string name) =>
        owner.GetProperty(name).ValueKind == JsonValueKind.Null ? "—" : owner.GetProperty(name).GetDouble().ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Milliseconds as the page writes them: "45 s", "2 min 05 s"; null as a dash.</summary>
    private static string Duration(JsonElement owner, string name)
    {
        if (owner.GetProperty(name).ValueKind == JsonValueKind.Null)
        {
            return "—";
        }

        var seconds = (long)Math.Round(owner.GetProperty(name).GetDouble() / 1000, MidpointRounding.AwayFromZero);
        return seconds < 60 ? $"{seconds} s" : $"{seconds / 60} min {seconds % 60:00} s";
    }
}
