using System.Text.Json.Serialization;

namespace CreatorStream.Core.Recommendations;

/// <summary>
/// Where the campaign stands against its goal (docs/design.md, "Goals"): the target KPI's value and the share of the
/// target reached; with the goal's dates, how much of its period has gone, its pace and where it is heading; the
/// type's primary KPIs, the secondary goal and the budget spent.
/// </summary>
public sealed record GoalProgress
{
    public string Type { get; init; } = "";
    public string Kpi { get; init; } = "";

    /// <summary>
    /// The value to reach: the configured one, or the baseline raised by the configured percentage; null while that
    /// baseline is not known (a benchmarking period not over, a named campaign with no figures).
    /// </summary>
    public double? Target { get; init; }
    public double? Current { get; init; }

    /// <summary>Share of the target reached; for a KPI better when lower, target / current (1 or more: met).</summary>
    public double? Progress { get; init; }

    /// <summary>The target KPI's baseline, as given or as resolved; null without one or while not known.</summary>
    public double? Baseline { get; init; }

    /// <summary>Where the baseline comes from: <c>value</c>, <c>campaign</c> (a named earlier campaign) or <c>first_days</c> (a benchmarking period); null without one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BaselineSource { get; init; }

    /// <summary>The named campaign, with <c>campaign</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BaselineCampaign { get; init; }

    /// <summary>When the benchmarking period ends (Unix ms), with <c>first_days</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? BaselineUntil { get; init; }

    /// <summary>The goal type's primary KPIs and their values.</summary>
    public SortedDictionary<string, double?> Primary { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The goal's period (Unix ms, UTC); null without dates.</summary>
    public long? Start { get; init; }
    public long? End { get; init; }

    /// <summary>The campaign's newest event time the goal was judged at (Unix ms); null before any event.</summary>
    public long? AsOf { get; init; }

    /// <summary>Share of the period gone by the campaign's newest event time, 0 to 1; null without dates or events.</summary>
    public double? Elapsed { get; init; }

    /// <summary><c>ahead</c>, <c>on_pace</c> or <c>behind</c>; null when it cannot be judged (no dates, not started, reach).</summary>
    public string? Pace { get; init; }

    /// <summary>Where an accumulating KPI is heading by the end, with its interval; null for ratios and reach.</summary>
    public GoalProjection? Projection { get; init; }

    public SecondaryGoal? Secondary { get; init; }

    /// <summary>The configured budget, the campaign's cost so far, and the share of the budget spent.</summary>
    public double? Budget { get; init; }
    public double? Spent { get; init; }
    public double? BudgetUsed { get; init; }
}
