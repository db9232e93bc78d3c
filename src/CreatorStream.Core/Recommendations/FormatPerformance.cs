namespace CreatorStream.Core.Recommendations;

/// <summary>How one content format performs on one platform: authentic engagements per reached user, over its posts.</summary>
public sealed record FormatPerformance
{
    public string Platform { get; init; } = "";
    public string ContentFormat { get; init; } = "";
    public double? EngagementRate { get; init; }
    public int Posts { get; init; }

    /// <summary>Whether this is the best format on its platform.</summary>
    public bool Best { get; init; }
}
