namespace CreatorStream.Core.Recommendations;

/// <summary>Something wrong with one creator (for example <c>cpa_above_benchmark</c>), the measured value and the threshold.</summary>
public sealed record RecommendationFlag
{
    public string CreatorId { get; init; } = "";
    public string Kind { get; init; } = "";
    public double Value { get; init; }
    public double Threshold { get; init; }
    public string Message { get; init; } = "";
}
