using System.Text;
using CreatorStream.Core.Events;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>Attribution through the whole pipeline, every figure computed by hand (campaign "spring": anna, ben; last_touch).</summary>
public sealed class AttributionReplayTests
{
    private const long Hour = 3_600_000;

    /// <summary>
    /// u4 is seen by ben 31 days before everything else (outside the 30-day lookback of its conversion).
    /// u1 sees anna (post-1), then ben (post-b), then clicks anna's link, and buys for 100 three hours after T0:
    /// journey A, B, A (three touchpoints: non-consecutive repeats are kept). Later half of that order is refunded.
    /// u2 buys for 50 with anna's promo code and no touchpoint; u3 buys for 30 with nothing; u4 buys for 20.
    /// </summary>
    private static readonly StreamEvent[] Events =
    [
        Impression("u4", T0 - (31 * 24 * Hour), creator: "ben", content: "post-b", id: "old"),
        Impression("u1", T0, creator: "anna", content: "post-1", id: "a1"),
        Impression("u1", T0 + Hour, creator: "ben", content: "post-b", id: "b1"),
        Click("u1", T0 + (2 * Hour), creator: "anna", content: "post-1", id: "a2"),
        Conversion("u1", T0 + (3 * Hour), 100m, id: "o1"),
        Conversion("u2", T0 + (4 * Hour), 50m, id: "o2") with { PromoCode = "ANNA10" },
        Conversion("u3", T0 + (5 * Hour), 30m, id: "o3"),
        Conversion("u1", T0 + (6 * Hour), -50m, id: "r1") with { OrderId = "order-o1" },
        Conversion("u4", T0 + (7 * Hour), 20m, id: "o4"),
    ];

    [Fact]
    public async Task Replay_HandComputedJourneys_CreditEveryModelAndReverseTheRefund()
    {
        var report = await ReplayAsync();
        var spring = report.Campaigns["spring"];
        var anna = spring.Creators["anna"].Attribution!;
        var ben = spring.Creators["ben"].Attribution!;

        // After the half refund every share of order o1 counts half: 0.5 conversions and 50 of revenue in all.
        Assert.Equal((0.5, 50.0), (anna["last_touch"].Conversions, anna["last_touch"].Revenue));
        Assert.Equal((0.5, 50.0), (anna["first_touch"].Conversions, anna["first_touch"].Revenue));
        Assert.Equal(0.0, ben["last_touch"].Conversions);
        AssertCredit(anna["linear"], 1.0 / 3, 100.0 / 3);
        AssertCredit(ben["linear"], 1.0 / 6, 50.0 / 3); // a third of the 0.5 conversion and of the net 50
        AssertCredit(anna["position_based"], 0.4, 40);
        AssertCredit(ben["position_based"], 0.1, 10);

        // Time decay, half-life 168 h: touchpoints 3 h, 2 h and 1 h before the purchase.
        double w3 = Math.Pow(2, -3.0 / 168), w2 = Math.Pow(2, -2.0 / 168), w1 = Math.Pow(2, -1.0 / 168);
        AssertCredit(anna["time_decay"], 0.5 * (w3 + w1) / (w3 + w2 + w1), 50 * (w3 + w1) / (w3 + w2 + w1));

        // Fewer than 300 conversions: data-driven is linear, and says so.
        AssertCredit(anna["data_driven"], 1.0 / 3, 100.0 / 3);
        Assert.True(anna["data_driven"].Fallback);

        // The promo code credits anna directly, touchpoints or not; o1 had no code, so direct has only o2.
        Assert.Equal((1.0, 50.0), (anna["direct"].Conversions, anna["direct"].Revenue));
        Assert.Equal(0.0, ben["direct"].Conversions);

        // Ben is in a converting journey without being its last touch: one assist (a half refund keeps it).
        Assert.Equal(1, spring.Creators["ben"].AssistedConversions);
        Assert.Equal(0, spring.Creators["anna"].AssistedConversions);

        // u3 had nothing and u4's only touchpoint is outside the lookback: no model credits them.
        Assert.Equal((2.0, 50.0), (report.Unattributed!.Conversions, report.Unattributed.Revenue));

        // Cost and ratios under last_touch: anna 1,370 fixed + 10% of 50; ben 500 fixed + 5% of 0.
        var annaFigures = spring.Creators["anna"];
        Assert.Equal(1375.0, annaFigures.Cost);
        Assert.Equal((50 - 1375.0) / 1375, annaFigures.Roi!.Value, 12);
        Assert.Equal(50 / 1375.0, annaFigures.Roas!.Value, 12);
        Assert.Equal(1375 / 0.5, annaFigures.Cpa!.Value, 9);
        Assert.Equal(500.0, spring.Creators["ben"].Cost);
        Assert.Null(spring.Creators["ben"].Cpa);
        var totals = spring.Totals;
        Assert.Equal(1875.0, totals.Cost);
        Assert.Equal(0.5, totals.Conversions!["last_touch"], 12);
        Assert.Equal(50 / 1875.0, totals.Roas!.Value, 12);
        Assert.Equal(1000 * 1875.0 / 3, totals.Cpm!.Value, 9); // three impressions
        Assert.Null(totals.Cpe); // no engagements at all
    }

