using CreatorStream.Core.State;

namespace CreatorStream.Core.Trends;

/// <summary>
/// A campaign's hourly series and its creators' (docs/design.md, "Trends"), as read from a store, with the event time
/// they are judged at (the campaign's newest event). Immutable.
/// </summary>
public sealed record CampaignSeries(long AsOf, IReadOnlyList<PeriodView> Campaign, IReadOnlyDictionary<string, IReadOnlyList<PeriodView>> Creators)
{
    /// <summary>The drops of the campaign and of each creator, each by its window start (campaign first, creators by id).</summary>
    public IEnumerable<RateDrop> Drops(RateDropOptions options) =>
        RateDrops.Find(null, Campaign, AsOf, options)
            .Concat(Creators.OrderBy(c => c.Key, StringComparer.Ordinal).SelectMany(c => RateDrops.Find(c.Key, c.Value, AsOf, options)))
            .OrderBy(d => d.CreatorId is not null)
            .ThenBy(d => d.CreatorId, StringComparer.Ordinal)
            .ThenBy(d => d.WindowStart)
            .ThenBy(d => d.Rate);
}
