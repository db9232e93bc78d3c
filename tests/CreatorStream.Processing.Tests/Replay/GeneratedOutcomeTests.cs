using CreatorStream.Core.Attribution;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>
/// A generated campaign replayed through the pipeline; every outcome figure of docs/design.md, "Outcomes" for every
/// campaign and creator must equal a brute-force recomputation from the generated records: credit by kind under every
/// model (with new customers) and orders by kind from <see cref="GeneratedAttributionTests.RecomputeOutcomes"/>, the
/// rates and referral quality from the click events themselves.
/// </summary>
public sealed class GeneratedOutcomeTests
{
    [Fact]
    public async Task Replay_GeneratedCampaign_OutcomesEqualABruteForceRecomputation()
    {
        var replay = await GeneratedReplay.RunAsync(seed: 7, maxEvents: 250_000);
        var (catalog, report, counted) = (replay.Catalog, replay.Report, replay.Counted);
        var oracle = GeneratedAttributionTests.RecomputeOutcomes(catalog, counted);
        var clicks = counted.OfType<Click>().ToList();
        Assert.True(oracle.Orders.Where(o => o.Key.Creator == "" && o.Key.Kind == ConversionKind.Lead).Sum(o => o.Value.Count) > 5, "too few leads to say much");
        Assert.True(oracle.Leads.Where(l => l.Key.Model == AttributionModels.LastTouch).Sum(l => l.Value.Won) >= 2, "too few won leads to say much");
        Assert.True(oracle.Leads.Where(l => l.Key.Model == AttributionModels.LastTouch).Sum(l => l.Value.Qualified - l.Value.Won) >= 2, "too few leads qualified and not won to say much");
        Assert.True(oracle.ByKind.Where(o => o.Key.Model == AttributionModels.LastTouch).Sum(o => o.Value.NewCustomers) > 20, "too few new customers to say much");
        Assert.True(clicks.Count(c => c.Pages <= 1) > 20, "too few bounces to say much");

        foreach (var campaign in catalog.Campaigns)
        {
            var section = report.Campaigns[campaign.CampaignId];
            AssertBreakdowns(oracle, campaign, counted.OfType<AudienceEvent>().Where(e => e.CampaignId == campaign.CampaignId).ToList(), section);
            AssertFormatOutcomes(oracle, campaign, counted.OfType<AudienceEvent>().Where(e => e.CampaignId == campaign.CampaignId).ToList(), section);
            var creatorIds = campaign.Creators.Select(c => c.CreatorId).ToList();
            AssertOutcomes(oracle, campaign, "", creatorIds, clicks.Where(c => c.CampaignId == campaign.CampaignId).ToList(), section.Totals, section.Totals.Cost!.Value, section.Totals.Reach);
            foreach (var creator in creatorIds)
            {
                var figures = section.Creators[creator];
                AssertOutcomes(oracle, campaign, creator, [creator], clicks.Where(c => c.CampaignId == campaign.CampaignId && c.CreatorId == creator).ToList(), figures, figures.Cost!.Value, figures.Reach);
            }
        }
    }

