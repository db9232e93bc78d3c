using CreatorStream.Core.Configuration;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Reporting;

namespace CreatorStream.Core.Recommendations;

/// <summary>
/// Judges a campaign's goal from its figures (docs/design.md, "Goals"): the KPI against its target, the share of the
/// goal's period gone by the campaign's newest event time, and for a KPI that accumulates, a projection to the end at
/// the pace so far with a 95 % interval. Pure: the same figures and time give the same judgement.
/// </summary>
public static class GoalPace
{
    public const string Ahead = "ahead";
    public const string OnPace = "on_pace";
    public const string Behind = "behind";

    /// <summary>The normal quantile of a two-sided 95 % interval.</summary>
    private const double Z95 = 1.96;

    /// <param name="campaign">The campaign and its goal.</param>
    /// <param name="figures">Its figures to date.</param>
    /// <param name="now">Its newest event time (Unix ms), or null before any event.</param>
    /// <param name="baselines">The goal's baseline per KPI when it comes from a named campaign or a benchmarking period (<see cref="GoalBaselines"/>); none: not resolved, so such a target is unknown.</param>
    public static GoalProgress? Of(CampaignConfig campaign, CampaignReport figures, long? now, GoalBaselineValues? baselines = null)
    {
        if (campaign.Goal is not { Target: { } target } goal)
        {
            return null;
        }

        var totals = figures.Totals;
        var model = campaign.Attribution.ReportingModel;
        double? BaselineOf(string kpi) => goal.Baseline ?? baselines?.ByKpi.GetValueOrDefault(kpi);
        var targetValue = target.Resolve(BaselineOf(target.Kpi));
        var current = Kpi(totals, target.Kpi, model);
        long? start = goal.Start?.ToUnixTimeMilliseconds(), end = goal.End?.ToUnixTimeMilliseconds();
        double? elapsed = start is { } s && end is { } e && now is { } t ? Math.Clamp((double)(t - s) / (e - s), 0, 1) : null;
        var (pace, projection) = targetValue is { } reach ? Judge(target.Kpi, current, reach, elapsed, Events(totals, target.Kpi, model)) : (null, null);
        var primary = new SortedDictionary<string, double?>(StringComparer.Ordinal);
        foreach (var kpi in GoalKpis.ByType[goal.Type].Take(GoalKpis.PrimaryCount))
        {
            primary[kpi] = Kpi(totals, kpi, model);
        }

        return new GoalProgress
        {
            Type = goal.Type,
            Kpi = target.Kpi,
            Target = targetValue,
            Current = current,
            Progress = current is { } value && targetValue is { } goalValue ? Share(target.Kpi, value, goalValue) : null,
            Baseline = BaselineOf(target.Kpi),
            BaselineSource = goal.Baseline is not null ? GoalBaselines.FromValue : goal.BaselineCampaign is not null ? GoalBaselines.FromNamedCampaign : goal.BaselineDays is not null ? GoalBaselines.FromFirstDays : null,
            BaselineCampaign = goal.BaselineCampaign,
            BaselineUntil = GoalBaselines.FirstDaysEnd(goal),
            Primary = primary,
            Start = start,
            End = end,
            AsOf = now,
            Elapsed = elapsed,
            Pace = pace,
            Projection = projection,
            Secondary = goal.Secondary is { } secondary ? Secondary(secondary, BaselineOf(secondary.Kpi), totals, model) : null,
            Budget = goal.Budget,
            Spent = goal.Budget is null ? null : totals.Cost,
            BudgetUsed = goal.Budget is { } budget && totals.Cost is { } cost ? Ratio.Of(cost, budget) : null,
        };
    }

