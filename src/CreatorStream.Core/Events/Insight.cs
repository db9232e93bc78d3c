namespace CreatorStream.Core.Events;

/// <summary>
/// A post's figures for one day as its platform reported them (an insights export: docs/design.md, "Collector"),
/// published by <c>import-insights</c> with where they came from (<see cref="Source"/>). Aggregate facts, never turned
/// into per-user events: they stand beside the event-level figures, and a later report of the same post and day
/// replaces the earlier one. <see cref="StreamEvent.Ts"/> is when it was imported; <see cref="Day"/> the day it covers.
/// </summary>
public sealed record Insight : StreamEvent
{
    public required string CampaignId { get; init; }
    public required string CreatorId { get; init; }
    public required Platform Platform { get; init; }
    public required string ContentId { get; init; }
    public required DateOnly Day { get; init; }

    /// <summary>Where the figures come from, e.g. <c>instagram_insights_export</c>: shown with them.</summary>
    public required string Source { get; init; }

    public long? Impressions { get; init; }
    public long? Reach { get; init; }
    public long? Likes { get; init; }
    public long? Comments { get; init; }
    public long? Shares { get; init; }
    public long? Saves { get; init; }

    public override EventType Type => EventType.Insight;
}
