using CreatorStream.Core.Events;
using CreatorStream.Core.Reporting;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>
/// Customer value (docs/design.md, "Customer value") through the whole pipeline on <see cref="CustomerScenario"/>,
/// every figure by hand (campaign "spring", last touch: anna 1,370 fixed and 10 % commission, ben 500 and 5 %).
/// </summary>
public sealed class CustomerValueReplayTests
{
    [Fact]
    public async Task Replay_CustomerScenario_AcquisitionsReturningAndRepeats_ByHand()
    {
        var spring = (await ReplayAsync(CustomerScenario.Events())).Campaigns["spring"];
        var anna = spring.Creators["anna"].CustomerValue!;
        var ben = spring.Creators["ben"].CustomerValue!;

        // anna acquired c1 (100) and c3 (30). c1 came back on day 40 (50) and day 100 (70, half returned); c3 on day 200,
        // past the window. Nothing tracked led to the repeats, so anna's own credit holds none of them.
        Assert.Equal((2.0, 130.0, 0.0), (anna.Acquired, anna.AcquiredRevenue, anna.Returning));
        Assert.Equal(new RepeatFigures(0, 0, 0), anna.Within30Days);
        Assert.Equal(new RepeatFigures(1, 0.5, 50), anna.Within90Days);
        Assert.Equal(new RepeatFigures(1, 0.5, 85), anna.Within180Days);
        Assert.Equal(215, anna.CohortRevenue);

        // ROI: anna's credited revenue is 130 and u4's 40 (no customer id: in revenue, in none of the customer figures),
        // her cost 1,370 + 17 = 1,387; with customer value 170 + 85.
        Assert.Equal((170.0 + 85 - 1_387) / 1_387, anna.RoiWithCustomerValue!.Value, 12);
        Assert.Equal((170.0 - 1_387) / 1_387, spring.Creators["anna"].Roi!.Value, 12);

        // c2 was said not to be new, then came back through ben's click: two returning orders, nobody's acquisition.
        Assert.Equal((0.0, 0.0, 2.0), (ben.Acquired, ben.AcquiredRevenue, ben.Returning));
        Assert.Equal(new RepeatFigures(0, null, 0), ben.Within180Days);

        // The campaign: anna's and ben's together.
        var totals = spring.Totals.CustomerValue!;
        Assert.Equal((2.0, 2.0, 215.0), (totals.Acquired, totals.Returning, totals.CohortRevenue));
        Assert.Equal(new RepeatFigures(1, 0.5, 85), totals.Within180Days);
    }

    [Fact]
    public async Task Replay_RepeatCreditedToItsOwnTouch_CountsOnceInRoiWithCustomerValue()
    {
        // c1 buys again on day 20 through a click on ben: ben is credited the repeat (own credit), anna the repeat value
        // (she acquired c1). ROI with customer value moves the 40 from ben to anna rather than counting it twice.
        StreamEvent[] events =
        [
            Click("u1", T0, creator: "anna", id: "a-click"),
            Conversion("u1", T0 + 60_000, 100m, id: "first") with { CustomerId = "c1" },
            Click("u1", T0 + (20 * CustomerScenario.Day), creator: "ben", id: "b-click"),
            Conversion("u1", T0 + (20 * CustomerScenario.Day) + 60_000, 40m, id: "again") with { CustomerId = "c1" },
        ];

        var spring = (await ReplayAsync(events)).Campaigns["spring"];
        var (anna, ben) = (spring.Creators["anna"], spring.Creators["ben"]);

        Assert.Equal(new RepeatFigures(1, 1, 40), anna.CustomerValue!.Within30Days);
        Assert.Equal(1.0, ben.CustomerValue!.Returning);
        var (annaCost, benCost) = (1_370 + 10.0, 500 + 2.0);
        Assert.Equal((100.0 + 40 - annaCost) / annaCost, anna.CustomerValue.RoiWithCustomerValue!.Value, 12);
        Assert.Equal((40.0 - 40 + 0 - benCost) / benCost, ben.CustomerValue.RoiWithCustomerValue!.Value, 12);
    }

    [Fact]
    public async Task Replay_AcquisitionRefunded_TheCustomerStandsItsRevenueDoesNot()
    {
        // c1's first order (100, through anna) is returned in full; c1 buys 40 ten days later with no touch. anna still
        // brought c1: acquired 1, its revenue 0, and c1 a repeating customer in every window (rate 1, not 1 / 0).
        StreamEvent[] events =
        [
            Click("u1", T0, creator: "anna", id: "a-click"),
            Conversion("u1", T0 + 60_000, 100m, id: "first") with { CustomerId = "c1" },
            Conversion("u1", T0 + CustomerScenario.Day, -100m, id: "back") with { OrderId = "order-first" },
            Conversion("u1", T0 + (40 * CustomerScenario.Day), 40m, id: "again") with { CustomerId = "c1" },
        ];

        var anna = (await ReplayAsync(events)).Campaigns["spring"].Creators["anna"].CustomerValue!;

        Assert.Equal((1.0, 0.0), (anna.Acquired, anna.AcquiredRevenue));
        Assert.Equal(new RepeatFigures(0, 0, 0), anna.Within30Days);
        Assert.Equal(new RepeatFigures(1, 1, 40), anna.Within90Days);
        Assert.Equal(40, anna.CohortRevenue);
    }

    [Fact]
    public async Task Replay_FirstRepeatReturned_TheNextRepeatCountsTheCustomer()
    {
        // c1 (acquired by anna) buys 30 on day 10, returns it in two halves, then buys 20 on day 20: one repeating
        // customer within 30 days (the kept repeat), 20 of repeat revenue. Refunded whole, a repeat leaves no customer.
        StreamEvent[] events =
        [
            Click("u1", T0, creator: "anna", id: "a-click"),
            Conversion("u1", T0 + 60_000, 100m, id: "first") with { CustomerId = "c1" },
            Conversion("u1", T0 + (10 * CustomerScenario.Day), 30m, id: "day10") with { CustomerId = "c1" },
            Conversion("u1", T0 + (11 * CustomerScenario.Day), -15m, id: "back1") with { OrderId = "order-day10" },
            Conversion("u1", T0 + (12 * CustomerScenario.Day), -15m, id: "back2") with { OrderId = "order-day10" },
            Conversion("u1", T0 + (20 * CustomerScenario.Day), 20m, id: "day20") with { CustomerId = "c1" },
        ];
        var returned = events[..5];

        var afterReturn = (await ReplayAsync(returned)).Campaigns["spring"].Creators["anna"].CustomerValue!;
        var anna = (await ReplayAsync(events)).Campaigns["spring"].Creators["anna"].CustomerValue!;

        Assert.Equal(new RepeatFigures(0, 0, 0), afterReturn.Within30Days);
        Assert.Equal(new RepeatFigures(1, 1, 20), anna.Within30Days);
        Assert.Equal(new RepeatFigures(1, 1, 20), anna.Within180Days);
    }

    private static Task<ReplayReport> ReplayAsync(StreamEvent[] events) => ScenarioReplay.RunAsync(TestCampaigns.Spring(), events);
}
