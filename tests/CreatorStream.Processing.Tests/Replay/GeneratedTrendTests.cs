using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Processing.State;
using CreatorStream.Simulation;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>
/// The long series and the rate drops over generated traffic (docs/design.md, "Trends"). The series are checked against
/// sums made from the records; the drops on seeds that played no part in setting the detector's thresholds (404, 505,
/// 606: the thresholds were argued from false-alarm rates, and checked on seeds 101 and 202), with drops planted by
/// this test into data the generator wrote: a creator's clicks and a brand's orders thinned to a tenth from hour 30.
/// </summary>
public sealed class GeneratedTrendTests
{
    private const long StartMs = 1_767_225_600_000;
    private const long Hour = SeriesPeriods.HourMs;

    [Fact]
    public async Task Replay_GeneratedTraffic_HourlyAndDailySeriesAreTheSumsOfTheRecords()
    {
        // Five hours of event time over a day boundary, so days split too.
        var generator = new TrafficGenerator(new GeneratorOptions { Seed = 31, StartMs = StartMs - (2 * Hour), EventsPerSecond = 4, MaxEvents = 72_000 });
        var records = generator.Generate().ToList();
        var catalog = CampaignCatalog.From(generator.Campaigns);
        var store = new InMemoryStateStore();
        await ReplayAsync(catalog, records, store);
        var counted = records.Where(r => r.Kind == RecordKind.Genuine && r.Event is not null).Select(r => r.Event!).ToList();
        var orders = GeneratedAttributionTests.RecomputeOutcomes(catalog, counted).CreditedOrders;

        foreach (var campaign in catalog.Campaigns)
        {
            foreach (var creator in campaign.Creators.Select(c => c.CreatorId).Prepend(null))
            {
                var key = creator is null ? AggregateKey.Campaign(campaign.CampaignId) : AggregateKey.Creator(campaign.CampaignId, creator);
                foreach (var granularity in (SeriesGranularity[])[SeriesGranularity.Hour, SeriesGranularity.Day])
                {
                    var length = SeriesPeriods.Length(granularity);
                    long PeriodOf(long ts) => ts - (((ts % length) + length) % length);
                    var touches = counted.OfType<AudienceEvent>().Where(e => e.CampaignId == campaign.CampaignId && (creator is null || e.CreatorId == creator)).ToList();
                    var expected = touches.Select(e => PeriodOf(e.Ts))
                        .Concat(orders.Where(o => o.Campaign == campaign.CampaignId && o.Creator == (creator ?? "")).Select(o => PeriodOf(o.Ts)))
                        .Distinct()
                        .Order()
                        .Select(start => $"{start}: imp {touches.Count(e => e is Impression && PeriodOf(e.Ts) == start)} "
                            + $"eng {touches.Count(e => e is Engagement && PeriodOf(e.Ts) == start)} "
                            + $"clk {touches.Count(e => e is Click && PeriodOf(e.Ts) == start)} "
                            + $"ord {orders.Count(o => o.Campaign == campaign.CampaignId && o.Creator == (creator ?? "") && PeriodOf(o.Ts) == start)}");

                    var actual = (await store.ReadSeriesAsync(key, granularity, StartMs - SeriesPeriods.DayMs, StartMs + SeriesPeriods.DayMs, default))
                        .Select(p => $"{p.Start}: imp {p.Counters.Impressions} eng {p.Counters.Engagements} clk {p.Counters.Clicks} ord {p.Counters.Conversions}");
                    Assert.Equal(expected, actual);
                }
            }
        }

        // Audience windows fold each creator's hours by hour of the week: with the gates opened (one week here), each
        // window's impressions are the creator's impressions in that hour of the week, counted from the records.
        foreach (var campaign in catalog.Campaigns)
        {
            var totals = (await store.ReadCampaignAsync(campaign.CampaignId, StateWindow.CampaignToDate, default)).Totals;
            var series = await CampaignSeriesReader.ReadHoursAsync(store, campaign, totals, default);
            var windows = Core.Recommendations.AudienceWindows.Of(series, minImpressions: 1, minWeeks: 1);
            Assert.NotEmpty(windows);
            foreach (var window in windows)
            {
                var impressions = counted.OfType<Impression>().Count(i => i.CampaignId == campaign.CampaignId && i.CreatorId == window.CreatorId && Core.Recommendations.RecommendationEngine.HourOfWeek(i.Ts) == window.HourOfWeek);
                Assert.Equal((window.CreatorId, window.HourOfWeek, (long)impressions), (window.CreatorId, window.HourOfWeek, window.Impressions));
            }
        }

        Assert.Contains(orders, o => o.Creator != "");
        Assert.True((await store.ReadSeriesAsync(AggregateKey.Campaign(catalog.Campaigns[0].CampaignId), SeriesGranularity.Day, StartMs - SeriesPeriods.DayMs, StartMs + SeriesPeriods.DayMs, default)).Count == 2, "the traffic spans a day boundary");
    }