    /// <summary>
    /// The funnel against sets of users built from the generated events: with nothing judged inauthentic (the flag
    /// threshold above any suspicion), engaged and clicked are every engagement and click; converted is every user with
    /// an order any model credits to the creator (the oracle's shares). A stage counts users in it and in every earlier
    /// one; the campaign's stages are the union over its creators.
    /// </summary>
    [Fact]
    public async Task Replay_GeneratedCampaign_FunnelEqualsSetsOfUsers()
    {
        // Nothing judged inauthentic: the flag threshold is above any suspicion.
        var options = ProcessorOptions.Default with { Authenticity = ProcessorOptions.Default.Authenticity with { FlagThreshold = 2 } };
        var replay = await GeneratedReplay.RunAsync(seed: 9, maxEvents: 150_000, options);
        var (catalog, report, counted) = (replay.Catalog, replay.Report, replay.Counted);
        var oracle = GeneratedAttributionTests.RecomputeOutcomes(catalog, counted);
        var converted = oracle.Converted;
        var stages = new Dictionary<(string Campaign, string Creator, string User), int>();
        var postStages = new Dictionary<(string Campaign, string Creator, string Content, string User), int>();
        void Pass(string campaign, string creator, string user, int stage) =>
            stages[(campaign, creator, user)] = stages.GetValueOrDefault((campaign, creator, user)) | (1 << stage);
        foreach (var e in counted.OfType<AudienceEvent>())
        {
            var stage = e switch { Impression => 0, Engagement => 1, _ => 2 };
            Pass(e.CampaignId, e.CreatorId, e.UserId, stage);
            postStages[(e.CampaignId, e.CreatorId, e.ContentId, e.UserId)] = postStages.GetValueOrDefault((e.CampaignId, e.CreatorId, e.ContentId, e.UserId)) | (1 << stage);
        }

        foreach (var (campaign, creator, user) in converted)
        {
            Pass(campaign, creator, user, 3);
        }

        foreach (var key in oracle.ConvertedPosts)
        {
            postStages[key] = postStages.GetValueOrDefault(key) | 8;
        }

        static long[] Funnel(IEnumerable<int> masks)
        {
            var counts = new long[4];
            foreach (var mask in masks)
            {
                for (var stage = 0; stage < 4 && (mask & ((2 << stage) - 1)) == (2 << stage) - 1; stage++)
                {
                    counts[stage]++;
                }
            }

            return counts;
        }

        Assert.True(converted.Count > 20, "too few converting users to say much");
        foreach (var campaign in catalog.Campaigns)
        {
            var section = report.Campaigns[campaign.CampaignId];
            var ofCampaign = stages.Where(s => s.Key.Campaign == campaign.CampaignId).GroupBy(s => s.Key.User).Select(g => g.Aggregate(0, (m, s) => m | s.Value));
            AssertFunnel(Funnel(ofCampaign), section.Totals.Funnel!, $"{campaign.CampaignId}/totals");
            foreach (var creator in campaign.Creators)
            {
                var ofCreator = stages.Where(s => s.Key.Campaign == campaign.CampaignId && s.Key.Creator == creator.CreatorId).Select(s => s.Value);
                AssertFunnel(Funnel(ofCreator), section.Creators[creator.CreatorId].Funnel!, $"{campaign.CampaignId}/{creator.CreatorId}");
            }

            // Per post: the post's own stages (a user converted with it when their order's journey holds it).
            foreach (var (contentId, post) in section.Content)
            {
                var ofPost = postStages.Where(s => s.Key.Campaign == campaign.CampaignId && s.Key.Content == contentId).Select(s => s.Value);
                AssertFunnel(Funnel(ofPost), post.Funnel!, $"{campaign.CampaignId}/{contentId}");
            }
        }
    }

    private static void AssertFunnel(long[] expected, FunnelReport actual, string where)
    {
        Assert.Equal((where, expected[0], expected[1], expected[2], expected[3]), (where, actual.Reached, actual.Engaged, actual.Clicked, actual.Converted));
        AssertClose(expected[0] == 0 ? null : 1 - (expected[1] / (double)expected[0]), actual.DropOff.Engaged, $"{where} drop_off.engaged");
        AssertClose(expected[2] == 0 ? null : 1 - (expected[3] / (double)expected[2]), actual.DropOff.Converted, $"{where} drop_off.converted");
    }

