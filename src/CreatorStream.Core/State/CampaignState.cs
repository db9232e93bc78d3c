using CreatorStream.Core.Events;

namespace CreatorStream.Core.State;

/// <summary>
/// One campaign's figures over one window, as a store returns them: totals, per creator, per post, per platform and
/// per creator on each platform (reach deduplicated within each). Immutable.
/// </summary>
public sealed record CampaignState(
    string CampaignId,
    StateWindow Window,
    AggregateView Totals,
    IReadOnlyDictionary<string, AggregateView> Creators,
    IReadOnlyDictionary<ContentRef, AggregateView> Content,
    long Watermark)
{
    public IReadOnlyDictionary<Platform, AggregateView> Platforms { get; init; } = new Dictionary<Platform, AggregateView>();

    public IReadOnlyDictionary<(string CreatorId, Platform Platform), AggregateView> CreatorPlatforms { get; init; } =
        new Dictionary<(string, Platform), AggregateView>();

    /// <summary>Attribution to date (the same for every window: credit is not bucketed by minute).</summary>
    public CampaignAttribution Attribution { get; init; } = CampaignAttribution.Empty;
}