    [Theory]
    [InlineData(404)]
    [InlineData(505)]
    public async Task Replay_HeldOutSeedsWithNoDropPlanted_RaisesNoRateDrop(int seed)
    {
        var (_, report) = await RunAsync(seed, plant: null);

        var drops = report.Campaigns.SelectMany(c => c.Value.Alerts.Where(IsDrop).Select(a => $"{c.Key} {a.Kind} {a.CreatorId} {a.WindowStart}")).ToList();
        Assert.Empty(drops);
    }

    [Fact]
    public async Task Replay_HeldOutSeedWithPlantedDrops_FindsEachWithinHoursAndNothingElse()
    {
        var plantAt = StartMs + (30 * Hour);
        var (catalog, report) = await RunAsync(606, plant: plantAt);
        var target = catalog.Campaigns[0];
        var creator = target.Creators[0].CreatorId;
        var brandCampaigns = catalog.Campaigns.Where(c => c.BrandId == catalog.Campaigns[1].BrandId).Select(c => c.CampaignId).ToHashSet();

        var ctr = Assert.Single(report.Campaigns[target.CampaignId].Alerts, a => a.Kind == "ctr_drop" && a.CreatorId == creator);
        Assert.InRange(ctr.WindowEnd, plantAt + Hour, plantAt + (6 * Hour)); // opened within six hours of the plant
        Assert.True(ctr.WindowStart < plantAt + Hour, "its first window holds the start of the fall");

        var conversion = report.Campaigns.Where(c => brandCampaigns.Contains(c.Key)).SelectMany(c => c.Value.Alerts).Where(a => a.Kind == "conversion_rate_drop" && a.CreatorId is null).ToList();
        Assert.NotEmpty(conversion);
        Assert.All(conversion, a => Assert.InRange(a.WindowEnd, plantAt + Hour, plantAt + (8 * Hour)));

        // Nothing else: no drop before the plant, no click-through drop of another creator, no drop of another brand.
        var others = report.Campaigns.SelectMany(c => c.Value.Alerts.Where(IsDrop).Select(a => (Campaign: c.Key, Alert: a)))
            .Where(x => x.Alert.WindowEnd <= plantAt
                || (x.Alert.Kind == "ctr_drop" && x.Alert.CreatorId is { } id && (x.Campaign, id) != (target.CampaignId, creator))
                || (x.Alert.Kind == "conversion_rate_drop" && !brandCampaigns.Contains(x.Campaign)))
            .Select(x => $"{x.Campaign} {x.Alert.Kind} {x.Alert.CreatorId} {(x.Alert.WindowStart - StartMs) / Hour}h").ToList();
        Assert.Empty(others);
    }

    private static bool IsDrop(AlertReport alert) => alert.Kind is "ctr_drop" or "conversion_rate_drop";

    /// <summary>
    /// 40 hours of generated traffic at 3 events a second. With <paramref name="plant"/>, from then on nine in ten of the
    /// first campaign's first creator's clicks and of the second campaign's brand's orders are left out (chosen by event
    /// id, refunds kept: a refund of a left-out order is a dead letter, as it would be).
    /// </summary>
    private static async Task<(CampaignCatalog Catalog, ReplayReport Report)> RunAsync(int seed, long? plant)
    {
        var generator = new TrafficGenerator(new GeneratorOptions { Seed = seed, StartMs = StartMs, EventsPerSecond = 3, MaxEvents = 435_000 });
        var records = generator.Generate().ToList();
        var catalog = CampaignCatalog.From(generator.Campaigns);
        if (plant is { } at)
        {
            var (campaign, creator, brand) = (catalog.Campaigns[0].CampaignId, catalog.Campaigns[0].Creators[0].CreatorId, catalog.Campaigns[1].BrandId);
            bool LeftOut(StreamEvent e) => e.Ts >= at && Fnv(e.EventId) % 10 != 0 && e switch
            {
                Click c => c.CampaignId == campaign && c.CreatorId == creator,
                Conversion o => o.BrandId == brand && !o.IsRefund,
                _ => false,
            };
            records = [.. records.Where(r => r.Event is null || !LeftOut(r.Event))];
        }

        var report = await ReplayAsync(catalog, records, new InMemoryStateStore());
        return (catalog, report);
    }

    /// <summary>FNV-1a of the id: a choice that is the same in every process (string hash codes are not).</summary>
    private static uint Fnv(string id)
    {
        var hash = 2_166_136_261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16_777_619u;
        }

        return hash;
    }

    /// <summary>The records replayed, as the file they would make, into <paramref name="store"/>.</summary>
    internal static async Task<ReplayReport> ReplayAsync(CampaignCatalog catalog, List<GeneratedRecord> records, IStateStore store)
    {
        var file = new MemoryStream();
        foreach (var record in records)
        {
            file.Write(record.Value);
            file.WriteByte((byte)'\n');
        }

        file.Position = 0;
        return (await new Replayer(catalog, ProcessorOptions.Default, TimeProvider.System).RunAsync(file, null, CancellationToken.None, store)).Report;
    }
}