    /// <summary>
    /// Per platform: posts, impressions and clicks counted from the events, credit under the reporting model from the
    /// oracle's journeys, and every cost accounted for (the rows' costs and the unallocated rest make the campaign's).
    /// </summary>
    private static void AssertBreakdowns(OutcomeOracle oracle, CampaignConfig campaign, List<AudienceEvent> events, CampaignReport section)
    {
        var model = campaign.Attribution.ReportingModel;
        var rows = section.Breakdowns!.Platforms;
        Assert.Equal(events.Select(e => WireNames.Of(e.Platform)).Distinct().Order(StringComparer.Ordinal), rows.Keys);
        foreach (var (name, row) in rows)
        {
            var on = events.Where(e => WireNames.Of(e.Platform) == name).ToList();
            WireNames.TryParsePlatform(name, out var platform);
            var (conversions, revenue) = oracle.ByPlatform.GetValueOrDefault((campaign.CampaignId, platform, model));
            var where = $"{campaign.CampaignId}/{name}";
            Assert.Equal((where, (long)on.Select(e => (e.CreatorId, e.ContentId)).Distinct().Count(), (long)on.OfType<Impression>().Count(), (long)on.OfType<Click>().Count()), (where, row.Posts, row.Impressions, row.Clicks));
            AssertClose(conversions, row.Conversions, $"{where} conversions");
            AssertClose(revenue, row.Revenue, $"{where} revenue");
            AssertClose(row.Cost == 0 ? null : revenue / row.Cost, row.Roas, $"{where} roas");
        }

        AssertClose(section.Totals.Cost, rows.Values.Sum(r => r.Cost) + section.Breakdowns.UnallocatedCost, $"{campaign.CampaignId} cost");
    }

    /// <summary>
    /// Each format's figures per creator and per platform against the events and the oracle's credit per post (content
    /// ids are the generator's own, one platform each, so no credit is shared between platforms). The generator plants no
    /// difference between formats in what sells (a post's format is drawn apart from its quality), so every suggestion
    /// would be a false alarm: there must be none.
    /// </summary>
    private static void AssertFormatOutcomes(OutcomeOracle oracle, CampaignConfig campaign, List<AudienceEvent> events, CampaignReport section)
    {
        var model = campaign.Attribution.ReportingModel;
        var formats = events.OfType<Impression>()
            .GroupBy(i => (i.CreatorId, i.ContentId))
            .ToDictionary(g => g.Key, g => WireNames.Of(Assert.Single(g.Select(i => i.ContentFormat).Distinct())));
        Assert.All(events.GroupBy(e => e.ContentId), g => Assert.Single(g.Select(e => e.Platform).Distinct()));
        var posts = events.Where(e => formats.ContainsKey((e.CreatorId, e.ContentId))).GroupBy(e => (e.CreatorId, e.ContentId, Platform: WireNames.Of(e.Platform))).Select(g =>
        {
            var credit = oracle.ByPost.GetValueOrDefault((campaign.CampaignId, g.Key.ContentId, model));
            return (g.Key.CreatorId, g.Key.Platform, Format: formats[(g.Key.CreatorId, g.Key.ContentId)], Impressions: g.OfType<Impression>().LongCount(), Clicks: g.OfType<Click>().LongCount(), credit.Conversions, credit.Revenue);
        }).ToList();

        // A post's figures from each country's audience: its impressions and clicks from there, and the credit of the
        // touches that came from there.
        var countryPosts = events.Where(e => e.Country is not null && e is Impression or Click && formats.ContainsKey((e.CreatorId, e.ContentId)))
            .GroupBy(e => (Country: e.Country!, e.CreatorId, e.ContentId, Platform: WireNames.Of(e.Platform)))
            .Select(g =>
            {
                var credit = oracle.ByPostCountry.GetValueOrDefault((campaign.CampaignId, g.Key.ContentId, g.Key.Country, model));
                return (g.Key.Country, Post: (g.Key.CreatorId, g.Key.Platform, Format: formats[(g.Key.CreatorId, g.Key.ContentId)], Impressions: g.OfType<Impression>().LongCount(), Clicks: g.OfType<Click>().LongCount(), credit.Conversions, credit.Revenue));
            }).ToList();
        Assert.True(countryPosts.Select(p => p.Country).Distinct().Count() >= 3, "too few countries to say much");
        Assert.True(countryPosts.Sum(p => p.Post.Conversions) > 10, "too little credit by country to say much");

        var outcomes = section.Recommendations!.FormatOutcomes;
        var segments = new (string Segment, List<(string Id, (string CreatorId, string Platform, string Format, long Impressions, long Clicks, double Conversions, double Revenue) Post)> Posts)[]
        {
            ("creator", posts.Select(p => (p.CreatorId, p)).ToList()),
            ("platform", posts.Select(p => (p.Platform, p)).ToList()),
            ("country", countryPosts),
        };
        foreach (var (segment, segmentPosts) in segments)
        {
            var expected = segmentPosts.GroupBy(p => (p.Id, p.Post.Format)).ToDictionary(g => g.Key, g => g.Select(p => p.Post).ToList());
            var actual = outcomes.Where(o => o.Segment == segment).ToList();
            Assert.Equal(expected.Count, actual.Count);
            foreach (var row in actual)
            {
                var mine = expected[(row.SegmentId, row.ContentFormat)];
                var where = $"{campaign.CampaignId}/{segment}/{row.SegmentId}/{row.ContentFormat}";
                Assert.Equal((where, mine.Count, mine.Sum(p => p.Impressions), mine.Sum(p => p.Clicks)), (where, row.Posts, row.Impressions, row.Clicks));
                AssertClose(mine.Sum(p => p.Conversions), row.Conversions, $"{where} conversions");
                AssertClose(mine.Sum(p => p.Revenue), row.Revenue, $"{where} revenue");
            }

            // The best of each segment: the highest conversions per impression among formats with enough impressions.
            foreach (var group in actual.GroupBy(o => o.SegmentId))
            {
                var best = group.Where(o => o.Impressions >= Core.Recommendations.FormatAdvice.MinImpressions).MaxBy(o => o.Conversions / o.Impressions);
                Assert.Equal(best?.ContentFormat, group.SingleOrDefault(o => o.Best)?.ContentFormat);
            }
        }

        Assert.Empty(section.Recommendations.Suggestions);
    }

