using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.Streaming;
using CreatorStream.Simulation;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>
/// A generated campaign with its sites' sessions, replayed through the pipeline; the referral quality of every campaign,
/// creator and post, the unmatched sessions and the funnel's landed stage must equal a brute-force join of the generated
/// sessions to the generated clicks (docs/design.md, "Outcomes", referral quality), and each creator's measured bounce
/// rate must find the generator's planted one.
/// </summary>
public sealed class GeneratedSessionTests
{
    private const long LinkWindowMs = 30 * 60_000;

    [Fact]
    public async Task Replay_GeneratedSessions_ReferralQualityAndLandedEqualABruteForceJoin()
    {
        // Nothing judged inauthentic (the flag threshold above any suspicion), so the funnel's stages are the events'.
        var options = ProcessorOptions.Default with { Authenticity = ProcessorOptions.Default.Authenticity with { FlagThreshold = 2 } };
        var replay = await GeneratedReplay.RunAsync(seed: 11, maxEvents: 150_000, options, sessions: true);
        var (catalog, report, counted) = (replay.Catalog, replay.Report, replay.Counted);
        var sessions = counted.OfType<SiteSession>().ToList();
        var joined = Join(catalog, counted, out var unmatched, out var unknown);
        Assert.True(joined.Count > 1_000, $"too few joined sessions to say much: {joined.Count}");
        Assert.True(joined.Count(j => j.Session.ClickEventId is null) > 100, "too few sessions joined by link to say much");
        Assert.True(sessions.Count(s => s.Bounced) > 100, "too few bounces to say much");

        Assert.Equal(unmatched, report.UnmatchedSessions);
        Assert.Equal(unknown, report.DeadLettersByReason.GetValueOrDefault("UNKNOWN_CLICK"));
        foreach (var campaign in catalog.Campaigns)
        {
            var section = report.Campaigns[campaign.CampaignId];
            var ofCampaign = joined.Where(j => j.Click.CampaignId == campaign.CampaignId).ToList();
            AssertQuality(ofCampaign, section.Totals.ReferralSource, section.Totals.Sessions, section.Totals.BounceRate, section.Totals.AvgTimeOnSiteMs, section.Totals.PagesPerSession, section.Totals.QualityWeightedTraffic, $"{campaign.CampaignId}/totals");
            foreach (var creator in campaign.Creators)
            {
                var figures = section.Creators[creator.CreatorId];
                var ofCreator = ofCampaign.Where(j => j.Click.CreatorId == creator.CreatorId).ToList();
                AssertQuality(ofCreator, figures.ReferralSource, figures.Sessions, figures.BounceRate, figures.AvgTimeOnSiteMs, figures.PagesPerSession, figures.QualityWeightedTraffic, $"{campaign.CampaignId}/{creator.CreatorId}");
            }

            foreach (var (contentId, post) in section.Content)
            {
                var ofPost = ofCampaign.Where(j => j.Click.ContentId == contentId).ToList();
                if (ofPost.Count > 0)
                {
                    AssertQuality(ofPost, post.ReferralSource, post.Sessions, post.BounceRate, post.AvgTimeOnSiteMs, post.PagesPerSession, post.QualityWeightedTraffic, $"{campaign.CampaignId}/{contentId}");
                }
            }

            AssertLanded(counted, joined, campaign, section);
        }
    }

    [Fact]
    public async Task Replay_GeneratedSessions_EachCreatorsBounceRateFindsThePlantedOne()
    {
        var replay = await GeneratedReplay.RunAsync(seed: 12, maxEvents: 150_000, sessions: true);
        var planted = new List<double>();
        foreach (var campaign in replay.Catalog.Campaigns)
        {
            foreach (var creator in campaign.Creators)
            {
                var figures = replay.Report.Campaigns[campaign.CampaignId].Creators[creator.CreatorId];
                if (figures.Sessions < 100)
                {
                    continue;
                }

                // Every generated session comes from a genuine click, so a creator's bounce rate is a binomial share of
                // the planted one: within four standard errors (and a point for the per-creator rounding).
                var p = SiteVisits.BounceShare(creator.CreatorId);
                var bound = (4 * Math.Sqrt(p * (1 - p) / figures.Sessions)) + 0.01;
                Assert.True(Math.Abs(figures.BounceRate!.Value - p) <= bound, $"{creator.CreatorId}: bounce rate {figures.BounceRate} against planted {p} (±{bound}) over {figures.Sessions} sessions");
                planted.Add(p);
            }
        }

        Assert.True(planted.Count >= 4 && planted.Max() - planted.Min() > 0.2, "too few creators, or too alike, to tell a difference");
    }

