using CreatorStream.Core.Configuration;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Recommendations;

/// <summary>
/// A goal's baseline when it is not a number of the goal's own (docs/design.md, "Goals"): what a named earlier campaign
/// reached on each KPI, or what the goal's first days (a benchmarking period) reached. Pure.
/// </summary>
public static class GoalBaselines
{
    /// <summary>Where the baseline came from (<see cref="GoalProgress.BaselineSource"/>).</summary>
    public const string FromValue = "value";
    public const string FromNamedCampaign = "campaign";
    public const string FromFirstDays = "first_days";

    /// <summary>The KPIs a benchmarking period can give: the hourly series carries their counts (not credit, reach or cost).</summary>
    public static readonly IReadOnlyList<string> FirstDaysKpis = ["impressions", "engagements", "clicks", "ctr"];

    /// <summary>The KPIs the goal sets a target on (its target's and its secondary's).</summary>
    public static IEnumerable<string> Kpis(CampaignGoal goal) =>
        new[] { goal.Target?.Kpi, goal.Secondary?.Kpi }.OfType<string>().Distinct(StringComparer.Ordinal);

    /// <summary>When the goal's benchmarking period ends (Unix ms): its start plus <see cref="CampaignGoal.BaselineDays"/>; null without one.</summary>
    public static long? FirstDaysEnd(CampaignGoal goal) =>
        goal is { BaselineDays: { } days, Start: { } start } ? start.ToUnixTimeMilliseconds() + (days * SeriesPeriods.DayMs) : null;

    /// <summary>What the named campaign reached on each of the goal's KPIs, to date, under its own reporting model.</summary>
    /// <param name="goal">The goal whose baseline it is.</param>
    /// <param name="named">The named campaign.</param>
    /// <param name="namedTotals">Its totals to date; null when it has no figures (nothing was read of it).</param>
    public static GoalBaselineValues OfCampaign(CampaignGoal goal, CampaignConfig named, TotalsReport? namedTotals) => new(
        FromNamedCampaign,
        Kpis(goal).ToDictionary(k => k, k => namedTotals is null ? null : GoalPace.Kpi(namedTotals, k, named.Attribution.ReportingModel), StringComparer.Ordinal),
        Until: null);

    /// <summary>
    /// What the goal's first <see cref="CampaignGoal.BaselineDays"/> days reached, from the campaign's hours that start in
    /// them: a count (impressions, authentic engagements, clicks) at that pace over the whole period, the click-through rate
    /// as it was. Unknown (null) until event time has passed the benchmarking period's end.
    /// </summary>
    /// <param name="goal">A dated goal with <see cref="CampaignGoal.BaselineDays"/>.</param>
    /// <param name="hours">The campaign's hourly series.</param>
    /// <param name="asOf">The campaign's newest event time; null before any event.</param>
    public static GoalBaselineValues OfFirstDays(CampaignGoal goal, IReadOnlyList<PeriodView> hours, long? asOf)
    {
        long start = goal.Start!.Value.ToUnixTimeMilliseconds(), end = goal.End!.Value.ToUnixTimeMilliseconds();
        var until = FirstDaysEnd(goal)!.Value;
        var known = asOf >= until;
        Metrics.Counters sums = default;
        foreach (var hour in hours)
        {
            if (hour.Start >= start && hour.Start < until)
            {
                sums.Add(hour.Counters);
            }
        }

        var scale = (double)(end - start) / (until - start);
        return new GoalBaselineValues(
            FromFirstDays,
            Kpis(goal).ToDictionary(k => k, k => known ? Value(k, sums, scale) : null, StringComparer.Ordinal),
            until);
    }

    private static double? Value(string kpi, Metrics.Counters sums, double scale) => kpi switch
    {
        "impressions" => sums.Impressions * scale,
        "engagements" => sums.AuthenticEngagements * scale,
        "clicks" => sums.Clicks * scale,
        "ctr" => Metrics.Ratio.Of(sums.Clicks, sums.Impressions),
        _ => null,
    };
}

/// <summary>A goal's baseline per KPI as resolved (null: not known yet), where it came from, and for a benchmarking period when it ends (Unix ms).</summary>
public sealed record GoalBaselineValues(string Source, IReadOnlyDictionary<string, double?> ByKpi, long? Until);