    private static void AssertOutcomes(
        OutcomeOracle oracle, CampaignConfig campaign, string scope, List<string> creators, List<Click> clicks, OutcomeReport actual, double cost, long reach)
    {
        var where = $"{campaign.CampaignId}/{(scope.Length == 0 ? "totals" : scope)}";
        var model = campaign.Attribution.ReportingModel;
        double credited = 0, newCustomers = 0;
        foreach (var kind in Enum.GetValues<ConversionKind>())
        {
            var figures = actual.ConversionsByKind![WireNames.Of(kind)];
            var (count, value) = oracle.Orders.GetValueOrDefault((campaign.CampaignId, scope, kind));
            Assert.True(count == figures.Count && Math.Abs(value - figures.Value) < 1e-4, $"{where}/{kind}: orders ({count}, {value}), got ({figures.Count}, {figures.Value})");
            foreach (var m in AttributionModels.All)
            {
                var sum = creators.Select(c => oracle.ByKind.GetValueOrDefault((campaign.CampaignId, c, kind, m)))
                    .Aggregate((C: 0.0, R: 0.0, N: 0.0), (a, b) => (a.C + b.Conversions, a.R + b.Revenue, a.N + b.NewCustomers));
                var got = figures.Credited[m];
                Assert.True(
                    Math.Abs(sum.C - got.Conversions) < 1e-6 && Math.Abs(sum.R - got.Revenue) < 1e-4 && Math.Abs(sum.N - got.NewCustomers) < 1e-6,
                    $"{where}/{kind}/{m}: expected {sum}, got ({got.Conversions}, {got.Revenue}, {got.NewCustomers})");
                if (m == model)
                {
                    credited += sum.C;
                    newCustomers += sum.N;
                }
            }
        }

        var purchases = creators.Select(c => oracle.ByKind.GetValueOrDefault((campaign.CampaignId, c, ConversionKind.Purchase, model)))
            .Aggregate((C: 0.0, R: 0.0), (a, b) => (a.C + b.Conversions, a.R + b.Revenue));
        var leads = creators.Sum(c => oracle.ByKind.GetValueOrDefault((campaign.CampaignId, c, ConversionKind.Lead, model)).Conversions);
        AssertClose(clicks.Count == 0 ? null : credited / clicks.Count, actual.ConversionRate, $"{where} conversion_rate");
        AssertClose(reach == 0 ? null : credited / reach, actual.ConversionRateReach, $"{where} conversion_rate_reach");
        AssertClose(purchases.C < 1e-9 ? null : purchases.R / purchases.C, actual.Aov, $"{where} aov");
        AssertClose(newCustomers, actual.NewCustomers, $"{where} new_customers");
        AssertClose(leads, actual.Leads, $"{where} leads");
        AssertClose(leads < 1e-9 ? null : cost / leads, actual.CostPerLead, $"{where} cost_per_lead");
        foreach (var m in AttributionModels.All)
        {
            var (qualified, won) = creators.Select(c => oracle.Leads.GetValueOrDefault((campaign.CampaignId, c, m))).Aggregate((Q: 0.0, W: 0.0), (a, b) => (a.Q + b.Qualified, a.W + b.Won));
            var got = actual.ConversionsByKind![WireNames.Of(ConversionKind.Lead)].Credited[m];
            AssertClose(qualified, got.Qualified, $"{where}/lead/{m} qualified");
            AssertClose(won, got.Won, $"{where}/lead/{m} won");
            if (m == model)
            {
                AssertClose(qualified, actual.QualifiedLeads, $"{where} qualified_leads");
                AssertClose(won, actual.WonLeads, $"{where} won_leads");
                AssertClose(qualified < 1e-9 ? null : cost / qualified, actual.CostPerQualifiedLead, $"{where} cost_per_qualified_lead");
                AssertClose(leads < 1e-9 ? null : won / leads, actual.LeadToWonRate, $"{where} lead_to_won_rate");
            }
        }

        // Referral quality, straight from the clicks: a visit is a click with dwell_ms or pages; one page at most bounced.
        var paged = clicks.Where(c => c.Pages is not null).ToList();
        var dwelt = clicks.Where(c => c.DwellMs is not null).ToList();
        Assert.Equal(clicks.Count(c => c.DwellMs is not null || c.Pages is not null), actual.Sessions);
        AssertClose(paged.Count == 0 ? null : paged.Count(c => c.Pages <= 1) / (double)paged.Count, actual.BounceRate, $"{where} bounce_rate");
        AssertClose(dwelt.Count == 0 ? null : dwelt.Average(c => (double)c.DwellMs!.Value), actual.AvgTimeOnSiteMs, $"{where} avg_time_on_site_ms");
        AssertClose(paged.Count == 0 ? null : paged.Average(c => (double)c.Pages!.Value), actual.PagesPerSession, $"{where} pages_per_session");
        AssertClose(
            dwelt.Count == 0 ? null : dwelt.Where(c => c.Pages is not <= 1).Sum(c => Math.Min(1.0, c.DwellMs!.Value / 60_000.0)),
            actual.QualityWeightedTraffic,
            $"{where} quality_weighted_traffic");
        Assert.Equal(clicks.Any(c => c.DwellMs is not null || c.Pages is not null) ? "clicks" : null, actual.ReferralSource);
    }

    private static void AssertClose(double? expected, double? actual, string what) =>
        Assert.True(
            expected is null ? actual is null : actual is not null && Math.Abs(expected.Value - actual.Value) <= 1e-6 * Math.Max(1, Math.Abs(expected.Value)),
            $"{what}: expected {expected}, got {actual}");
}
