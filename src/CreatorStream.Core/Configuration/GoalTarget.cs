namespace CreatorStream.Core.Configuration;

/// <summary>A goal's target: which KPI (for example <c>revenue</c>, <c>reach</c>) and the value to reach.</summary>
public sealed record GoalTarget
{
    public string Kpi { get; set; } = "";
    public double Value { get; set; }
}
