using CreatorStream.Core.Configuration;
using CreatorStream.Core.Estimates;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Roster;
using CreatorStream.Core.Sketches;
using CreatorStream.Core.State;

namespace CreatorStream.Processing.Roster;

/// <summary>A brand's roster over the campaigns read (docs/design.md, "Roster"): a suggestion per creator, by creator id.</summary>
public sealed record BrandRoster(string BrandId, long? AsOf, IReadOnlyList<string> Campaigns, IReadOnlyList<RosterSuggestion> Creators);

/// <summary>One creator across the campaigns read: the suggestion with its history, authenticity by week and audience overlap.</summary>
public sealed record CreatorHistory(string BrandId, long? AsOf, IReadOnlyList<string> Campaigns, RosterSuggestion Suggestion, IReadOnlyList<AuthenticityWeek> Weeks, IReadOnlyList<AudienceOverlap> Overlap);

/// <summary>A week (Monday 00:00 UTC on) of a creator's engagements over their campaigns: authentic, inauthentic, and the share with its 90 % interval.</summary>
public sealed record AuthenticityWeek(long Start, long End, long Engagements, long Authentic, long Inauthentic, Interval? AuthenticShare);

/// <summary>
/// Reads the roster of a brand's campaigns from a store (docs/design.md, "Roster"). A creator is the same creator in two
/// campaigns of one brand when the creator id is the same. Everything comes from figures both a live worker's store
/// and a replay's hold alike (credit to date, creators' aggregates and days), so both give the same roster. Reads each
/// campaign's credit and creators' aggregates once. Thread-safe.
/// </summary>
public static class RosterReader
{
    /// <summary>Weeks of authenticity history read back from each campaign's newest event: the days a Redis store keeps.</summary>
    public const int MaxWeeks = 13;

