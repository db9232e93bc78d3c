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
