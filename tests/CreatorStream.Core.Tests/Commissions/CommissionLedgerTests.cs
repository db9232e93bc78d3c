using CreatorStream.Core.Commissions;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Tests.Commissions;

/// <summary>
/// Every commission rule and the refund hold window against figures worked out by hand (issue 23;
/// docs/decisions/0027-commission-statements.md). The period is March 2026; the hold 30 days.
/// </summary>
public sealed class CommissionLedgerTests
{
    private const long Day = 86_400_000;
    private static readonly long March = DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
    private static readonly long April = March + (31 * Day);

    private static CommissionLedger Ledger(params CommissionRule[] rules) => new("anna", new CommissionPlan { HoldDays = 30, Rules = [.. rules] });

    private static CommissionOrder Order(string id, int day, double value, double credit = 1, bool direct = false, ConversionKind kind = ConversionKind.Purchase) =>
        new(id, March + (day * Day), kind, credit, value * credit, direct, direct ? value : 0);

    [Fact]
    public void Percent_OfCreditedRevenue_IsHeldUntilEachOrdersWindowHasPassed()
    {
        var ledger = Ledger(new CommissionRule { Kind = CommissionKinds.Percent, Rate = 0.10 });
        ledger.Credit(Order("o1", day: 2, value: 100));            // all of it credited: 100
        ledger.Credit(Order("o2", day: 20, value: 50, credit: 0.5)); // half credited: 25

        // At the end of March: 10 % of 125 accrued, none of it 30 days old.
        var march = ledger.Statement(March, April, April);
        Assert.Equal((12.5, 12.5, 0.0), (march.Accrued, march.Held, march.Payable));

        // On April 2 (day 32): o1 has cleared (10 payable), o2 not (2.5 held).
        var later = ledger.Statement(March, April, March + (32 * Day));
        Assert.Equal(12.5, later.Accrued, 9);
        Assert.Equal(10, later.Payable, 9);
        Assert.Equal(2.5, later.Held, 9);
    }

    [Fact]
    public void Refunds_KnownByTheStatementsMoment_ReverseTheirShare_HeldOrPayable()
    {
        var ledger = Ledger(new CommissionRule { Kind = CommissionKinds.Percent, Rate = 0.10 });
        ledger.Credit(Order("o1", day: 2, value: 100));
        ledger.Refund("o1", March + (10 * Day), 0.4); // 40 back: 60 stands
        ledger.Refund("o1", March + (50 * Day), 0.6); // the rest, after the hold: later statements only
        ledger.Refund("unknown", March, 1);            // of an order never credited: nothing

        Assert.Equal(6, ledger.Statement(March, April, March + (40 * Day)).Payable, 9);
        var after = ledger.Statement(March, April, March + (51 * Day));
        Assert.Equal((0.0, 0.0), (after.Accrued, after.Payable));
    }

    [Fact]
    public void Tiers_AreMarginal_AndABandCrossedOnlyByHeldOrdersIsHeld()
    {
        // 5 % up to 1,000, 8 % above: on 1,500, 1,000 × 5 % + 500 × 8 % = 50 + 40 = 90.
        var tiers = new List<CommissionTier> { new(0, 0.05), new(1_000, 0.08) };
        Assert.Equal(90, CommissionLedger.Tiered(tiers, 1_500), 9);
        Assert.Equal(25, CommissionLedger.Tiered(tiers, 500), 9);
        Assert.Equal(0, CommissionLedger.Tiered(tiers, 0), 9);

        var ledger = Ledger(new CommissionRule { Kind = CommissionKinds.Tiers, Tiers = tiers });
        ledger.Credit(Order("o1", day: 1, value: 800));
        ledger.Credit(Order("o2", day: 25, value: 700));
        // Day 40: o1 cleared (800 → 40 payable); accrued on 1,500 is 90; held 50.
        var statement = ledger.Statement(March, April, March + (40 * Day));
        Assert.Equal(90, statement.Accrued, 9);
        Assert.Equal(40, statement.Payable, 9);
        Assert.Equal(50, statement.Held, 9);
    }

    [Fact]
    public void Percent_OfDirectSales_CountsOnlyTheCreatorsOwnCodesAndLinks_Whole()
    {
        var ledger = Ledger(new CommissionRule { Kind = CommissionKinds.Percent, Rate = 0.20, Of = CommissionBases.Direct });
        ledger.Credit(Order("code", day: 3, value: 80, credit: 0.5, direct: true)); // direct: the whole 80
        ledger.Credit(Order("journey", day: 4, value: 200, credit: 1));             // credited, not direct

        Assert.Equal(16, ledger.Statement(March, April, April + (40 * Day)).Payable, 9);
    }

