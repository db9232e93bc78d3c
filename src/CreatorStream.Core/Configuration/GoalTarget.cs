namespace CreatorStream.Core.Configuration;

/// <summary>
/// A goal's target: which KPI, and either the value to reach or a percentage over the goal's baseline (exactly one of
/// the two, <see cref="CampaignValidator"/>).
/// </summary>
public sealed record GoalTarget
{
    public string Kpi { get; set; } = "";

    /// <summary>The value to reach (for a KPI better when lower, the value to stay at or below).</summary>
    public double? Value { get; set; }

    /// <summary>A target of the baseline raised by this many percent (negative: lowered, for a cost per result).</summary>
    public double? IncreasePct { get; set; }

    /// <summary>The value to reach: <see cref="Value"/>, or <paramref name="baseline"/> raised by <see cref="IncreasePct"/>; null while that baseline is not known.</summary>
    public double? Resolve(double? baseline) => Value ?? (baseline is { } b ? b * (1 + (IncreasePct!.Value / 100)) : null);
}