    [Fact]
    public async Task Replay_EveryModel_CreditsEachConversionExactlyOnceInTotal()
    {
        var report = await ReplayAsync();
        var totals = report.Campaigns["spring"].Totals;

        // Journey models: only o1 (half refunded) → 0.5; direct: only o2 → 1.
        foreach (var model in new[] { "first_touch", "last_touch", "linear", "time_decay", "position_based", "data_driven" })
        {
            Assert.Equal(0.5, totals.Conversions![model], 12);
            Assert.Equal(50.0, totals.Revenue![model], 9);
        }

        Assert.Equal(1.0, totals.Conversions!["direct"], 12);
    }

    /// <summary>
    /// Data-driven credit with the minimum lowered to 2 conversions, every chain computed by hand. Events a minute
    /// apart; u9's purchases (no touchpoints, unattributed) only move the watermark past the purchase before them.
    /// c1: A converts alone: 1 conversion so far → linear fallback, anna 1.
    /// c3: chain A→conv, B→null (u2), A→B→conv (u3): P(conv) = 2/3; without A 1/6, without B 1/3, so removal
    ///     effects A 3/4, B 1/2 → u3's journey A, B: anna 0.6, ben 0.4.
    /// c4: add A→B→conv (u4): START→A 3/4, →B 1/4; A→conv 1/3, A→B 2/3; B→conv 2/3, B→null 1/3. P = 3/4; without A
    ///     1/6 (effect 7/9); without B 1/4 (effect 2/3) → anna 7/13, ben 6/13.
    /// </summary>
    [Fact]
    public async Task Replay_DataDrivenAboveTheMinimum_CreditsByRemovalEffect()
    {
        const long Minute = 60_000;
        StreamEvent[] events =
        [
            Impression("u1", T0, creator: "anna", content: "post-1", id: "1"),
            Conversion("u1", T0 + Minute, 10m, id: "c1"),
            Impression("u2", T0 + (2 * Minute), creator: "ben", content: "post-b", id: "2"),
            Impression("u3", T0 + (3 * Minute), creator: "anna", content: "post-1", id: "3"),
            Impression("u3", T0 + (4 * Minute), creator: "ben", content: "post-b", id: "4"),
            Conversion("u3", T0 + (5 * Minute), 10m, id: "c3"),
            Conversion("u9", T0 + (6 * Minute), 1m, id: "x1"),
            Impression("u4", T0 + (7 * Minute), creator: "anna", content: "post-1", id: "5"),
            Impression("u4", T0 + (8 * Minute), creator: "ben", content: "post-b", id: "6"),
            Conversion("u4", T0 + (9 * Minute), 10m, id: "c4"),
            Conversion("u9", T0 + (10 * Minute), 1m, id: "x2"),
        ];
        var catalog = Core.Configuration.CampaignCatalog.Parse(TestCampaigns.SpringJson.Replace("\"data_driven_min_conversions\":300", "\"data_driven_min_conversions\":2", StringComparison.Ordinal));
        var text = string.Join('\n', events.Select(e => Encoding.UTF8.GetString(Line(e))));

        foreach (var batchSize in new[] { 1, 3, 4096 })
        {
            var outcome = await new Replayer(catalog, ProcessorOptions.Default, TimeProvider.System) { BatchSize = batchSize }
                .RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), null, CancellationToken.None);
            var creators = outcome.Report.Campaigns["spring"].Creators;

            AssertCredit(creators["anna"].Attribution!["data_driven"], 1 + 0.6 + (7.0 / 13), 10 * (1 + 0.6 + (7.0 / 13)));
            AssertCredit(creators["ben"].Attribution!["data_driven"], 0.4 + (6.0 / 13), 10 * (0.4 + (6.0 / 13)));
            Assert.False(creators["anna"].Attribution!["data_driven"].Fallback);
            Assert.Equal((2.0, 2.0), (outcome.Report.Unattributed!.Conversions, outcome.Report.Unattributed.Revenue));
        }
    }

    [Fact]
    public async Task Replay_RefundOfAnUnknownOrder_IsADeadLetter()
    {
        var text = Encoding.UTF8.GetString(Line(Conversion("u9", T0, -10m, id: "r9") with { OrderId = "never-sold" }));

        var outcome = await new Replayer(TestCampaigns.Spring(), ProcessorOptions.Default, TimeProvider.System)
            .RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), null, CancellationToken.None);

        Assert.Equal(1, outcome.Report.DeadLettersByReason["UNKNOWN_ORDER"]);
        Assert.Equal(0.0, outcome.Report.Unattributed!.Conversions);
    }

    private static void AssertCredit(ModelCredit credit, double conversions, double revenue)
    {
        Assert.Equal(conversions, credit.Conversions, 12);
        Assert.Equal(revenue, credit.Revenue, 9);
    }

    private static async Task<ReplayReport> ReplayAsync()
    {
        var text = string.Join('\n', Events.Select(e => Encoding.UTF8.GetString(Line(e))));
        var outcome = await new Replayer(TestCampaigns.Spring(), ProcessorOptions.Default, TimeProvider.System)
            .RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), null, CancellationToken.None);
        return outcome.Report;
    }
}
