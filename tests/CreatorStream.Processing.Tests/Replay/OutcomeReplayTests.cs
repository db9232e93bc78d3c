using System.Text;
using CreatorStream.Core.Events;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>
/// The outcome figures of docs/design.md, "Outcomes" through the whole pipeline, every one computed by hand (campaign
/// "spring": anna 1,370 fixed and 10 % commission, ben 500 fixed and 5 %; reporting model last_touch).
/// </summary>
public sealed class OutcomeReplayTests
{
    private const long Hour = 3_600_000;

    /// <summary>
    /// u1 sees and clicks anna (a minute on site, three pages) and buys for 100 as a new customer; half of it is refunded.
    /// u3 clicks anna (no visit data) and buys for 60 with ben's code: last touch anna, direct ben.
    /// u2 sees and clicks ben (five seconds, one page: a bounce) and becomes a lead.
    /// u4 clicks ben (20 s, no page count) and signs up as a new customer.
    /// </summary>
    private static readonly StreamEvent[] Events =
    [
        Impression("u1", T0, creator: "anna", content: "post-1", id: "i1"),
        Impression("u2", T0, creator: "ben", content: "post-b", id: "i2"),
        Click("u4", T0, creator: "ben", content: "post-b", id: "c4") with { DwellMs = 20_000 },
        Click("u3", T0 + (Hour / 2), creator: "anna", content: "post-1", id: "c3"),
        Click("u1", T0 + Hour, creator: "anna", content: "post-1", id: "c1") with { DwellMs = 60_000, Pages = 3 },
        Click("u2", T0 + Hour, creator: "ben", content: "post-b", id: "c2") with { DwellMs = 5_000, Pages = 1 },
        Conversion("u4", T0 + Hour + 1, 0m, id: "o4") with { Kind = ConversionKind.Signup, IsNewCustomer = true },
        Conversion("u1", T0 + (2 * Hour), 100m, id: "o1") with { IsNewCustomer = true, CustomerId = "cust-1" },
        Conversion("u2", T0 + (2 * Hour), 0m, id: "o2") with { Kind = ConversionKind.Lead, IsNewCustomer = false },
        Conversion("u3", T0 + (3 * Hour), 60m, id: "o3") with { PromoCode = "BEN10", IsNewCustomer = false },
        Conversion("u1", T0 + (4 * Hour), -50m, id: "r1") with { OrderId = "order-o1" },
    ];

    [Fact]
    public async Task Replay_HandComputedOutcomes_CreatorFiguresByKindAndReferralQuality()
    {
        var spring = (await ReplayAsync()).Campaigns["spring"];
        var anna = spring.Creators["anna"];
        var ben = spring.Creators["ben"];

        // anna: o1 (half refunded) and o3 under last touch; both orders count, their value net of the refund.
        var annaPurchases = anna.ConversionsByKind!["purchase"];
        Assert.Equal((2L, 110.0), (annaPurchases.Count, annaPurchases.Value));
        Assert.Equal((1.5, 110.0, 0.5), Of(annaPurchases.Credited["last_touch"]));
        Assert.Equal((0.0, 0.0, 0.0), Of(annaPurchases.Credited["direct"]));
        Assert.Equal(0.75, anna.ConversionRate); // 1.5 credited over 2 clicks
        Assert.Equal(1.5, anna.ConversionRateReach); // one reached user
        Assert.Equal(110 / 1.5, anna.Aov!.Value, 12);
        Assert.Equal(0.5, anna.NewCustomers); // o1 was new, and half of it is left
        Assert.Equal(0.0, anna.Leads);
        Assert.Null(anna.CostPerLead);

        // Referral quality: one of anna's two clicks carried visit data.
        Assert.Equal(1, anna.Sessions);
        Assert.Equal(0.0, anna.BounceRate);
        Assert.Equal(60_000.0, anna.AvgTimeOnSiteMs);
        Assert.Equal(3.0, anna.PagesPerSession);

        // ben: the lead and the signup under last touch; o3 only directly (his code), so it counts as his order too.
        Assert.Equal((1L, 60.0), (ben.ConversionsByKind!["purchase"].Count, ben.ConversionsByKind["purchase"].Value));
        Assert.Equal((1.0, 60.0, 0.0), Of(ben.ConversionsByKind["purchase"].Credited["direct"]));
        Assert.Equal((0.0, 0.0, 0.0), Of(ben.ConversionsByKind["purchase"].Credited["last_touch"]));
        Assert.Equal((1L, 0.0), (ben.ConversionsByKind["lead"].Count, ben.ConversionsByKind["lead"].Value));
        Assert.Equal((1.0, 0.0, 0.0), Of(ben.ConversionsByKind["lead"].Credited["first_touch"]));
        Assert.Equal((1.0, 0.0, 1.0), Of(ben.ConversionsByKind["signup"].Credited["linear"]));
        Assert.Equal(0L, ben.ConversionsByKind["install"].Count);
        Assert.Equal(1.0, ben.ConversionRate); // lead + signup over 2 clicks
        Assert.Null(ben.Aov); // no purchase credited under last touch
        Assert.Equal(1.0, ben.Leads);
        Assert.Equal(1.0, ben.NewCustomers);
        Assert.Equal(500.0, ben.CostPerLead); // 500 fixed, no credited revenue for his commission

        Assert.Equal(2, ben.Sessions);
        Assert.Equal(1.0, ben.BounceRate); // the one click with a page count saw one page
        Assert.Equal(12_500.0, ben.AvgTimeOnSiteMs);
        Assert.Equal(1.0, ben.PagesPerSession);
    }

