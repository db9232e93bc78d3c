namespace CreatorStream.Core.Reporting;

/// <summary>One post's figures, to date.</summary>
public sealed record ContentReport
{
    public string CreatorId { get; init; } = "";
    public string Platform { get; init; } = "";
    public string? ContentFormat { get; init; }
    public long Impressions { get; init; }
    public long Reach { get; init; }
    public EngagementCounts Engagements { get; init; } = new();
    public long Clicks { get; init; }
    public double? Ctr { get; init; }
}
