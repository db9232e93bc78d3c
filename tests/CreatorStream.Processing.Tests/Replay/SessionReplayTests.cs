using System.Text;
using CreatorStream.Core.Events;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>
/// Site sessions through the whole pipeline (docs/design.md, "Outcomes", referral quality and funnel), every figure of
/// <see cref="SessionScenario"/> computed by hand.
/// </summary>
public sealed class SessionReplayTests
{
    [Fact]
    public async Task Replay_HandComputedSessions_ReferralQualityPerCampaignCreatorAndPost()
    {
        var report = await ReplayAsync(SessionScenario.Events);
        var spring = report.Campaigns["spring"];

        // anna: s1, s2, s4 (240 + 5 + 90 s; 5 + 1 + 3 pages; s2 bounced); engaged time 60 + 0 + 60 s.
        Assert.Equal(("sessions", 3L, 1.0 / 3, 335_000.0 / 3, 3.0, 2.0), Quality(spring.Creators["anna"]));

        // ben: s3 (30 s, 2 pages) and s8 (0 s, 1 page, bounced); engaged time 30 s.
        Assert.Equal(("sessions", 2L, 0.5, 15_000.0, 1.5, 0.5), Quality(spring.Creators["ben"]));
        Assert.Equal(("sessions", 5L, 0.4, 73_000.0, 2.4, 2.5), Quality(spring.Totals));

        var posts = spring.Content;
        Assert.Equal((3L, 1.0 / 3), (posts["post-1"].Sessions, posts["post-1"].BounceRate));
        Assert.Equal((2L, 0.5), (posts["post-b"].Sessions, posts["post-b"].BounceRate));

        Assert.Equal(2, report.UnmatchedSessions);
        Assert.Equal(1, report.DeadLettersByReason["UNKNOWN_CLICK"]);
    }

    [Fact]
    public async Task Replay_HandComputedSessions_LandedStageOfTheFunnel()
    {
        var report = await ReplayAsync(SessionScenario.Events);
        var spring = report.Campaigns["spring"];

        // anna: u1 and u2 reached, engaged, clicked and landed. ben: u3 did; u4 landed without being reached.
        Assert.Equal((2L, 2L, 2L, (long?)2, 0.0), Funnel(spring.Creators["anna"]));
        Assert.Equal((1L, 1L, 1L, (long?)1, 0.0), Funnel(spring.Creators["ben"]));
        Assert.Equal((3L, 3L, 3L, (long?)3, 0.0), Funnel(spring.Totals));
        Assert.Equal((2L, 2L, 2L, (long?)2, 0.0), Funnel(spring.Content["post-1"]));
        Assert.Equal((1L, 1L, 1L, (long?)1, 0.0), Funnel(spring.Content["post-b"]));
    }

    [Fact]
    public async Task Replay_NoSessions_ReferralQualityFromTheClicksAndNoLandedStage()
    {
        var report = await ReplayAsync([.. SessionScenario.Events.Where(e => e is not SiteSession)]);
        var anna = report.Campaigns["spring"].Creators["anna"];

        // c1: 40 s, 3 pages; c2: 2 s, 1 page (bounced). Engaged time: 40 s of c1.
        Assert.Equal(("clicks", 2L, 0.5, 21_000.0, 2.0, 40_000.0 / 60_000), Quality(anna));
        Assert.Null(anna.Funnel!.Landed);
        Assert.Null(anna.Funnel.DropOff.Landed);
        Assert.Null(report.Campaigns["spring"].Creators["ben"].ReferralSource); // ben's clicks carried nothing
    }

    [Fact]
    public async Task Replay_SessionsInAnyFileOrder_GiveTheSameFigures()
    {
        var events = SessionScenario.Events;
        var reversed = events.Take(10).Concat(events.Skip(10).Reverse()).ToArray();

        var expected = await ReplayAsync(events);
        var actual = await ReplayAsync(reversed);

        foreach (var creator in new[] { "anna", "ben" })
        {
            Assert.Equal(Quality(expected.Campaigns["spring"].Creators[creator]), Quality(actual.Campaigns["spring"].Creators[creator]));
        }
    }

    [Fact]
    public async Task Replay_SessionOfABrandWithNoCampaign_IsADeadLetterNamingTheBrand()
    {
        var session = Session("u1", T0, 1_000, 1, true) with { BrandId = "nobody" };

        var report = await ReplayAsync([session]);

        Assert.Equal(1, report.DeadLettersByReason["UNKNOWN_CAMPAIGN"]);
    }

    private static (string? Source, long Sessions, double? Bounce, double? Time, double? Pages, double? Weighted) Quality(OutcomeReport figures) =>
        (figures.ReferralSource, figures.Sessions, figures.BounceRate, figures.AvgTimeOnSiteMs, figures.PagesPerSession, figures.QualityWeightedTraffic);

    private static (long Reached, long Engaged, long Clicked, long? Landed, double? LandedDropOff) Funnel(OutcomeReport figures) => Stages(figures.Funnel!);

    private static (long Reached, long Engaged, long Clicked, long? Landed, double? LandedDropOff) Funnel(ContentReport post) => Stages(post.Funnel!);

    private static (long Reached, long Engaged, long Clicked, long? Landed, double? LandedDropOff) Stages(FunnelReport funnel) =>
        (funnel.Reached, funnel.Engaged, funnel.Clicked, funnel.Landed, funnel.DropOff.Landed);

    private static async Task<ReplayReport> ReplayAsync(StreamEvent[] events)
    {
        var text = string.Join('\n', events.Select(e => Encoding.UTF8.GetString(Line(e))));
        var outcome = await new Replayer(TestCampaigns.Spring(), ProcessorOptions.Default, TimeProvider.System)
            .RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), null, CancellationToken.None);
        return outcome.Report;
    }
}