    [Fact]
    public void Bounty_PaysPerCreditedConversionOfItsKind_AndAFullRefundTakesItBack()
    {
        var ledger = Ledger(new CommissionRule { Kind = CommissionKinds.Bounty, Amount = 5, ConversionKind = "signup" });
        ledger.Credit(Order("s1", day: 1, value: 0, credit: 1, kind: ConversionKind.Signup));
        ledger.Credit(Order("s2", day: 2, value: 0, credit: 0.5, kind: ConversionKind.Signup)); // half the credit: 2.50
        ledger.Credit(Order("p1", day: 3, value: 90, kind: ConversionKind.Purchase));          // another kind: nothing
        ledger.Credit(Order("s3", day: 4, value: 10, kind: ConversionKind.Signup));
        ledger.Refund("s3", March + (5 * Day), 1);                                              // taken back in full

        var statement = ledger.Statement(March, April, April + (40 * Day));
        Assert.Equal(7.5, statement.Accrued, 9);
        Assert.Equal(7.5, statement.Payable, 9);
    }

    [Fact]
    public void Flat_IsHeldUntilThePeriodEnds_AndOrdersOutsideThePeriodOrNotYetKnownAreLeftOut()
    {
        var ledger = Ledger(
            new CommissionRule { Kind = CommissionKinds.Flat, Amount = 500 },
            new CommissionRule { Kind = CommissionKinds.Percent, Rate = 0.1 });
        ledger.Credit(Order("february", day: -3, value: 1_000));
        ledger.Credit(Order("april", day: 33, value: 1_000));
        ledger.Credit(Order("march", day: 10, value: 100));

        var during = ledger.Statement(March, April, March + (11 * Day));
        Assert.Equal([(500.0, 500.0, 0.0), (10.0, 10.0, 0.0)], during.Lines.Select(l => (l.Accrued, l.Held, l.Payable)));
        var before = ledger.Statement(March, April, March + (5 * Day)); // the March order is not known yet
        Assert.Equal(0, before.Lines[1].Accrued);

        var done = ledger.Statement(March, April, April + (30 * Day));
        Assert.Equal(510, done.Payable, 9);
        Assert.Equal(0, done.Held, 9);
    }

    [Fact]
    public void APlanWithProblems_IsRefused_EachProblemNamingItsField()
    {
        var plan = new CommissionPlan
        {
            HoldDays = -1,
            Period = "quarter",
            Rules =
            [
                new CommissionRule { Kind = "royalty" },
                new CommissionRule { Kind = CommissionKinds.Tiers, Tiers = [new(0, 0.05), new(2_000, 0.10), new(1_000, 0.08)] },
                new CommissionRule { Kind = CommissionKinds.Percent, Rate = 1.5, Of = "gross" },
                new CommissionRule { Kind = CommissionKinds.Bounty, Amount = 5 },
            ],
        };

        var error = Assert.Throws<ArgumentException>(() => new CommissionLedger("anna", plan));
        Assert.Contains("creator 'anna'", error.Message, StringComparison.Ordinal);
        Assert.Equal(
            [
                "hold_days must be from 0 to 90 (no refund is known after the attributor's order memory), not -1",
                "period must be one of day, week, month, not 'quarter'",
                "rules[0].kind must be one of flat, percent, tiers, bounty, not 'royalty'",
                "rules[1].tiers[2] must start above the band before it, with a rate from 0 to 1",
                "rules[2].of must be credited or direct, not 'gross'",
                "rules[2].rate must be from 0 to 1, not 1.5",
                "rules[3].conversion_kind must be one of purchase, signup, lead, download, install for a bounty, not ''",
            ],
            plan.Problems());
    }

    [Fact]
    public void Flat_AccruesOnlyOnceItsPeriodHasBegun()
    {
        var ledger = Ledger(new CommissionRule { Kind = CommissionKinds.Flat, Amount = 500 });
        Assert.Equal(0, ledger.Statement(April, April + (30 * Day), March + (15 * Day)).Accrued);
        Assert.Equal(500, ledger.Statement(April, April + (30 * Day), April).Accrued);
    }

    [Fact]
    public void Flat_AccruesOnlyInPeriodsOfTheCampaign_NotBeforeItsStartOrAfterItsEnd()
    {
        var ledger = Ledger(new CommissionRule { Kind = CommissionKinds.Flat, Amount = 500 });
        var (start, end) = (March + (10 * Day), April + (5 * Day)); // the campaign runs 11 March to 6 April
        var later = April + (90 * Day);

        Assert.Equal(0, ledger.Statement(March - (28 * Day), March, later, end, start).Accrued); // February: before the start
        Assert.Equal(500, ledger.Statement(March, April, later, end, start).Payable); // March: the start falls in it
        Assert.Equal(500, ledger.Statement(April, April + (30 * Day), later, end, start).Payable); // April: the end falls in it
        Assert.Equal(0, ledger.Statement(April + (30 * Day), April + (61 * Day), later, end, start).Accrued); // May: after the end
    }
}
