using System.Text;
using CreatorStream.Core.Events;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>
/// Lead updates through the whole pipeline (docs/design.md, "Outcomes", leads), every figure of
/// <see cref="LeadScenario"/> computed by hand. Campaign "spring": anna 1,370 fixed and 10 % commission, ben 500 fixed
/// and 5 %; reporting model last_touch; no revenue, so the costs are the fixed ones.
/// </summary>
public sealed class LeadReplayTests
{
    [Fact]
    public async Task Replay_HandComputedLeads_QualifiedWonAndTheirCosts()
    {
        var report = await ReplayAsync(LeadScenario.Events);
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
        var shuffled = LeadScenario.Events.Take(8).Concat(order.Select(i => LeadScenario.Events[i])).ToArray();

        var expected = await ReplayAsync(LeadScenario.Events);
        var actual = await ReplayAsync(shuffled);

        foreach (var creator in new[] { "anna", "ben" })
        {
            Assert.Equal(Leads(expected.Campaigns["spring"].Creators[creator]), Leads(actual.Campaigns["spring"].Creators[creator]));
        }
    }

    [Fact]
    public async Task Replay_LeadUpdateOfABrandWithNoCampaign_IsADeadLetterNamingTheBrand()
    {
        var update = new LeadUpdate { EventId = "x1", Ts = T0, UserId = "u1", BrandId = "nobody", OrderId = "order-l1", Status = LeadStatus.Won };

        var report = await ReplayAsync([update]);

        Assert.Equal(1, report.DeadLettersByReason["UNKNOWN_CAMPAIGN"]);
    }

    private static (double Leads, double Qualified, double Won, double? CostPerQualified, double? LeadToWon) Leads(OutcomeReport figures) =>
        (figures.Leads, figures.QualifiedLeads, figures.WonLeads, figures.CostPerQualifiedLead, figures.LeadToWonRate);

    private static async Task<ReplayReport> ReplayAsync(StreamEvent[] events)
    {
        var text = string.Join('\n', events.Select(e => Encoding.UTF8.GetString(Line(e))));
        var outcome = await new Replayer(TestCampaigns.Spring(), ProcessorOptions.Default, TimeProvider.System)
            .RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), null, CancellationToken.None);
        return outcome.Report;
    }
}
