using CreatorStream.Core.Alerts;
using CreatorStream.Core.Content;
using CreatorStream.Core.Conversions;
using CreatorStream.Core.Estimates;
using CreatorStream.Core.State;
using CreatorStream.Simulation;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Estimates;

/// <summary>
/// The brand task's estimates (docs/design.md, "Estimates"): the halo is made again only when an input in the complete
/// hours it reads changed, so a tracker asked after every event must hold what one asked once at the end holds, late
/// sessions, orders and impressions into complete hours included.
/// </summary>
public sealed class EstimatesTrackerTests
{
    private const long Hour = HaloEstimator.HourMs;
    private static readonly long T0 = EstimatesScenario.T0;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RefreshedAfterEveryEvent_HoldsWhatOneRefreshAtTheEndMakes(int seed)
    {
        var catalog = new EstimatesScenario(seed).Catalog();
        var eager = new EstimatesTracker(catalog);
        var once = new EstimatesTracker(catalog);
        var eagerWritten = new Dictionary<string, CampaignEstimates>();
        List<Alert> alerts = [];

        void Feed(Action<EstimatesTracker> observe)
        {
            observe(eager);
            observe(once);
            eager.Refresh(eagerWritten, 1);
        }

        var random = new Random(seed);
        for (var h = 0; h < 144; h++)
        {
            var now = T0 + (h * Hour) + random.Next((int)Hour);
            for (var s = 3 + random.Next(6); s > 0; s--)
            {
                // A session is reported when it ends: some began an hour or two before, in hours already complete.
                var started = now - random.Next(2 * (int)Hour);
                Feed(t => t.ObserveUnmatchedSession(Session($"u{random.Next(500)}", started, now - started, 2, bounced: false)));
            }

            if (random.Next(3) == 0)
            {
                var order = Conversion($"u{random.Next(500)}", now, 40 + random.Next(60));
                Feed(t => t.ObserveConversion(order, ConversionOutcome.Unattributed, [], null, alerts, 1));
            }

            if (h >= 100)
            {
                foreach (var creator in new[] { "anna", "ben" })
                {
                    var seen = now - random.Next(90 * 60_000);
                    var impression = Impression($"f{random.Next(900)}", seen, creator, $"{creator}-post") with { Country = "US" };
                    Feed(t => t.ObserveImpression(impression));
                }
            }
        }

        // The last inputs all land in complete hours: only the exact rule remakes the halo for them.
        var newest = T0 + (143 * Hour);
        Feed(t => t.ObserveUnmatchedSession(Session("late-1", newest - (5 * Hour), 60_000, 1, bounced: true)));
        Feed(t => t.ObserveImpression(Impression("late-2", newest - (3 * Hour), "anna", "anna-post")));
        var late = Conversion("late-3", newest - (4 * Hour), 70);
        Feed(t => t.ObserveConversion(late, ConversionOutcome.Unattributed, [], null, alerts, 1));

        var onceWritten = new Dictionary<string, CampaignEstimates>();
        once.Refresh(onceWritten, 1);
        var made = onceWritten[EstimatesScenario.CampaignId];
        Assert.Equal("estimated", made.Halo.Status);
        Assert.NotEmpty(made.Halo.Posts);
        Assert.Equal(ContentJson.Write(made), ContentJson.Write(eagerWritten[EstimatesScenario.CampaignId]));
    }

    [Fact]
    public void ASessionStartedYearsBeforeItsReport_OrOrdersBeforeTheFirstSession_OpenNoEmptyBaselineHours()
    {
        var catalog = new EstimatesScenario(1).Catalog();
        List<Alert> alerts = [];
        var clean = new EstimatesTracker(catalog);
        var messy = new EstimatesTracker(catalog);
        // An order two days before the site's first session, and a session whose start a broken clock put in 2000.
        messy.ObserveConversion(Conversion("early", T0 - (48 * Hour), 50), ConversionOutcome.Attributed, [], null, alerts, 1);
        messy.ObserveUnmatchedSession(Session("broken", 946_684_800_000, (T0 + (30 * Hour)) - 946_684_800_000, 1, bounced: true));
        clean.ObserveUnmatchedSession(Session("broken", T0 + (30 * Hour), 0, 1, bounced: true));
        for (var h = 0; h < 100; h++)
        {
            foreach (var tracker in new[] { clean, messy })
            {
                tracker.ObserveUnmatchedSession(Session($"u{h}", T0 + (h * Hour), 60_000, 2, bounced: false));
            }
        }

        var cleanWritten = new Dictionary<string, CampaignEstimates>();
        var messyWritten = new Dictionary<string, CampaignEstimates>();
        clean.Refresh(cleanWritten, 1);
        messy.Refresh(messyWritten, 1);

        var halo = messyWritten[EstimatesScenario.CampaignId].Halo;
        Assert.Equal(99, halo.BaselineHours); // hours 0 to 98 of T0: the newest, 99, is not complete yet
        // The early order is in neither holdout group (it names no country): only the halo is compared.
        Assert.Equal(
            ContentJson.Write(cleanWritten[EstimatesScenario.CampaignId] with { Incrementality = null }),
            ContentJson.Write(messyWritten[EstimatesScenario.CampaignId] with { Incrementality = null }));
    }