    /// <summary>Every creator of <paramref name="campaigns"/> (one brand's), with a suggestion each, by creator id.</summary>
    public static async Task<BrandRoster> ReadAsync(string brandId, IReadOnlyList<CampaignConfig> campaigns, IStateStore store, CancellationToken cancellationToken)
    {
        var read = await ReadCampaignsAsync(campaigns, store, cancellationToken);
        var creators = campaigns.SelectMany(c => c.Creators).Select(c => c.CreatorId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return new BrandRoster(brandId, AsOf(read), [.. campaigns.Select(c => c.CampaignId)], [.. creators.Select(id => Judge(id, read))]);
    }

    /// <summary>One creator across <paramref name="campaigns"/>; null when none of them has the creator.</summary>
    public static async Task<CreatorHistory?> ReadCreatorAsync(string brandId, IReadOnlyList<CampaignConfig> campaigns, string creatorId, IStateStore store, CancellationToken cancellationToken)
    {
        if (!campaigns.Any(c => c.Creators.Any(k => k.CreatorId == creatorId)))
        {
            return null;
        }

        var read = await ReadCampaignsAsync(campaigns, store, cancellationToken);
        var suggestion = Judge(creatorId, read);
        var weeks = await WeeksAsync(store, suggestion.History, creatorId, cancellationToken);
        return new CreatorHistory(brandId, AsOf(read), [.. campaigns.Select(c => c.CampaignId)], suggestion, weeks, Overlap(creatorId, read));
    }

    private sealed record CampaignRead(CampaignConfig Campaign, IReadOnlyDictionary<string, (CreatorCampaign Row, HyperLogLog Audience)> Rows);

    private static async Task<List<CampaignRead>> ReadCampaignsAsync(IReadOnlyList<CampaignConfig> campaigns, IStateStore store, CancellationToken cancellationToken)
    {
        List<CampaignRead> read = [];
        foreach (var campaign in campaigns)
        {
            var attribution = await store.ReadAttributionAsync(campaign.CampaignId, cancellationToken);
            var keys = campaign.Creators.Select(c => AggregateKey.Creator(campaign.CampaignId, c.CreatorId)).ToList();
            var aggregates = await store.ReadAggregatesAsync(campaign.CampaignId, keys, cancellationToken);
            var model = campaign.Attribution.ReportingModel;
            Dictionary<string, (CreatorCampaign, HyperLogLog)> rows = new(StringComparer.Ordinal);
            foreach (var creator in campaign.Creators)
            {
                var aggregate = aggregates.GetValueOrDefault(AggregateKey.Creator(campaign.CampaignId, creator.CreatorId));
                var credit = attribution.For(creator.CreatorId, model);
                if (aggregate is null && credit.Conversions == 0 && credit.Revenue == 0)
                {
                    continue; // no figures in the store (not started, or dropped after the store's keeping): its fee would count against nothing
                }

                var row = new CreatorCampaign
                {
                    CampaignId = campaign.CampaignId,
                    CampaignName = campaign.Name,
                    Currency = campaign.Currency,
                    Model = model,
                    FirstEventTs = aggregate?.FirstEventTs,
                    LastEventTs = aggregate?.LastEventTs,
                    FixedCost = creator.Costs.Fixed,
                    CommissionRate = creator.Costs.CommissionRate,
                    Conversions = credit.Conversions,
                    Revenue = credit.Revenue,
                    Reach = aggregate?.Reach.Count() ?? 0,
                    AuthenticEngagements = aggregate?.Counters.AuthenticEngagements ?? 0,
                    InauthenticEngagements = aggregate?.Counters.InauthenticEngagements ?? 0,
                };
                rows[creator.CreatorId] = (row, aggregate?.Reach ?? new HyperLogLog());
            }

            read.Add(new CampaignRead(campaign, rows));
        }

        return read;
    }

    private static RosterSuggestion Judge(string creatorId, List<CampaignRead> read)
    {
        var rows = read.Where(r => r.Rows.ContainsKey(creatorId)).Select(r => r.Rows[creatorId].Row).ToList();
        if (rows.Count == 0)
        {
            return RosterRules.Judge(creatorId, read.SelectMany(r => r.Campaign.Creators).First(c => c.CreatorId == creatorId).Name, rows, null);
        }

        var newest = rows.OrderBy(r => r.When).ThenBy(r => r.CampaignId, StringComparer.Ordinal).Last();
        var all = read.Where(r => r.Campaign.Currency == newest.Currency).SelectMany(r => r.Rows.Values).ToList();
        var conversions = all.Sum(r => r.Row.Conversions);
        double? orderValue = conversions > 0 ? all.Sum(r => r.Row.Revenue) / conversions : null;
        var name = read.First(r => r.Campaign.CampaignId == newest.CampaignId).Campaign.Creators.First(c => c.CreatorId == creatorId).Name;
        return RosterRules.Judge(creatorId, name, rows, orderValue);
    }

    private static List<AudienceOverlap> Overlap(string creatorId, List<CampaignRead> read)
    {
        var audiences = new SortedDictionary<string, HyperLogLog>(StringComparer.Ordinal);
        foreach (var (id, (_, audience)) in read.SelectMany(r => r.Rows))
        {
            if (!audiences.TryGetValue(id, out var merged))
            {
                audiences[id] = merged = new HyperLogLog();
            }

            merged.Merge(audience);
        }

        var mine = audiences.GetValueOrDefault(creatorId) ?? new HyperLogLog();
        var names = read.SelectMany(r => r.Campaign.Creators).GroupBy(c => c.CreatorId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Name, StringComparer.Ordinal);
        return [.. audiences.Where(a => a.Key != creatorId)
            .Select(a => AudienceOverlap.Of(a.Key, names[a.Key], mine, a.Value))
            .OrderByDescending(o => o.Users.Estimate).ThenBy(o => o.CreatorId, StringComparer.Ordinal)];
    }

    private static async Task<List<AuthenticityWeek>> WeeksAsync(IStateStore store, IReadOnlyList<CreatorCampaign> history, string creatorId, CancellationToken cancellationToken)
    {
        var weeks = new SortedDictionary<long, (long Engagements, long Authentic, long Inauthentic)>();
        foreach (var campaign in history)
        {
            if (campaign.FirstEventTs is not { } first || campaign.LastEventTs is not { } last)
            {
                continue;
            }

            var end = SeriesPeriods.Start(SeriesGranularity.Day, last) + SeriesPeriods.DayMs;
            var from = WeekStart(Math.Max(SeriesPeriods.Start(SeriesGranularity.Day, first), end - (MaxWeeks * WeekMs))); // whole weeks
            var days = await store.ReadSeriesAsync(AggregateKey.Creator(campaign.CampaignId, creatorId), SeriesGranularity.Day, from, end, cancellationToken);
            foreach (var day in days)
            {
                var week = WeekStart(day.Start);
                var (engagements, authentic, inauthentic) = weeks.GetValueOrDefault(week);
                var c = day.Counters;
                weeks[week] = (engagements + c.Likes + c.Comments + c.Shares + c.Saves, authentic + c.AuthenticEngagements, inauthentic + c.InauthenticEngagements);
            }
        }

        return [.. weeks.Where(w => w.Value.Engagements > 0).Select(w => new AuthenticityWeek(
            w.Key,
            w.Key + WeekMs,
            w.Value.Engagements,
            w.Value.Authentic,
            w.Value.Inauthentic,
            w.Value.Authentic + w.Value.Inauthentic is var judged and > 0 ? Interval.Wilson(w.Value.Authentic, judged, Interval.Z90) : null))];
    }

    private const long WeekMs = 7 * SeriesPeriods.DayMs;

    /// <summary>The Monday 00:00 UTC that starts the week of a day (1 January 1970 was a Thursday).</summary>
    public static long WeekStart(long dayStart) => dayStart - ((((dayStart / SeriesPeriods.DayMs) + 3) % 7) * SeriesPeriods.DayMs);

    private static long? AsOf(List<CampaignRead> read) => read.SelectMany(r => r.Rows.Values).Max(r => r.Row.LastEventTs);
}
