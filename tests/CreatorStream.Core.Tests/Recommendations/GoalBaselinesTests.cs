using CreatorStream.Core.Configuration;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Recommendations;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;
using CreatorStream.Testing;

namespace CreatorStream.Core.Tests.Recommendations;

/// <summary>
/// Goals whose baseline is a benchmarking period or a named earlier campaign (docs/design.md, "Goals"), on hand-made
/// figures. The period runs 10 days from T0; a benchmarking period is its first 2. In it: 1,000 impressions and 50
/// clicks in hour 1, 3,000 and 90 in hour 30; after it, 5,000 and 500 in hour 50 (not part of the baseline).
/// </summary>
public sealed class GoalBaselinesTests
{
    private const long Hour = 3_600_000;
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(EventBuilder.T0);

    [Fact]
    public void OfFirstDays_OncePassed_ScalesCountsToThePeriod_AndKeepsTheRateAsItWas()
    {
        var goal = TrafficGoal(new GoalTarget { Kpi = "clicks", IncreasePct = 20 }, new GoalTarget { Kpi = "ctr", IncreasePct = 10 });

        var values = GoalBaselines.OfFirstDays(goal, Hours(), asOf: EventBuilder.T0 + (49 * Hour));

        Assert.Equal(("first_days", EventBuilder.T0 + (48 * Hour)), (values.Source, values.Until));
        Assert.Equal(140 * 5.0, values.ByKpi["clicks"]!.Value, 12); // 140 clicks in 2 of 10 days, at that pace
        Assert.Equal(140 / 4_000.0, values.ByKpi["ctr"]!.Value, 12);
    }

    [Fact]
    public void GoalPace_BeforeTheBenchmarkingPeriodEnds_HasNoTarget_ThenTheBaselineRaisedByItsPercentage()
    {
        var campaign = Campaign(TrafficGoal(new GoalTarget { Kpi = "clicks", IncreasePct = 20 }, null));
        var figures = new CampaignReport { Totals = new TotalsReport { Clicks = 640, Impressions = 9_000 } };

        var early = GoalPace.Of(campaign, figures, EventBuilder.T0 + (47 * Hour), GoalBaselines.OfFirstDays(campaign.Goal!, Hours(), EventBuilder.T0 + (47 * Hour)))!;
        Assert.Equal(((double?)null, (double?)null, (string?)null, "first_days", EventBuilder.T0 + (48 * Hour)), (early.Target, early.Progress, early.Pace, early.BaselineSource, early.BaselineUntil));

        var later = GoalPace.Of(campaign, figures, EventBuilder.T0 + (50 * Hour), GoalBaselines.OfFirstDays(campaign.Goal!, Hours(), EventBuilder.T0 + (50 * Hour)))!;
        Assert.Equal(700.0, later.Baseline!.Value, 12);
        Assert.Equal(840.0, later.Target!.Value, 12);
        Assert.Equal(640 / 840.0, later.Progress!.Value, 12);
        Assert.NotNull(later.Pace);
    }

    [Fact]
    public void ReportBuilder_BaselineCampaign_IsWhatTheNamedCampaignReachedToDate()
    {
        var catalog = CampaignCatalog.Parse("""
            {"campaigns":[
              {"campaign_id":"winter","brand_id":"acme","name":"Winter","currency":"USD",
               "creators":[{"creator_id":"anna","name":"Anna","promo_codes":[],"links":[],"costs":{"flat_fee":100,"product":0,"production":0,"shipping":0,"agency_fee":0,"commission_rate":0}}]},
              {"campaign_id":"spring","brand_id":"acme","name":"Spring","currency":"USD",
               "goal":{"type":"sales","target":{"kpi":"revenue","increase_pct":30},"baseline_campaign":"winter"},
               "creators":[{"creator_id":"anna","name":"Anna","promo_codes":[],"links":[],"costs":{"flat_fee":100,"product":0,"production":0,"shipping":0,"agency_fee":0,"commission_rate":0}}]}]}
            """);
        var winter = State("winter", revenue: 1_000);
        var spring = State("spring", revenue: 650);

        var report = ReportBuilder.Build(catalog, [winter, spring], new StreamCounters(0, 0, new Dictionary<Core.Decoding.DeadLetterReason, long>()), new Dictionary<string, IReadOnlyList<Core.Alerts.Alert>>());

        var goal = report.Campaigns["spring"].Goal!;
        Assert.Equal(("campaign", "winter", 1_000.0, 1_300.0, 0.5), (goal.BaselineSource, goal.BaselineCampaign, goal.Baseline!.Value, goal.Target!.Value, goal.Progress!.Value));

        // Winter without figures: no baseline, so no target yet.
        var early = ReportBuilder.Build(catalog, [spring], new StreamCounters(0, 0, new Dictionary<Core.Decoding.DeadLetterReason, long>()), new Dictionary<string, IReadOnlyList<Core.Alerts.Alert>>()).Campaigns["spring"].Goal!;
        Assert.Equal(((double?)null, (double?)null), (early.Target, early.Progress));
    }

    private static CampaignGoal TrafficGoal(GoalTarget target, GoalTarget? secondary) => new()
    {
        Type = "website_traffic",
        Target = target,
        Secondary = secondary,
        BaselineDays = 2,
        Start = Start,
        End = Start.AddDays(10),
    };

    private static CampaignConfig Campaign(CampaignGoal goal) => TestCampaigns.Spring().Campaigns[0] with { Goal = goal };

    private static List<PeriodView> Hours() =>
    [
        new(EventBuilder.T0 + Hour, new Counters { Impressions = 1_000, Clicks = 50 }),
        new(EventBuilder.T0 + (30 * Hour), new Counters { Impressions = 3_000, Clicks = 90 }),
        new(EventBuilder.T0 + (50 * Hour), new Counters { Impressions = 5_000, Clicks = 500 }),
    ];

    private static CampaignState State(string campaignId, double revenue)
    {
        var credit = new Dictionary<(string, string), CreditSums>();
        foreach (var model in Core.Attribution.AttributionModels.All)
        {
            var sums = default(CreditSums);
            sums.Add(10, revenue);
            credit[("anna", model)] = sums;
        }

        var totals = new AggregateView(new Counters { Impressions = 100 }, 10, EventBuilder.T0, 0, null) { FirstEventTs = EventBuilder.T0 };
        return new CampaignState(campaignId, StateWindow.CampaignToDate, totals, new Dictionary<string, AggregateView>(), new Dictionary<ContentRef, AggregateView>(), EventBuilder.T0)
        {
            Attribution = CampaignAttribution.Empty with { Creators = credit },
        };
    }
}
