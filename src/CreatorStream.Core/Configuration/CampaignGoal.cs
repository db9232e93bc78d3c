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

    /// <summary>When the goal's period starts and ends (UTC): pace and projection need both.</summary>
    public DateTimeOffset? Start { get; set; }

    public DateTimeOffset? End { get; set; }

    /// <summary>The campaign's budget in its currency: the report sets its cost against it.</summary>
    public double? Budget { get; set; }
}
