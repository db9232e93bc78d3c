using CreatorStream.Core.Attribution;
using CreatorStream.Core.Conversions;
using CreatorStream.Core.Events;
using CreatorStream.Core.State;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Core.Tests.Conversions;

/// <summary>
/// docs/design.md, "Outcomes", leads: a lead update joins its lead as a refund joins its order, the newest update wins
/// whatever order they come in, and the lead's credit moves into and out of the qualified and won figures by hand-computed
/// shares (u1 clicked anna, then ben: first touch anna, last touch ben, linear half each).
/// </summary>
public sealed class LeadUpdateTests
{
    private const long Hour = 3_600_000;

    [Fact]
    public void UpdateLead_QualifiedThenWon_MovesTheLeadsCreditUnderEveryModel()
    {
        var attributor = WithLead(out _);

        var qualified = Update(attributor, "q", T0 + (3 * Hour), LeadStatus.Qualified);
        var won = Update(attributor, "w", T0 + (4 * Hour), LeadStatus.Won);

        Assert.Equal(ConversionOutcome.LeadUpdated, qualified.Outcome);
        Assert.Equal((1.0, 0.0), Of(qualified.Delta, "anna", AttributionModels.FirstTouch));
        Assert.Equal((0.0, 0.0), Of(qualified.Delta, "ben", AttributionModels.FirstTouch));
        Assert.Equal((1.0, 0.0), Of(qualified.Delta, "ben", AttributionModels.LastTouch));
        Assert.Equal((0.5, 0.0), Of(qualified.Delta, "anna", AttributionModels.Linear));
        Assert.Equal((0.5, 0.0), Of(qualified.Delta, "ben", AttributionModels.Linear));
        Assert.All(qualified.Delta.KindCredits, k => Assert.Equal((0.0, 0.0, 0.0), (k.Value.Conversions, k.Value.Revenue, k.Value.NewCustomers)));

        // Won was qualified already: only the won figure moves.
        Assert.Equal((0.0, 1.0), Of(won.Delta, "ben", AttributionModels.LastTouch));
        Assert.Equal((0.0, 0.5), Of(won.Delta, "anna", AttributionModels.Linear));
    }

    [Fact]
    public void UpdateLead_OlderUpdateAfterANewerOne_IsSupersededAndChangesNothing()
    {
        var attributor = WithLead(out _);
        Update(attributor, "b", T0 + (4 * Hour), LeadStatus.Won);

        var older = Update(attributor, "a", T0 + (3 * Hour), LeadStatus.Disqualified);
        var sameTimeSmallerId = Update(attributor, "a", T0 + (4 * Hour), LeadStatus.Disqualified);
        var disqualified = Update(attributor, "c", T0 + (4 * Hour), LeadStatus.Disqualified); // same time, later id: newer

        Assert.Equal(ConversionOutcome.LeadUpdateSuperseded, older.Outcome);
        Assert.Empty(older.Delta.KindCredits);
        Assert.Equal(ConversionOutcome.LeadUpdateSuperseded, sameTimeSmallerId.Outcome);
        Assert.Equal(ConversionOutcome.LeadUpdated, disqualified.Outcome);
        Assert.Equal((-1.0, -1.0), Of(disqualified.Delta, "ben", AttributionModels.LastTouch));
    }

    [Fact]
    public void UpdateLead_UnknownOrderOrNotALead_IsRefused()
    {
        var attributor = WithLead(out _);
        attributor.Convert(Conversion("u2", T0 + Hour, 30m, id: "p1"), new AttributionDelta());

        var unknown = attributor.UpdateLead(Lead("order-zz", "x", T0 + (3 * Hour), LeadStatus.Won), new AttributionDelta());
        var purchase = attributor.UpdateLead(Lead("order-p1", "y", T0 + (3 * Hour), LeadStatus.Won), new AttributionDelta());

        Assert.Equal(ConversionOutcome.UnknownOrder, unknown);
        Assert.Equal(ConversionOutcome.NotALead, purchase);
    }

    [Fact]
    public void UpdateLead_LeadHalfRefunded_MovesHalfItsCredit()
    {
        var attributor = WithLead(out _, value: 10m);
        attributor.Convert(Conversion("u1", T0 + (3 * Hour), -5m, id: "r1") with { OrderId = "order-l1", Kind = ConversionKind.Lead }, new AttributionDelta());

        var won = Update(attributor, "w", T0 + (4 * Hour), LeadStatus.Won);
        var refund = new AttributionDelta();
        attributor.Convert(Conversion("u1", T0 + (5 * Hour), -5m, id: "r2") with { OrderId = "order-l1", Kind = ConversionKind.Lead }, refund);

        Assert.Equal((0.5, 0.5), Of(won.Delta, "ben", AttributionModels.LastTouch));
        Assert.Equal((-0.5, -0.5), Of(refund, "ben", AttributionModels.LastTouch)); // the rest refunded: no won lead left
    }

    [Fact]
    public void SaveLoad_LeadsStatus_IsRestored()
    {
        var attributor = WithLead(out _);
        Update(attributor, "q", T0 + (3 * Hour), LeadStatus.Qualified);
        var writer = new Core.Snapshots.SnapshotWriter();
        attributor.Save(writer);
        var restored = new ConversionAttributor(TestCampaigns.Spring());
        restored.Load(new Core.Snapshots.SnapshotReader(writer.ToArray()));

        var stale = Update(restored, "a", T0 + (2 * Hour) + 1, LeadStatus.Disqualified);
        var won = Update(restored, "w", T0 + (4 * Hour), LeadStatus.Won);

        Assert.Equal(ConversionOutcome.LeadUpdateSuperseded, stale.Outcome); // the update that set the status came back too
        Assert.Equal((0.0, 1.0), Of(won.Delta, "ben", AttributionModels.LastTouch)); // qualified before the snapshot
    }

    private static ConversionAttributor WithLead(out AttributionDelta credited, decimal value = 0m)
    {
        var attributor = new ConversionAttributor(TestCampaigns.Spring());
        foreach (var e in new[] { Click("u1", T0, creator: "anna", content: "post-1", id: "c1"), Click("u1", T0 + Hour, creator: "ben", content: "post-b", id: "c2") })
        {
            attributor.Touch(e);
            attributor.Chain(e);
        }

        credited = new AttributionDelta();
        attributor.Convert(Conversion("u1", T0 + (2 * Hour), value, id: "l1") with { Kind = ConversionKind.Lead }, credited);
        return attributor;
    }

    private static (ConversionOutcome Outcome, AttributionDelta Delta) Update(ConversionAttributor attributor, string id, long ts, LeadStatus status)
    {
        var delta = new AttributionDelta();
        return (attributor.UpdateLead(Lead("order-l1", id, ts, status), delta), delta);
    }

    private static LeadUpdate Lead(string order, string id, long ts, LeadStatus status) =>
        new() { EventId = id, Ts = ts, UserId = "u1", BrandId = "acme", OrderId = order, Status = status };

    private static (double Qualified, double Won) Of(AttributionDelta delta, string creator, string model)
    {
        var credit = delta.KindCredits.GetValueOrDefault(new KindCreditKey("spring", creator, ConversionKind.Lead, model));
        return (Math.Round(credit.Qualified, 12), Math.Round(credit.Won, 12));
    }
}