    [Fact]
    public async Task Replay_HandComputedOutcomes_CampaignCountsEachOrderOnce()
    {
        var totals = (await ReplayAsync()).Campaigns["spring"].Totals;

        // o3 is credited to anna (last touch) and to ben (direct), and is one order of the campaign.
        Assert.Equal((2L, 110.0), (totals.ConversionsByKind!["purchase"].Count, totals.ConversionsByKind["purchase"].Value));
        Assert.Equal((1.5, 110.0, 0.5), Of(totals.ConversionsByKind["purchase"].Credited["last_touch"]));
        Assert.Equal((1.0, 60.0, 0.0), Of(totals.ConversionsByKind["purchase"].Credited["direct"]));
        Assert.Equal(1L, totals.ConversionsByKind["signup"].Count);
        Assert.Equal(3.5 / 4, totals.ConversionRate); // 1.5 purchases, a lead and a signup over four clicks
        Assert.Equal(3.5 / 2, totals.ConversionRateReach);
        Assert.Equal(110 / 1.5, totals.Aov!.Value, 12);
        Assert.Equal(1.5, totals.NewCustomers);
        Assert.Equal(1.0, totals.Leads);
        Assert.Equal(1381.0 + 500.0, totals.CostPerLead); // anna 1,370 + 10 % of 110; ben 500

        Assert.Equal(3, totals.Sessions);
        Assert.Equal(0.5, totals.BounceRate);
        Assert.Equal(85_000.0 / 3, totals.AvgTimeOnSiteMs!.Value, 9);
        Assert.Equal(2.0, totals.PagesPerSession);
    }

    [Fact]
    public async Task Replay_LeadRefundedInFull_CostPerLeadIsNullNotAResidue()
    {
        // A lead with a value, refunded in three parts: the credit left is a rounding residue at most, never a lead.
        StreamEvent[] events =
        [
            Click("u1", T0, creator: "ben", content: "post-b", id: "c1"),
            Conversion("u1", T0 + Hour, 0.3m, id: "l1") with { Kind = ConversionKind.Lead },
            Conversion("u1", T0 + (2 * Hour), -0.1m, id: "r1") with { OrderId = "order-l1", Kind = ConversionKind.Lead },
            Conversion("u1", T0 + (3 * Hour), -0.1m, id: "r2") with { OrderId = "order-l1", Kind = ConversionKind.Lead },
            Conversion("u1", T0 + (4 * Hour), -0.1m, id: "r3") with { OrderId = "order-l1", Kind = ConversionKind.Lead },
        ];

        var ben = (await ReplayAsync(events)).Campaigns["spring"].Creators["ben"];

        Assert.True(Math.Abs(ben.Leads) < 1e-9, $"leads {ben.Leads}");
        Assert.Null(ben.CostPerLead);
        Assert.Equal(1L, ben.ConversionsByKind!["lead"].Count);
    }

    /// <summary>
    /// u1 is shown anna's post, likes it, clicks and buys: every stage. u2 is shown it and clicks without engaging: reached
    /// only. u3 is shown ben's post and likes it. u4 likes anna's post never shown it: in no stage. u6 is shown anna's post
    /// and likes ben's: for anna reached only, for ben nothing (never reached), for the campaign reached and engaged.
    /// Nothing is judged inauthentic here (the flag threshold is above any suspicion): this is about the funnel's sets.
    /// </summary>
    [Fact]
    public async Task Replay_HandComputedFunnel_CountsUsersWhoPassedEveryEarlierStage()
    {
        StreamEvent[] events =
        [
            Impression("u1", T0, creator: "anna", content: "post-1", id: "i1"),
            Engagement("u1", T0 + 60_000, creator: "anna", content: "post-1", id: "e1"),
            Click("u1", T0 + 120_000, creator: "anna", content: "post-1", id: "c1"),
            Conversion("u1", T0 + Hour, 40m, id: "o1"),
            Impression("u2", T0, creator: "anna", content: "post-1", id: "i2"),
            Click("u2", T0 + 60_000, creator: "anna", content: "post-1", id: "c2"),
            Impression("u3", T0, creator: "ben", content: "post-b", id: "i3"),
            Engagement("u3", T0 + 60_000, creator: "ben", content: "post-b", id: "e3"),
            Engagement("u4", T0 + 60_000, creator: "anna", content: "post-1", id: "e4"),
            Impression("u6", T0, creator: "anna", content: "post-1", id: "i6"),
            Engagement("u6", T0 + 60_000, creator: "ben", content: "post-b", id: "e6"),
        ];
        var options = ProcessorOptions.Default with { Authenticity = ProcessorOptions.Default.Authenticity with { FlagThreshold = 2 } };

        var spring = (await ReplayAsync(events, options)).Campaigns["spring"];

        Assert.Equal((3L, 1L, 1L, 1L), Stages(spring.Creators["anna"].Funnel!));
        Assert.Equal((1L, 1L, 0L, 0L), Stages(spring.Creators["ben"].Funnel!));
        var campaign = spring.Totals.Funnel!;
        Assert.Equal((4L, 3L, 1L, 1L), Stages(campaign));
        Assert.Equal(0.25, campaign.DropOff.Engaged);
        Assert.Equal(2.0 / 3, campaign.DropOff.Clicked!.Value, 12);
        Assert.Equal(0.0, campaign.DropOff.Converted);
        Assert.Null(spring.Creators["ben"].Funnel!.DropOff.Converted); // nobody clicked: no step to lose anyone at
    }

