using System.Text;
using CreatorStream.Core.Events;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>
/// Lead updates through the whole pipeline (docs/design.md, "Outcomes", leads), every figure computed by hand. Campaign
/// "spring": anna 1,370 fixed and 10 % commission, ben 500 fixed and 5 %; reporting model last_touch; no revenue, so
/// the costs are the fixed ones.
/// </summary>
public sealed class LeadReplayTests
{
    private const long Hour = 3_600_000;

    /// <summary>
    /// l1: u1 clicked anna then ben (last touch ben, first touch anna): qualified, then won.
    /// l2: u2 clicked anna: won, with an older disqualification that comes after it in the file.
    /// l3: u3 clicked ben: qualified, then disqualified.
    /// p9: u9 bought with no touch; an update of it is no lead's, and one names an order never seen.
    /// </summary>
    private static readonly StreamEvent[] Events =
    [
        Click("u1", T0, creator: "anna", content: "post-1", id: "c1"),
        Click("u2", T0, creator: "anna", content: "post-1", id: "c2"),
        Click("u1", T0 + Hour, creator: "ben", content: "post-b", id: "c3"),
        Click("u3", T0 + Hour, creator: "ben", content: "post-b", id: "c4"),
        Conversion("u1", T0 + (2 * Hour), 0m, id: "l1") with { Kind = ConversionKind.Lead },
        Conversion("u2", T0 + (2 * Hour), 0m, id: "l2") with { Kind = ConversionKind.Lead },
        Conversion("u3", T0 + (2 * Hour), 0m, id: "l3") with { Kind = ConversionKind.Lead },
        Conversion("u9", T0 + (2 * Hour), 40m, id: "p9"),
        Update("order-l1", "lu-1", T0 + (3 * Hour), LeadStatus.Qualified),
        Update("order-l3", "lu-2", T0 + (3 * Hour), LeadStatus.Qualified),
        Update("order-l2", "lu-3", T0 + (4 * Hour) + 2_000, LeadStatus.Won),
        Update("order-l2", "lu-4", T0 + (4 * Hour), LeadStatus.Disqualified), // older: the win stands
        Update("order-l3", "lu-5", T0 + (5 * Hour), LeadStatus.Disqualified),
        Update("order-l1", "lu-6", T0 + (5 * Hour), LeadStatus.Won),
        Update("order-p9", "lu-7", T0 + (5 * Hour), LeadStatus.Qualified),
        Update("order-zz", "lu-8", T0 + (5 * Hour), LeadStatus.Qualified),
    ];

    [Fact]
    public async Task Replay_HandComputedLeads_QualifiedWonAndTheirCosts()
    {
        var report = await ReplayAsync(Events);
        var spring = report.Campaigns["spring"];
        var (anna, ben, totals) = (spring.Creators["anna"], spring.Creators["ben"], spring.Totals);

        // Last touch: l2 is anna's (won); l1 (won) and l3 (disqualified) are ben's.
        Assert.Equal((1.0, 1.0, 1.0, 1370.0, 1.0), Leads(anna));
        Assert.Equal((2.0, 1.0, 1.0, 500.0, 0.5), Leads(ben));
        Assert.Equal((3.0, 2.0, 2.0, 935.0, 2.0 / 3), Leads(totals));
        Assert.Equal(1870.0 / 3, totals.CostPerLead!.Value, 9);

        // Under the other models: first touch gives l1 to anna; linear halves it.
        var annaLead = anna.ConversionsByKind!["lead"].Credited;
        var benLead = ben.ConversionsByKind!["lead"].Credited;
        Assert.Equal((2.0, 2.0, 2.0), (annaLead["first_touch"].Conversions, annaLead["first_touch"].Qualified, annaLead["first_touch"].Won));
        Assert.Equal((1.0, 0.0, 0.0), (benLead["first_touch"].Conversions, benLead["first_touch"].Qualified, benLead["first_touch"].Won));
        Assert.Equal((1.5, 1.5, 1.5), (annaLead["linear"].Conversions, annaLead["linear"].Qualified, annaLead["linear"].Won));
        Assert.Equal((1.5, 0.5, 0.5), (benLead["linear"].Conversions, benLead["linear"].Qualified, benLead["linear"].Won));
        Assert.Null(anna.ConversionsByKind["purchase"].Credited["last_touch"].Qualified); // only leads have a status

        Assert.Equal(1, report.DeadLettersByReason["UNKNOWN_ORDER"]);
        Assert.Equal(1, report.DeadLettersByReason["NOT_A_LEAD"]);
    }

    [Fact]
    public async Task Replay_LeadUpdatesInAnyFileOrder_GiveTheSameFigures()
    {
        // The updates of each hour in another order (hours apart, they would be late): the newest by (ts, id) wins each time.
        int[] order = [9, 8, 11, 10, 15, 14, 13, 12];
        var shuffled = Events.Take(8).Concat(order.Select(i => Events[i])).ToArray();

        var expected = await ReplayAsync(Events);
        var actual = await ReplayAsync(shuffled);

        foreach (var creator in new[] { "anna", "ben" })
        {
            Assert.Equal(Leads(expected.Campaigns["spring"].Creators[creator]), Leads(actual.Campaigns["spring"].Creators[creator]));
        }
    }

    private static (double Leads, double Qualified, double Won, double? CostPerQualified, double? LeadToWon) Leads(OutcomeReport figures) =>
        (figures.Leads, figures.QualifiedLeads, figures.WonLeads, figures.CostPerQualifiedLead, figures.LeadToWonRate);

    private static LeadUpdate Update(string order, string id, long ts, LeadStatus status) =>
        new() { EventId = id, Ts = ts, UserId = "u", BrandId = "acme", OrderId = order, Status = status, Score = 70m };

    private static async Task<ReplayReport> ReplayAsync(StreamEvent[] events)
    {
        var text = string.Join('\n', events.Select(e => Encoding.UTF8.GetString(Line(e))));
        var outcome = await new Replayer(TestCampaigns.Spring(), ProcessorOptions.Default, TimeProvider.System)
            .RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), null, CancellationToken.None);
        return outcome.Report;
    }
}