    /// <summary>
    /// Each counted session joined as the design says, independently of the pipeline: by click id to the user's counted
    /// click of that id at or before the session; else by link to the user's latest click (by ts, then id) of the link's
    /// creator within the half hour before the session began.
    /// </summary>
    private static List<(SiteSession Session, Click Click)> Join(CampaignCatalog catalog, List<StreamEvent> counted, out long unmatched, out long unknown)
    {
        var links = new Dictionary<(string Brand, string Link), (string Campaign, string Creator)>();
        foreach (var campaign in catalog.Campaigns)
        {
            foreach (var creator in campaign.Creators)
            {
                foreach (var link in creator.Links)
                {
                    links.TryAdd((campaign.BrandId, link), (campaign.CampaignId, creator.CreatorId));
                }
            }
        }

        var clicksOf = counted.OfType<Click>().GroupBy(c => c.UserId).ToDictionary(g => g.Key, g => g.ToList());
        var joined = new List<(SiteSession, Click)>();
        (unmatched, unknown) = (0, 0);
        foreach (var session in counted.OfType<SiteSession>())
        {
            var clicks = clicksOf.GetValueOrDefault(session.UserId) ?? [];
            if (session.ClickEventId is { } id)
            {
                if (clicks.FirstOrDefault(c => c.EventId == id && c.Ts <= session.Ts) is { } click)
                {
                    joined.Add((session, click));
                }
                else
                {
                    unknown++;
                }

                continue;
            }

            var latest = session.LinkId is { } link && links.TryGetValue((session.BrandId, link), out var owner)
                ? clicks.Where(c => c.CampaignId == owner.Campaign && c.CreatorId == owner.Creator && c.Ts <= session.StartedAt && c.Ts >= session.StartedAt - LinkWindowMs)
                    .OrderByDescending(c => c.Ts).ThenByDescending(c => c.EventId, StringComparer.Ordinal).FirstOrDefault()
                : null;
            if (latest is null)
            {
                unmatched++;
            }
            else
            {
                joined.Add((session, latest));
            }
        }

        return joined;
    }

    private static void AssertQuality(
        List<(SiteSession Session, Click Click)> joined, string? source, long sessions, double? bounce, double? time, double? pages, double? weighted, string where)
    {
        if (joined.Count == 0)
        {
            Assert.NotEqual("sessions", source);
            return;
        }

        var s = joined.Select(j => j.Session).ToList();
        Assert.Equal((where, "sessions", (long)s.Count), (where, source, sessions));
        AssertClose(s.Count(x => x.Bounced) / (double)s.Count, bounce, $"{where} bounce_rate");
        AssertClose(s.Average(x => (double)x.DurationMs), time, $"{where} avg_time_on_site_ms");
        AssertClose(s.Average(x => (double)x.Pageviews), pages, $"{where} pages_per_session");
        AssertClose(s.Where(x => !x.Bounced).Sum(x => Math.Min(1.0, x.DurationMs / (double)Counters.EngagedVisitMs)), weighted, $"{where} quality_weighted_traffic");
    }

    /// <summary>Landed: users who were shown, engaged with and clicked a creator, and whose session joined a click of theirs; for the campaign, any of its creators.</summary>
    private static void AssertLanded(List<StreamEvent> counted, List<(SiteSession Session, Click Click)> joined, CampaignConfig campaign, CampaignReport section)
    {
        var stages = new Dictionary<(string Creator, string User), int>();
        void Pass(string creator, string user, int bit) => stages[(creator, user)] = stages.GetValueOrDefault((creator, user)) | bit;
        foreach (var e in counted.OfType<AudienceEvent>().Where(e => e.CampaignId == campaign.CampaignId))
        {
            Pass(e.CreatorId, e.UserId, e switch { Impression => 1, Engagement => 2, _ => 4 });
        }

        foreach (var (session, click) in joined.Where(j => j.Click.CampaignId == campaign.CampaignId))
        {
            Pass(click.CreatorId, session.UserId, 8);
        }

        var landedUsers = 0L;
        foreach (var creator in campaign.Creators)
        {
            var landed = stages.Count(s => s.Key.Creator == creator.CreatorId && s.Value == 15);
            var funnel = section.Creators[creator.CreatorId].Funnel!;
            Assert.Equal(($"{campaign.CampaignId}/{creator.CreatorId}", (long?)landed), ($"{campaign.CampaignId}/{creator.CreatorId}", funnel.Landed));
            landedUsers += landed;
        }

        var ofCampaign = stages.GroupBy(s => s.Key.User).Count(g => g.Aggregate(0, (m, s) => m | s.Value) == 15);
        Assert.Equal(($"{campaign.CampaignId}/totals", (long?)ofCampaign), ($"{campaign.CampaignId}/totals", section.Totals.Funnel!.Landed));
        Assert.True(landedUsers > 0, $"{campaign.CampaignId}: nobody landed");

        // Per post: shown, engaged with and clicked that post, and a session joined to a click of it.
        var postStages = new Dictionary<(string Content, string User), int>();
        void PassPost(string content, string user, int bit) => postStages[(content, user)] = postStages.GetValueOrDefault((content, user)) | bit;
        foreach (var e in counted.OfType<AudienceEvent>().Where(e => e.CampaignId == campaign.CampaignId))
        {
            PassPost(e.ContentId, e.UserId, e switch { Impression => 1, Engagement => 2, _ => 4 });
        }

        foreach (var (session, click) in joined.Where(j => j.Click.CampaignId == campaign.CampaignId))
        {
            PassPost(click.ContentId, session.UserId, 8);
        }

        foreach (var (contentId, post) in section.Content)
        {
            var hasSessions = joined.Any(j => j.Click.CampaignId == campaign.CampaignId && j.Click.ContentId == contentId);
            long? landed = hasSessions ? postStages.Count(s => s.Key.Content == contentId && s.Value == 15) : null;
            Assert.Equal(($"{campaign.CampaignId}/{contentId}", landed), ($"{campaign.CampaignId}/{contentId}", post.Funnel!.Landed));
        }
    }

    private static void AssertClose(double? expected, double? actual, string what) =>
        Assert.True(
            expected is null ? actual is null : actual is not null && Math.Abs(expected.Value - actual.Value) <= 1e-6 * Math.Max(1, Math.Abs(expected.Value)),
            $"{what}: expected {expected}, got {actual}");
}
