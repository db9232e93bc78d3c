namespace CreatorStream.Core.Recommendations;

/// <summary>A goal's secondary KPI as it stands: its target, its value and whether the target is met.</summary>
public sealed record SecondaryGoal
{
    public string Kpi { get; init; } = "";
    /// <summary>Null while its baseline is not known.</summary>
    public double? Target { get; init; }
    public double? Current { get; init; }
    public bool? Met { get; init; }
}