    /// <summary>
    /// anna posts a reel on Instagram and a video on TikTok, ben a story on Instagram. u1 buys for 100 after anna's reel,
    /// u2 for 50 after her video. anna's 1,370 fixed split over her two posts (685 each) plus 10 % of each post's revenue;
    /// ben's 500 on his one post.
    /// </summary>
    [Fact]
    public async Task Replay_HandComputedBreakdowns_SplitRevenueAndAllocatedCostByPlatformAndFormat()
    {
        StreamEvent[] events =
        [
            Impression("u1", T0, creator: "anna", content: "post-1", id: "i1"),
            Conversion("u1", T0 + Hour, 100m, id: "o1"),
            Impression("u2", T0, creator: "anna", content: "post-t", platform: Platform.TikTok, id: "i2") with { ContentFormat = ContentFormat.Video },
            Conversion("u2", T0 + Hour, 50m, id: "o2"),
            Impression("u3", T0, creator: "ben", content: "post-b", id: "i3") with { ContentFormat = ContentFormat.Story },
            Click("u3", T0 + 60_000, creator: "ben", content: "post-b", id: "c3"),
        ];

        var spring = (await ReplayAsync(events)).Campaigns["spring"];
        var breakdowns = spring.Breakdowns!;

        var instagram = breakdowns.Platforms["instagram"];
        Assert.Equal((2L, 2L, 1L, 2L), (instagram.Posts, instagram.Impressions, instagram.Clicks, instagram.Reach!.Value));
        Assert.Equal((1.0, 100.0, 685.0 + 10 + 500), (instagram.Conversions, instagram.Revenue, instagram.Cost));
        Assert.Equal(100 / 1195.0, instagram.Roas!.Value, 12);
        Assert.Equal((100 - 1195.0) / 1195, instagram.Roi!.Value, 12);
        var tiktok = breakdowns.Platforms["tiktok"];
        Assert.Equal((1L, 1.0, 50.0, 690.0), (tiktok.Posts, tiktok.Conversions, tiktok.Revenue, tiktok.Cost));
        Assert.Equal(["instagram", "tiktok"], breakdowns.Platforms.Keys);

        Assert.Equal(["reel", "story", "video"], breakdowns.Formats.Keys);
        Assert.Equal((100.0, 695.0), (breakdowns.Formats["reel"].Revenue, breakdowns.Formats["reel"].Cost));
        Assert.Equal((0.0, 500.0, 1L), (breakdowns.Formats["story"].Revenue, breakdowns.Formats["story"].Cost, breakdowns.Formats["story"].Clicks));
        Assert.Null(breakdowns.Formats["story"].Reach);

        // Every post carries its creator's cost: nothing is left over, and the rows add up to the campaign's cost.
        Assert.Equal(0.0, breakdowns.UnallocatedCost, 9);
        Assert.Equal(spring.Totals.Cost!.Value, breakdowns.Platforms.Values.Sum(r => r.Cost) + breakdowns.UnallocatedCost, 9);
    }

    private static (long, long, long, long) Stages(FunnelReport funnel) => (funnel.Reached, funnel.Engaged, funnel.Clicked, funnel.Converted);

    private static (double Conversions, double Revenue, double NewCustomers) Of(KindCreditReport credit) =>
        (Math.Round(credit.Conversions, 12), Math.Round(credit.Revenue, 9), Math.Round(credit.NewCustomers, 12));

    private static async Task<ReplayReport> ReplayAsync(StreamEvent[]? events = null, ProcessorOptions? options = null)
    {
        var text = string.Join('\n', (events ?? Events).Select(e => Encoding.UTF8.GetString(Line(e))));
        var outcome = await new Replayer(TestCampaigns.Spring(), options ?? ProcessorOptions.Default, TimeProvider.System)
            .RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), null, CancellationToken.None);
        return outcome.Report;
    }
}