    [Fact]
    public void Refunds_LeaveTheHaloTheCodeUsesAndTheHoldout_InPartThenInFull()
    {
        var catalog = new EstimatesScenario(1).Catalog(); // holdout: orders from NZ and IE
        List<Alert> alerts = [];
        var refunded = new EstimatesTracker(catalog);
        var untouched = new EstimatesTracker(catalog);
        foreach (var tracker in new[] { refunded, untouched })
        {
            for (var h = 0; h < 100; h++)
            {
                tracker.ObserveUnmatchedSession(Session($"u{h}", T0 + (h * Hour), 60_000, 2, bounced: false));
            }
        }

        var order = Conversion("buyer", T0 + (50 * Hour), 80, id: "o-1") with { Country = "NZ" };
        var use = Conversion("fan", T0 + (60 * Hour), 30, id: "o-2") with { Country = "US", ReferrerClass = Core.Events.ReferrerClass.Coupon };
        refunded.ObserveConversion(order, ConversionOutcome.Unattributed, [], null, alerts, 1);
        refunded.ObserveConversion(use, ConversionOutcome.Attributed, [], new CreatorRef(EstimatesScenario.CampaignId, "ben"), alerts, 1);

        // A quarter of the first order back: it still counts, for 60.
        refunded.ObserveConversion(order with { EventId = "r-1", Value = -20 }, ConversionOutcome.Refunded, [], null, alerts, 1);
        var partly = Made(refunded).Incrementality!;
        Assert.Equal(new LiftCell(1, 60), partly.HeldOutBaseline);
        Assert.Equal(new LiftCell(1, 30), partly.ExposedBaseline);

        // The rest of both: every figure is as if neither order had been, and the code use's signs are taken back.
        refunded.ObserveConversion(order with { EventId = "r-2", Value = -60 }, ConversionOutcome.Refunded, [], null, alerts, 1);
        refunded.ObserveConversion(use with { EventId = "r-3", Value = -30 }, ConversionOutcome.Refunded, [], null, alerts, 1);
        var after = Made(refunded);
        var never = Made(untouched);
        Assert.Equal(ContentJson.Write(never with { CodeLeaks = [] }), ContentJson.Write(after with { CodeLeaks = [] }));
        var ben = Assert.Single(after.CodeLeaks);
        Assert.Equal((0, 0.0, 0, 0.0), (ben.Uses, ben.Revenue, ben.SuspiciousUses, ben.SuspiciousRevenue));
        Assert.Equal(new CodeLeakSignals(0, 0, 0, 0), ben.Signals);
    }

    [Fact]
    public void ASnapshot_RestoresEveryRememberedOrder_SoARefundAfterTheRestoreLeavesTheSameFigures()
    {
        var catalog = new EstimatesScenario(1).Catalog();
        List<Alert> alerts = [];
        var tracker = new EstimatesTracker(catalog);
        for (var h = 0; h < 100; h++)
        {
            tracker.ObserveUnmatchedSession(Session($"u{h}", T0 + (h * Hour), 60_000, 2, bounced: false));
        }

        var order = Conversion("buyer", T0 + (50 * Hour), 80, id: "s-1") with { Country = "NZ" };
        var use = Conversion("fan", T0 + (60 * Hour), 30, id: "s-2") with { Country = "US", ReferrerClass = Core.Events.ReferrerClass.Coupon };
        tracker.ObserveConversion(order, ConversionOutcome.Unattributed, [], null, alerts, 1);
        tracker.ObserveConversion(use, ConversionOutcome.Attributed, [], new CreatorRef(EstimatesScenario.CampaignId, "ben"), alerts, 1);
        tracker.ObserveConversion(order with { EventId = "r-1", Value = -20 }, ConversionOutcome.Refunded, [], null, alerts, 1);

        var saved = new Core.Snapshots.SnapshotWriter();
        tracker.Save(saved);
        var bytes = saved.ToArray();
        var restored = new EstimatesTracker(catalog);
        restored.Load(new Core.Snapshots.SnapshotReader(bytes), Core.Dataflow.BrandTask.SnapshotFormat);
        var again = new Core.Snapshots.SnapshotWriter();
        restored.Save(again);
        Assert.Equal(bytes, again.ToArray());

        foreach (var t in new[] { tracker, restored })
        {
            t.ObserveConversion(order with { EventId = "r-2", Value = -60 }, ConversionOutcome.Refunded, [], null, alerts, 1);
            t.ObserveConversion(use with { EventId = "r-3", Value = -30 }, ConversionOutcome.Refunded, [], null, alerts, 1);
        }

        var made = Made(restored);
        Assert.Equal(ContentJson.Write(Made(tracker)), ContentJson.Write(made));
        Assert.Equal(new LiftCell(0, 0), made.Incrementality!.HeldOutBaseline);
    }

