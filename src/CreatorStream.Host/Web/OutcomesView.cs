using CreatorStream.Core.Configuration;
using CreatorStream.Core.Reporting;

namespace CreatorStream.Host.Web;

/// <summary>
/// GET <c>/api/campaigns/{id}/outcomes</c> (docs/design.md, "Outcomes"): the campaign's and each creator's outcomes to
/// date under one model (funnel, conversions by kind, conversion rate, AOV, leads, referral quality, customer value) and its figures per
/// platform and content format. Every figure is the replay report's, built by the report's own code for the same state.
/// </summary>
public sealed record OutcomesView(
    string CampaignId,
    string Model,
    string Currency,
    OutcomeRowView Campaign,
    IReadOnlyList<OutcomeRowView> Creators,
    IReadOnlyList<BreakdownView> Platforms,
    IReadOnlyList<BreakdownView> Formats,
    double? UnallocatedCost)
{
    /// <summary>The view of <paramref name="report"/>, built for <paramref name="campaign"/> under <paramref name="model"/> as its reporting model.</summary>
    public static OutcomesView Of(CampaignConfig campaign, string model, CampaignReport report)
    {
        var names = CreatorRows.Names(campaign);
        return new OutcomesView(
            campaign.CampaignId,
            model,
            campaign.Currency,
            OutcomeRowView.Of(null, null, report.Totals, model),
            [.. campaign.Creators.Select(c => OutcomeRowView.Of(c.CreatorId, names[c.CreatorId], report.Creators[c.CreatorId], model))],
            [.. (report.Breakdowns?.Platforms ?? []).Select(p => BreakdownView.Of(p.Key, p.Value))],
            [.. (report.Breakdowns?.Formats ?? []).Select(f => BreakdownView.Of(f.Key, f.Value))],
            report.Breakdowns?.UnallocatedCost);
    }
}

/// <summary>The campaign's (no creator) or one creator's outcomes in <see cref="OutcomesView"/>.</summary>
public sealed record OutcomeRowView(
    string? CreatorId,
    string? Name,
    FunnelReport? Funnel,
    IReadOnlyList<KindOutcomeView> ConversionsByKind,
    double? ConversionRate,
    double? ConversionRateReach,
    double? Aov,
    double NewCustomers,
    double Leads,
    double? CostPerLead,
    double QualifiedLeads,
    double? CostPerQualifiedLead,
    double WonLeads,
    double? LeadToWonRate,
    string? ReferralSource,
    long Sessions,
    double? BounceRate,
    double? AvgTimeOnSiteMs,
    double? PagesPerSession,
    double? QualityWeightedTraffic,
    CustomerValueReport? CustomerValue)
{
    public static OutcomeRowView Of(string? creatorId, string? name, OutcomeReport outcomes, string model) => new(
        creatorId,
        name,
        outcomes.Funnel,
        [.. (outcomes.ConversionsByKind ?? []).Select(k => KindOutcomeView.Of(k.Key, k.Value, model))],
        outcomes.ConversionRate,
        outcomes.ConversionRateReach,
        outcomes.Aov,
        outcomes.NewCustomers,
        outcomes.Leads,
        outcomes.CostPerLead,
        outcomes.QualifiedLeads,
        outcomes.CostPerQualifiedLead,
        outcomes.WonLeads,
        outcomes.LeadToWonRate,
        outcomes.ReferralSource,
        outcomes.Sessions,
        outcomes.BounceRate,
        outcomes.AvgTimeOnSiteMs,
        outcomes.PagesPerSession,
        outcomes.QualityWeightedTraffic,
        outcomes.CustomerValue);
}

/// <summary>One conversion kind: orders credited to the scope under any model and their value, and the credit under the chosen model.</summary>
public sealed record KindOutcomeView(string Kind, long Orders, double Value, double Conversions, double Revenue, double NewCustomers)
{
    public static KindOutcomeView Of(string kind, KindReport report, string model)
    {
        var credited = report.Credited.GetValueOrDefault(model);
        return new(kind, report.Count, report.Value, credited?.Conversions ?? 0, credited?.Revenue ?? 0, credited?.NewCustomers ?? 0);
    }
}

/// <summary>A platform's or a content format's row of the breakdowns (<see cref="BreakdownRow"/>), named.</summary>
public sealed record BreakdownView(
    string Name,
    long Posts,
    long Impressions,
    long? Reach,
    long Engagements,
    long AuthenticEngagements,
    long Clicks,
    double? Ctr,
    double Conversions,
    double Revenue,
    double Cost,
    double? Roi,
    double? Roas)
{
    public static BreakdownView Of(string name, BreakdownRow row) =>
        new(name, row.Posts, row.Impressions, row.Reach, row.Engagements, row.AuthenticEngagements, row.Clicks, row.Ctr, row.Conversions, row.Revenue, row.Cost, row.Roi, row.Roas);
}
