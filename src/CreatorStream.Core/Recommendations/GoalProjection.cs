namespace CreatorStream.Core.Recommendations;

/// <summary>Where a KPI that accumulates is heading by the goal's end at its pace so far, with a 95 % interval.</summary>
public sealed record GoalProjection
{
    public double Value { get; init; }
    public double Low { get; init; }
    public double High { get; init; }
}
