using CreatorStream.Core.Configuration;
using CreatorStream.Core.Forecasts;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Tests.Forecasts;

/// <summary>docs/design.md, "Forecasts": what a campaign's forecast refuses, and the measurements it takes from the series.</summary>
public sealed class CampaignForecasterTests
{
    private const long Hour = SeriesPeriods.HourMs;
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly long StartMs = Start.ToUnixTimeMilliseconds();

    [Fact]
    public void Build_Refuses_WhatCannotBeProjected_WithAReason()
    {
        var campaign = Campaign(budget: 1_000);
        var (report, hours) = Figures();
        var asOf = StartMs + (24 * Hour);

        Assert.Equal(CampaignForecaster.NoEvents, Refusal(campaign, report, hours, null, []));
        Assert.Contains("no end date", Refusal(campaign with { Goal = campaign.Goal! with { End = null } }, report, hours, asOf, []), StringComparison.Ordinal);
        Assert.Contains("has no creator 'zoe'", Refusal(campaign, report, hours, asOf, new() { ["zoe"] = 1 }), StringComparison.Ordinal);
        Assert.Contains("'anna' must be a number at least 0", Refusal(campaign, report, hours, asOf, new() { ["anna"] = double.NaN }), StringComparison.Ordinal);

        // Cost to date 600 (anna's fee) of a budget of 1,000: 400 left.
        Assert.Contains("more than the 400 left", Refusal(campaign, report, hours, asOf, new() { ["anna"] = 300, ["ben"] = 101 }), StringComparison.Ordinal);
        Assert.Contains("'ben' has no fee", Refusal(campaign, report, hours, asOf, new() { ["ben"] = 100 }), StringComparison.Ordinal);
        Assert.Null(Refusal(campaign, report, hours, asOf, new() { ["anna"] = 400 }));
        Assert.Equal(CampaignForecaster.TooEarly, Refusal(campaign, report, hours, StartMs + (23 * Hour), []));
        Assert.Contains("until must be after", CampaignForecaster.Build(campaign, report, hours, asOf, asOf, new Dictionary<string, double>()).Refusal, StringComparison.Ordinal);
        Assert.Contains("no later than the goal's end", CampaignForecaster.Build(campaign, report, hours, asOf, StartMs + (97 * Hour), new Dictionary<string, double>()).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PaysTheFeeOverTheGoalsPeriod_AndFloorsDispersionAtTheCampaigns()
    {
        // The goal runs 96 hours from Start; 24 measured, 72 left: three quarters of anna's 600 (450) pays for the rest,
        // so 450 more doubles her impressions.
        var (report, hours) = Figures();
        var (forecast, _) = CampaignForecaster.Build(Campaign(budget: 5_000), report, hours, StartMs + (24 * Hour), null, new Dictionary<string, double> { ["anna"] = 450 });

        var anna = forecast!.Creators.Single(c => c.CreatorId == "anna");
        Assert.Equal((72.0, 2.0), (forecast.HoursLeft, anna.ImpressionMultiplier));

        // anna's 12-hour blocks [6, 2]: mean 4, χ² (4 + 4) / 4 = 2 over 1. ben's (from the campaign's first hour, not
        // his own: 24 hours, [0, 0]): 1, floored at the campaign's (2 × 24 + 1 × 24) / 48 = 1.5.
        Assert.Equal(2, anna.Dispersion, 12);
        Assert.Equal(1.5, forecast.Creators.Single(c => c.CreatorId == "ben").Dispersion, 12);
        Assert.Equal(5_000 - 600, forecast.BudgetRemaining);
    }

    [Fact]
    public void BuildFromHistory_BeforeLaunch_ProjectsThePooledPaceOfEarlierCampaigns_ByHand()
    {
        // anna in two earlier campaigns: 12 orders in 48 hours (dispersion 2, all credited, 50 each), then 6 in 24
        // (dispersion 5, 3 credited, 100 each). Pooled: 18 orders in 72 hours, dispersion (2 × 48 + 5 × 24) / 72 = 3,
        // 15 of 18 credited, 900 / 15 = 60 an order. The goal's 96 hours from its start: 18 × 96 / 72 = 24 orders,
        // 20 credited, 1,200. ben has no earlier campaign: named, not projected, not in the sums.
        var (forecast, refusal) = CampaignForecaster.BuildFromHistory(Campaign(budget: 1_000), null, History(), ["autumn", "winter"], null, null, new Dictionary<string, double>());

        Assert.Null(refusal);
        Assert.Equal(("history", StartMs, 96.0), (forecast!.Basis, forecast.AsOf, forecast.HoursLeft));
        Assert.Equal(["autumn", "winter"], forecast.EarlierCampaigns);
        Assert.Equal(["ben"], forecast.NotProjected);
        var anna = Assert.Single(forecast.Creators);
        Assert.Equal((72.0, 18L, 3.0), (anna.HoursMeasured, anna.Orders, anna.Dispersion));
        Assert.Equal(20, anna.AdditionalConversions.Estimate, 9);
        Assert.Equal(1_200, anna.AdditionalRevenue!.Estimate, 9);
        Assert.Equal((0.0, 0.0), (anna.ConversionsToDate, anna.RevenueToDate)); // projected as at launch
        Assert.Equal(anna.AdditionalConversions, anna.Conversions);
        Assert.Equal(anna.AdditionalConversions, forecast.AdditionalConversions);
        Assert.Equal(1_000 - 600, forecast.BudgetRemaining); // anna's fee is committed before the first event
        Assert.StartsWith("At their pace in the brand's earlier campaigns (autumn, winter): 18 orders in 72 hours (dispersion 3 over 12-hour blocks), 0.833 credited", anna.Fit, StringComparison.Ordinal);
        Assert.Equal(CampaignForecaster.HistoryMethod, forecast.Method);

        // 600 more on anna: her fee pays for all 96 hours, so it doubles her impressions, with returns diminishing on
        // the audience fitted in the newest earlier campaign (500 impressions reaching 400 people).
        var (spent, _) = CampaignForecaster.BuildFromHistory(Campaign(budget: 5_000), null, History(), ["autumn", "winter"], null, null, new Dictionary<string, double> { ["anna"] = 600 });
        var more = Assert.Single(spent!.Creators);
        Assert.Equal(2, more.ImpressionMultiplier, 12);
        Assert.InRange(more.Response.Estimate, 1.01, 1.99);
        Assert.Equal(20 * more.Response.Estimate, more.AdditionalConversions.Estimate, 9);
    }

    [Fact]
    public void BuildFromHistory_Refuses_WhatHasNoBasis_WithAReason()
    {
        var campaign = Campaign(budget: 1_000);
        var none = new Dictionary<string, double>();

        var noStart = CampaignForecaster.BuildFromHistory(campaign with { Goal = campaign.Goal! with { Start = null } }, null, History(), ["winter"], null, null, none).Refusal;
        Assert.Equal(CampaignForecaster.NoEvents + ", and the goal names no start date to project from", noStart);
        var noHistory = CampaignForecaster.BuildFromHistory(campaign, null, new Dictionary<string, IReadOnlyList<CreatorMeasure>>(), [], null, null, none).Refusal;
        Assert.StartsWith(CampaignForecaster.NoEvents + ", and none of its creators has an earlier campaign", noHistory, StringComparison.Ordinal);
        var firstDay = CampaignForecaster.BuildFromHistory(campaign, null, new Dictionary<string, IReadOnlyList<CreatorMeasure>>(), [], StartMs, null, none).Refusal;
        Assert.StartsWith(CampaignForecaster.TooEarly, firstDay, StringComparison.Ordinal);
        Assert.Contains("'ben' has no earlier campaign", CampaignForecaster.BuildFromHistory(campaign, null, History(), ["winter"], null, null, new Dictionary<string, double> { ["ben"] = 10 }).Refusal, StringComparison.Ordinal);
        Assert.Contains("more than the 400 left", CampaignForecaster.BuildFromHistory(campaign, null, History(), ["winter"], null, null, new Dictionary<string, double> { ["anna"] = 401 }).Refusal, StringComparison.Ordinal);
        Assert.Contains("no end date", CampaignForecaster.BuildFromHistory(campaign with { Goal = campaign.Goal! with { End = null } }, null, History(), ["winter"], null, null, none).Refusal, StringComparison.Ordinal);
        Assert.Contains("until must be after the projection's start", CampaignForecaster.BuildFromHistory(campaign, null, History(), ["winter"], null, StartMs, none).Refusal, StringComparison.Ordinal);
    }

    private static Dictionary<string, IReadOnlyList<CreatorMeasure>> History() => new(StringComparer.Ordinal)
    {
        ["anna"] = [new CreatorMeasure("anna", 48, 12, 2, 12, 600, 1_000, 1_000, true), new CreatorMeasure("anna", 24, 6, 5, 3, 300, 500, 400, true)],
    };

    private static string? Refusal(CampaignConfig campaign, CampaignReport report, IReadOnlyDictionary<string, IReadOnlyList<PeriodView>> hours, long? asOf, Dictionary<string, double> allocation) =>
        CampaignForecaster.Build(campaign, report, hours, asOf, null, allocation).Refusal;

    private static CampaignConfig Campaign(double budget) => new()
    {
        CampaignId = "spring",
        BrandId = "acme",
        Goal = new CampaignGoal { Type = "sales", Start = Start, End = Start.AddHours(96), Budget = budget },
        Attribution = new AttributionSettings { ReportingModel = "last_touch" },
        Creators =
        [
            new CreatorConfig { CreatorId = "anna", Costs = new CreatorCosts { FlatFee = 600 } },
            new CreatorConfig { CreatorId = "ben", Costs = new CreatorCosts { CommissionRate = 0.2 } },
        ],
    };

    private static (CampaignReport, IReadOnlyDictionary<string, IReadOnlyList<PeriodView>>) Figures()
    {
        var report = new CampaignReport
        {
            Creators = new(StringComparer.Ordinal)
            {
                ["anna"] = new CreatorReport { Impressions = 500, Reach = 400, Cost = 600, Attribution = new(StringComparer.Ordinal) { ["last_touch"] = new ModelCredit { Conversions = 8, Revenue = 400 } } },
                ["ben"] = new CreatorReport { Impressions = 100, Reach = 100, Cost = 0, Attribution = new(StringComparer.Ordinal) { ["last_touch"] = new ModelCredit() } },
            },
        };
        var hours = new Dictionary<string, IReadOnlyList<PeriodView>>(StringComparer.Ordinal)
        {
            ["anna"] = [Orders(StartMs, 6), Orders(StartMs + (13 * Hour), 2)],
            ["ben"] = [Orders(StartMs + (1 * Hour), 0)],
        };
        return (report, hours);
    }

    private static PeriodView Orders(long start, long orders) => new(start, new Counters { Conversions = orders, Impressions = 1 });
}
