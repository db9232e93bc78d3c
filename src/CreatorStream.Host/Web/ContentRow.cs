using CreatorStream.Core.Reporting;

namespace CreatorStream.Host.Web;

/// <summary>One post in the content table: its figures over a window and, to date, its attributed credit. Immutable.</summary>
public sealed record ContentRow
{
    public string ContentId { get; init; } = "";
    public string CreatorId { get; init; } = "";
    public string CreatorName { get; init; } = "";
    public string Platform { get; init; } = "";

    /// <summary>From the post's impressions; null until one carried a format.</summary>
    public string? ContentFormat { get; init; }
    public long Impressions { get; init; }
    public long Reach { get; init; }
    public EngagementCounts Engagements { get; init; } = new();
    public long AuthenticEngagements { get; init; }

    /// <summary>What the window's authentic comments said: by sentiment, net sentiment, quality, brand mentions (docs/design.md, "Content").</summary>
    public CommentsReport Comments { get; init; } = new();

    /// <summary>
    /// How fast the post is shared, to date whatever the window (docs/design.md, "Content", share velocity): from the
    /// content tracker's record of the post; null when it has none yet.
    /// </summary>
    public Core.Content.ShareVelocity? ShareVelocity { get; init; }

    /// <summary>
    /// What the post's platform reported of it (imported insights, to date whatever the window; docs/design.md,
    /// "Collector"), beside the event-level figures and never added to them; null when none were imported.
    /// </summary>
    public Core.Content.PlatformReported? PlatformReported { get; init; }

    /// <summary>Judged inauthentic (at risk); engagements neither this nor authentic are awaiting judgement.</summary>
    public long InauthenticEngagements { get; init; }

    /// <summary>Authentic engagements per reached user; null when nobody was reached.</summary>
    public double? EngagementRate { get; init; }
    public long Clicks { get; init; }

    /// <summary>Clicks per impression; null without impressions.</summary>
    public double? Ctr { get; init; }

    /// <summary>The same as <c>engagements.save</c> and <c>engagements.share</c>, at the top level for the table's columns.</summary>
    public long Saves { get; init; }
    public long Shares { get; init; }

    /// <summary>
    /// Credit to this post under the table's model, to date; null in rolling windows (credit is not kept per minute)
    /// and when the content id names more than one post (credit is stored per content id; see <see cref="ContentRows"/>).
    /// </summary>
    public double? Conversions { get; init; }
    public double? Revenue { get; init; }
    public double Emv { get; init; }

    /// <summary>The post's funnel of distinct users (docs/design.md, "Outcomes"), to date only: a distinct count does not add up over minutes.</summary>
    public Core.Reporting.FunnelReport? Funnel { get; init; }

    /// <summary>Wall-clock ms when the post's figures last changed; null when nothing has arrived in the window.</summary>
    public long? UpdatedAt { get; init; }
}
