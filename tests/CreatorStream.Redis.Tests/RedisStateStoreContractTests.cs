using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Processing.State;
using CreatorStream.Simulation;
using CreatorStream.Testing;

namespace CreatorStream.Redis.Tests;

/// <summary>
/// The Redis store against the memory store as the oracle: the same generated traffic (fakes, duplicates, malformed and
/// late records, conversions and refunds) replayed in small batches into each must read back identically, through
/// every read the service makes: the report, each rolling window, the per-minute buckets, alerts, flagged accounts
/// and counters. The windows are also checked against counts made from the records themselves, since both stores share
/// the code that builds them.
/// </summary>
public sealed class RedisStateStoreContractTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static FixedClock NewClock() => new(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000), TimeSpan.FromSeconds(3));

    [Fact]
    public async Task Replay_GeneratedTraffic_RedisReadsBackAsTheMemoryStore()
    {
        var generator = new TrafficGenerator(new GeneratorOptions
        {
            Seed = 11,
            StartMs = EventBuilder.T0,
            MaxEvents = 12_000,
            EventsPerSecond = 20, // ten minutes of event time: the five-minute window leaves the first minutes out
            LateRate = 0.01,
            CreatorsPerCampaign = 4,
            UsersPerCampaign = 3_000,
        });
        var records = generator.Generate().ToList();
        var lines = records.Select(r => r.Value).ToList();
        var catalog = CampaignCatalog.From(generator.Campaigns);
        var memory = new InMemoryStateStore();
        var store = redis.NewStore(catalog);

        var expected = await ReplayAsync(catalog, lines, memory);
        var actual = await ReplayAsync(catalog, lines, store);

        Assert.Null(ReportComparison.Difference(ReportComparison.Json(actual), ReportComparison.Json(expected)));
        Assert.Equal(StateText.Of(await memory.ReadCountersAsync(default)), StateText.Of(await store.ReadCountersAsync(default)));
        Assert.True((await memory.ReadCountersAsync(default)).DeadLetters.ContainsKey(DeadLetterReason.InvalidJson), "the traffic has malformed records");
        foreach (var campaign in catalog.Campaigns)
        {
            foreach (var window in StateWindow.All)
            {
                var want = await memory.ReadCampaignAsync(campaign.CampaignId, window, default);
                Assert.Equal(StateText.Of(want), StateText.Of(await store.ReadCampaignAsync(campaign.CampaignId, window, default)));
                Assert.True(want.Totals.Reach > 1_024 || window.Span is not null, "campaign reach passes the exact limit, so registers are compared too");
            }

            var key = Core.Metrics.AggregateKey.Creator(campaign.CampaignId, campaign.Creators[0].CreatorId);
            Assert.Equal(
                StateText.Of(await memory.ReadBucketsAsync(key, 0, long.MaxValue, default)),
                StateText.Of(await store.ReadBucketsAsync(key, 0, long.MaxValue, default)));
            foreach (var seriesKey in new[] { Core.Metrics.AggregateKey.Campaign(campaign.CampaignId), key })
            {
                foreach (var granularity in (Core.State.SeriesGranularity[])[Core.State.SeriesGranularity.Hour, Core.State.SeriesGranularity.Day])
                {
                    var want = await memory.ReadSeriesAsync(seriesKey, granularity, EventBuilder.T0 - 86_400_000, EventBuilder.T0 + 86_400_000, default);
                    Assert.NotEmpty(want);
                    Assert.Equal(StateText.Of(want), StateText.Of(await store.ReadSeriesAsync(seriesKey, granularity, EventBuilder.T0 - 86_400_000, EventBuilder.T0 + 86_400_000, default)));
                }
            }

            Assert.Equal(StateText.Of(await memory.ReadAlertsAsync(campaign.CampaignId, default)), StateText.Of(await store.ReadAlertsAsync(campaign.CampaignId, default)));
            var scope = new FlagScope(campaign.CampaignId, null, null);
            Assert.Equal(
                (await memory.ReadFlaggedAccountsAsync(scope, default)).Select(a => a.ToString()),
                (await store.ReadFlaggedAccountsAsync(scope, default)).Select(a => a.ToString()));
        }

        var flagged = 0;
        foreach (var campaign in catalog.Campaigns)
        {
            flagged += (await store.ReadFlaggedAccountsAsync(new FlagScope(campaign.CampaignId, null, null), default)).Count;
        }

        Assert.True(flagged > 0, "fakes were flagged, so explanations are compared too");
        await AssertWindowsMatchTheRecordsAsync(catalog, records, store);
        Assert.Equal(memory.Offsets(), await store.ReadOffsetsAsync());
    }

    /// <summary>
    /// Both stores build what readers see with the same code (Processing's CampaignViews), so agreeing with each other
    /// cannot show that code wrong. Here the windows Redis serves are checked against counts made straight from the
    /// generated records instead: every event sent once and on time, counted in each window that ends with the
    /// campaign's newest minute; per campaign, per creator and per platform.
    /// </summary>
    private static async Task AssertWindowsMatchTheRecordsAsync(CampaignCatalog catalog, List<GeneratedRecord> records, IStateStore store)
    {
        var counted = records.Where(r => r.Kind == RecordKind.Genuine).Select(r => r.Event!).ToList();
        foreach (var campaign in catalog.Campaigns)
        {
            var events = counted.OfType<AudienceEvent>().Where(e => e.CampaignId == campaign.CampaignId).ToList();
            var newestMinute = events.Max(e => e.Ts) / 60_000 * 60_000;
            Assert.True(events.Min(e => e.Ts) < newestMinute - (5 * 60_000), "the traffic is longer than the shortest window, so windows cut");
            foreach (var window in StateWindow.All)
            {
                var from = window.Span is { } span ? newestMinute + 60_000 - (long)span.TotalMilliseconds : long.MinValue;
                var inWindow = events.Where(e => e.Ts >= from).ToList();
                var state = await store.ReadCampaignAsync(campaign.CampaignId, window, default);

                Assert.Equal(Count(inWindow), Count(state.Totals.Counters));
                foreach (var creator in campaign.Creators)
                {
                    var mine = inWindow.Where(e => e.CreatorId == creator.CreatorId).ToList();
                    Assert.Equal(Count(mine), state.Creators.TryGetValue(creator.CreatorId, out var view) ? Count(view.Counters) : default);
                }

                foreach (var platform in inWindow.Select(e => e.Platform).Distinct())
                {
                    Assert.Equal(Count(inWindow.Where(e => e.Platform == platform).ToList()), Count(state.Platforms[platform].Counters));
                }
            }
        }
    }

    private static (long Impressions, long Engagements, long Clicks) Count(List<AudienceEvent> events) =>
        (events.Count(e => e is Impression), events.Count(e => e is Engagement), events.Count(e => e is Click));

    private static (long Impressions, long Engagements, long Clicks) Count(Core.Metrics.Counters counters) =>
        (counters.Impressions, counters.Engagements, counters.Clicks);

    /// <summary>Leads' qualified and won credit (fields <c>qual</c> and <c>won</c>) reads back from Redis as from memory.</summary>
    [Fact]
    public async Task Replay_LeadUpdates_RedisReadsBackAsTheMemoryStore()
    {
        var catalog = TestCampaigns.Spring();
        var lines = LeadScenario.Events.Select(EventBuilder.Line).ToList();

        var expected = await ReplayAsync(catalog, lines, new InMemoryStateStore());
        var actual = await ReplayAsync(catalog, lines, redis.NewStore(catalog));

        Assert.Null(ReportComparison.Difference(ReportComparison.Json(actual), ReportComparison.Json(expected)));
        Assert.Equal((2.0, 2.0), (actual.Campaigns["spring"].Totals.QualifiedLeads, actual.Campaigns["spring"].Totals.WonLeads));
    }

    /// <summary>Site sessions' counters (<c>ses sms spg sbn sem fld</c>) and the unmatched count read back from Redis as from memory.</summary>
    [Fact]
    public async Task Replay_Sessions_RedisReadsBackAsTheMemoryStore()
    {
        var catalog = TestCampaigns.Spring();
        var lines = SessionScenario.Events.Select(EventBuilder.Line).ToList();

        var expected = await ReplayAsync(catalog, lines, new InMemoryStateStore());
        var actual = await ReplayAsync(catalog, lines, redis.NewStore(catalog));

        Assert.Null(ReportComparison.Difference(ReportComparison.Json(actual), ReportComparison.Json(expected)));
        Assert.Equal((5L, 2.5, (long?)3), (actual.Campaigns["spring"].Totals.Sessions, actual.Campaigns["spring"].Totals.QualityWeightedTraffic, actual.Campaigns["spring"].Totals.Funnel!.Landed));
        Assert.Equal(2, actual.UnmatchedSessions);
    }

    /// <summary>Customer value (fields <c>acq acqv ret rpv rc30 rc90 rc180 rv30 rv90 rv180</c>) reads back from Redis as from memory.</summary>
    [Fact]
    public async Task Replay_Customers_RedisReadsBackAsTheMemoryStore()
    {
        var catalog = TestCampaigns.Spring();
        var lines = CustomerScenario.Events().Select(EventBuilder.Line).ToList();

        var expected = await ReplayAsync(catalog, lines, new InMemoryStateStore());
        var actual = await ReplayAsync(catalog, lines, redis.NewStore(catalog));

        Assert.Null(ReportComparison.Difference(ReportComparison.Json(actual), ReportComparison.Json(expected)));
        var anna = actual.Campaigns["spring"].Creators["anna"].CustomerValue!;
        Assert.Equal((2.0, 130.0, 215.0, 85.0), (anna.Acquired, anna.AcquiredRevenue, anna.CohortRevenue, anna.Within180Days.Revenue)); // by hand: CustomerValueReplayTests
        Assert.Equal(2.0, actual.Campaigns["spring"].Creators["ben"].CustomerValue!.Returning);
    }

    private static async Task<Core.Reporting.ReplayReport> ReplayAsync(CampaignCatalog catalog, List<byte[]> lines, IStateStore store)
    {
        var file = new MemoryStream();
        foreach (var line in lines)
        {
            file.Write(line);
            file.WriteByte((byte)'\n');
        }

        file.Position = 0;
        var replayer = new Replayer(catalog, ProcessorOptions.Default, NewClock()) { BatchSize = 300 };
        return (await replayer.RunAsync(file, null, CancellationToken.None, store)).Report;
    }
}
