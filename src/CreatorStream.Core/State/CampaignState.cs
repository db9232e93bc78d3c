namespace CreatorStream.Core.State;

/// <summary>
/// One campaign's figures over one window, as a store returns them: totals, per creator and per post. Immutable.
/// </summary>
public sealed record CampaignState(
    string CampaignId,
    StateWindow Window,
    AggregateView Totals,
    IReadOnlyDictionary<string, AggregateView> Creators,
    IReadOnlyDictionary<ContentRef, AggregateView> Content,
    long Watermark);
