namespace CreatorStream.Core.Recommendations;

/// <summary>The hour of the week (UTC; 0 = Monday 00:00) whose posts drew a creator's highest authentic engagement rate.</summary>
public sealed record PostingWindow
{
    public string CreatorId { get; init; } = "";
    public int HourOfWeek { get; init; }
    public string Label { get; init; } = "";
    public double EngagementRate { get; init; }
    public int Posts { get; init; }
}