    [Fact]
    public void ARefundOfAnUnattributedOrderInACompleteHour_RemakesTheHalo_WithoutAHoldout()
    {
        var scenario = new EstimatesScenario(1).Catalog().Campaigns[0] with { Estimates = new Core.Configuration.EstimateSettings() };
        var catalog = Core.Configuration.CampaignCatalog.From(new Core.Configuration.CampaignCatalogDocument { Campaigns = [scenario] });
        List<Alert> alerts = [];
        var tracker = new EstimatesTracker(catalog);
        for (var h = 0; h < 100; h++)
        {
            tracker.ObserveUnmatchedSession(Session($"u{h}", T0 + (h * Hour), 60_000, 2, bounced: false));
        }

        // Orders in a post's window, so the halo's orders count them; the post keeps hours 0 to 79 for the baseline.
        tracker.ObserveImpression(Impression("f", T0 + (80 * Hour), "anna", "p"));
        for (var i = 0; i < 6; i++)
        {
            tracker.ObserveConversion(Conversion($"q{i}", T0 + (i * 10 * Hour), 40, id: $"q-{i}"), ConversionOutcome.Unattributed, [], null, alerts, 1);
        }

        var order = Conversion("buyer", T0 + (85 * Hour), 500, id: "big");
        tracker.ObserveConversion(order, ConversionOutcome.Unattributed, [], null, alerts, 1);
        var before = Made(tracker).Halo.WindowRevenue;
        tracker.ObserveConversion(order with { EventId = "r", Value = -500 }, ConversionOutcome.Refunded, [], null, alerts, 1);
        var after = Made(tracker).Halo;

        Assert.Equal(500, before - after.WindowRevenue, 9);
        Assert.Equal(0, after.WindowConversions);
    }

    /// <summary>
    /// A brand snapshot of format 14 (before the estimates remembered every order) is still read: its code uses, written
    /// as the format-14 tracker wrote them (owner, value, suspicious, refunded share), are refunded after the restore.
    /// The bytes are written here field by field, as that version's Save did, not by today's Save.
    /// </summary>
    [Fact]
    public void AFormat14Snapshot_IsRead_AndItsCodeUsesAreRefundedAfterTheRestore()
    {
        var catalog = new EstimatesScenario(1).Catalog();
        var w = new Core.Snapshots.SnapshotWriter();
        w.Write(long.MinValue);                 // first hour: no session yet
        w.Write(T0 / Hour);                     // newest hour
        w.Write(true);                          // dirty
        w.Write(0);                             // traffic: no hours
        w.Write(0);                             // posts: none
        w.Write(0);                             // audiences: none
        w.Write(1);                             // leak tallies: ben's
        w.WritePair(EstimatesScenario.CampaignId, "ben");
        foreach (var field in new object[] { T0, 2L, 70.0, 2L, 70.0, 1L, 2L, 0L, 1L, false })
        {
            switch (field)
            {
                case long l: w.Write(l); break;
                case double d: w.Write(d); break;
                case bool b: w.Write(b); break;
            }
        }

        w.Write(2);                             // code-use arrivals
        w.Write("order-a");
        w.Write(T0);
        w.Write("order-b");
        w.Write(T0 + 1);
        w.Write(2);                             // code uses, format 14: owner, value, suspicious, refunded share
        foreach (var (order, value) in new[] { ("order-a", 30.0), ("order-b", 40.0) })
        {
            w.Write(order);
            w.WritePair(EstimatesScenario.CampaignId, "ben");
            w.Write(value);
            w.Write(true);
            w.Write(0.0);
        }

        w.Write(0);                             // holdout tallies: none yet
        w.Write(0);                             // unassigned: none
        var tracker = new EstimatesTracker(catalog);
        var reader = new Core.Snapshots.SnapshotReader(w.ToArray());
        tracker.Load(reader, format: 14);
        Assert.True(reader.AtEnd);

        List<Alert> alerts = [];
        var refund = Conversion("fan", T0 + Hour, -30, id: "r") with { OrderId = "order-a" };
        tracker.ObserveConversion(refund, ConversionOutcome.Refunded, [], null, alerts, 1);
        var ben = Assert.Single(Made(tracker).CodeLeaks);
        Assert.Equal((1L, 40.0, 1L, 40.0), (ben.Uses, ben.Revenue, ben.SuspiciousUses, ben.SuspiciousRevenue));
        Assert.Equal(new CodeLeakSignals(1, 2, 0, 1), ben.Signals); // format 14 kept no signs per use: these stay gross
    }

