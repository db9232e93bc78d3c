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
    /// <summary>What the authentic comments say (docs/design.md, "Content").</summary>
    public CommentsReport Comments { get; init; } = new();

    public long Clicks { get; init; }
    public double? Ctr { get; init; }

    // Referral quality of the post (docs/design.md, "Outcomes", referral quality), as a creator's.

    /// <summary><c>sessions</c>, <c>clicks</c> or null: what the figures below come from.</summary>
    public string? ReferralSource { get; init; }
    public long Sessions { get; init; }
    public double? BounceRate { get; init; }
    public double? AvgTimeOnSiteMs { get; init; }
    public double? PagesPerSession { get; init; }
    public double? QualityWeightedTraffic { get; init; }

    /// <summary>The post's funnel: distinct users reached by it, then engaged with it, clicked it, landed from it and converted with it in their journey.</summary>
    public FunnelReport? Funnel { get; init; }
}
