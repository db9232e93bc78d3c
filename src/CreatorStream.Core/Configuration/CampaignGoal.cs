using System.Text.Json.Serialization;

namespace CreatorStream.Core.Configuration;

/// <summary>
/// What the campaign is for (one of <see cref="GoalKpis.Types"/>), its target KPI and an optional secondary one, a
/// baseline, the dates it runs between and its budget (docs/design.md, "Goals"). Checked by <see cref="CampaignValidator"/>.
/// </summary>
public sealed record CampaignGoal
{
    public string Type { get; set; } = "";
    public GoalTarget? Target { get; set; }

    /// <summary>A second KPI to watch (of the same goal type), with its own target.</summary>
    public GoalTarget? Secondary { get; set; }

    /// <summary>The KPI's value before the campaign: what a target of <see cref="GoalTarget.IncreasePct"/> is over.</summary>
    public double? Baseline { get; set; }

    /// <summary>
    /// The baseline as what a named earlier campaign of this file reached on the same KPI, to date (docs/design.md,
    /// "Goals"). At most one of <see cref="Baseline"/>, this and <see cref="BaselineDays"/>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BaselineCampaign { get; set; }

    /// <summary>
    /// The baseline as what the goal's first this many days reached (a benchmarking period), from the hourly series:
    /// for impressions, engagements and clicks at that pace over the whole period, for ctr the rate itself.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? BaselineDays { get; set; }

    /// <summary>Whether the baseline comes from somewhere else than the goal's own number (so it is resolved when judged).</summary>
    [JsonIgnore]
    public bool ResolvesBaseline => BaselineCampaign is not null || BaselineDays is not null;

    /// <summary>When the goal's period starts and ends (UTC): pace and projection need both.</summary>
    public DateTimeOffset? Start { get; set; }

    public DateTimeOffset? End { get; set; }

    /// <summary>The campaign's budget in its currency: the report sets its cost against it.</summary>
    public double? Budget { get; set; }
}