    /// <summary>
    /// Pace and projection. An accumulating KPI is projected to current / elapsed. Its events are taken as arriving at a
    /// steady unknown rate: with n so far in a share e of the period, the total's relative standard deviation is
    /// sqrt((1 − e) / n) (the rate's estimate and the rest of the period's own noise together), so the interval narrows
    /// as events come and the period runs out. Ahead: the whole interval reaches the target; behind: none of it does;
    /// on pace: the target is within it. Reach is not projected (it grows ever slower); a ratio is judged as it
    /// stands: on pace while it meets its target, behind when not.
    /// </summary>
    internal static (string? Pace, GoalProjection? Projection) Judge(string kpi, double? current, double target, double? elapsed, double events)
    {
        if (elapsed is not { } e || e <= 0 || current is not { } value)
        {
            return (null, null);
        }

        if (!GoalKpis.Accumulates(kpi))
        {
            return kpi == "reach" ? (null, null) : (Meets(kpi, value, target) ? OnPace : Behind, null);
        }

        if (events < 1)
        {
            // Nothing yet to measure a pace by: behind only once the period is over.
            return (e >= 1 ? Behind : null, null);
        }

        var projected = value / e;
        var spread = Z95 * Math.Sqrt((1 - e) / events) * projected;
        var projection = new GoalProjection { Value = projected, Low = Math.Max(value, projected - spread), High = projected + spread };
        var pace = projection.Low >= target ? Ahead : projection.High < target ? Behind : OnPace;
        return (pace, projection);
    }

    /// <summary>A KPI's value in the campaign's totals (credited figures under <paramref name="model"/>); null when it has none.</summary>
    public static double? Kpi(TotalsReport totals, string kpi, string model) => kpi switch
    {
        "revenue" => totals.Revenue?.GetValueOrDefault(model),
        "conversions" => totals.Conversions?.GetValueOrDefault(model),
        "reach" => totals.Reach,
        "impressions" => totals.Impressions,
        "engagements" => totals.AuthenticEngagements,
        "clicks" => totals.Clicks,
        "emv" => totals.Emv,
        "roas" => totals.Roas,
        "roi" => totals.Roi,
        "cpa" => totals.Cpa,
        "cpm" => totals.Cpm,
        "cpe" => totals.Cpe,
        "ctr" => totals.Ctr,
        "engagement_rate" => totals.EngagementRate,
        "sessions" => totals.Sessions,
        "bounce_rate" => totals.BounceRate,
        "avg_time_on_site_ms" => totals.AvgTimeOnSiteMs,
        "pages_per_session" => totals.PagesPerSession,
        "leads" => totals.Leads,
        "cost_per_lead" => totals.CostPerLead,
        "qualified_leads" => totals.QualifiedLeads,
        "cost_per_qualified_lead" => totals.CostPerQualifiedLead,
        "lead_to_won_rate" => totals.LeadToWonRate,
        "conversion_rate" => totals.ConversionRate,
        "aov" => totals.Aov,
        "new_customers" => totals.NewCustomers,
        _ => null,
    };

    /// <summary>How many events an accumulating KPI's value is made of: what its projection's uncertainty follows.</summary>
    private static double Events(TotalsReport totals, string kpi, string model) => kpi switch
    {
        "revenue" or "conversions" => totals.Conversions?.GetValueOrDefault(model) ?? 0,
        "leads" => totals.Leads,
        "qualified_leads" => totals.QualifiedLeads,
        "new_customers" => totals.NewCustomers,
        "impressions" => totals.Impressions,
        "engagements" => totals.AuthenticEngagements,
        "clicks" => totals.Clicks,
        "sessions" => totals.Sessions,
        "emv" => totals.Impressions + totals.Engagements.Total,
        _ => 0,
    };

    private static bool Meets(string kpi, double value, double target) => GoalKpis.LowerIsBetter(kpi) ? value <= target : value >= target;

    private static double? Share(string kpi, double value, double target) =>
        GoalKpis.LowerIsBetter(kpi) ? Ratio.Of(target, value) : Ratio.Of(value, target);

    private static SecondaryGoal Secondary(GoalTarget secondary, double? baseline, TotalsReport totals, string model)
    {
        var target = secondary.Resolve(baseline);
        var current = Kpi(totals, secondary.Kpi, model);
        return new SecondaryGoal { Kpi = secondary.Kpi, Target = target, Current = current, Met = current is { } value && target is { } reach ? Meets(secondary.Kpi, value, reach) : null };
    }
}