    private static CampaignEstimates Made(EstimatesTracker tracker)
    {
        var written = new Dictionary<string, CampaignEstimates>();
        tracker.Refresh(written, 1);
        return written[EstimatesScenario.CampaignId];
    }

    [Fact]
    public void AnImpressionInTheNewestHour_ChangesNothingRead_AndMakesNothing()
    {
        var catalog = new EstimatesScenario(1).Catalog();
        var tracker = new EstimatesTracker(catalog);
        List<Alert> alerts = [];
        tracker.ObserveUnmatchedSession(Session("v", T0 + (8 * Hour), 60_000, 1, bounced: true));
        tracker.ObserveConversion(Conversion("u", T0 + (10 * Hour), 50), ConversionOutcome.Unattributed, [], null, alerts, 1);
        var written = new Dictionary<string, CampaignEstimates>();
        tracker.Refresh(written, 1);
        written.Clear();

        tracker.ObserveImpression(Impression("f", T0 + (10 * Hour) + 5, "anna", "p"));
        tracker.Refresh(written, 2);
        Assert.Empty(written);

        tracker.ObserveImpression(Impression("f", T0 + (9 * Hour), "anna", "p2")); // a complete hour: read, so made again
        tracker.Refresh(written, 3);
        Assert.Contains(written[EstimatesScenario.CampaignId].Halo.Posts, p => p.ContentId == "p2");
    }
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ImpressionsOfRecentPosts_FoundByTheirIdsInstances_LeaveWhatEqualIdsOfFreshInstancesLeave(int seed)
    {
        // The oracle: every id a fresh instance, so no recent post is ever found and each impression looks its post and
        // audience up by the ids' characters. Posts share a creator, a content id is posted by two creators, one campaign
        // is not the brand's, impressions come before a post's report and before its first impression, with and without
        // a country; 300 posts overflow the 128 recent ones.
        var catalog = new EstimatesScenario(seed).Catalog();
        var pooled = new EstimatesTracker(catalog);
        var fresh = new EstimatesTracker(catalog);
        string[] campaigns = [EstimatesScenario.CampaignId, "other"];
        string[] creators = ["anna", "ben", "cara"];
        var contents = Enumerable.Range(0, 100).Select(i => $"p{i}").ToArray();
        string?[] countries = [null, "US", "us", "NZ"];
        static string Fresh(string id) => new(id.AsSpan());

        var random = new Random(seed);
        for (var n = 0; n < 20_000; n++)
        {
            var (campaign, creator, content) = (campaigns[random.Next(10) == 0 ? 1 : 0], creators[random.Next(3)], contents[random.Next(contents.Length)]);
            var ts = T0 + (random.Next(200) * Hour) + random.Next((int)Hour);
            if (random.Next(50) == 0)
            {
                var post = Post(content, ts, null, creator, campaign: campaign);
                pooled.ObservePost(post);
                fresh.ObservePost(post with { CampaignId = Fresh(campaign), CreatorId = Fresh(creator), ContentId = Fresh(content) });
                continue;
            }

            var impression = Impression($"f{n}", ts, creator, content, campaign: campaign) with { Country = countries[random.Next(countries.Length)] };
            pooled.ObserveImpression(impression);
            fresh.ObserveImpression(impression with { CampaignId = Fresh(campaign), CreatorId = Fresh(creator), ContentId = Fresh(content) });
        }

        var (pooledSaved, freshSaved) = (new Core.Snapshots.SnapshotWriter(), new Core.Snapshots.SnapshotWriter());
        pooled.Save(pooledSaved);
        fresh.Save(freshSaved);
        Assert.Equal(freshSaved.ToArray(), pooledSaved.ToArray());
        Assert.Equal(ContentJson.Write(Made(fresh)), ContentJson.Write(Made(pooled)));
    }
}
