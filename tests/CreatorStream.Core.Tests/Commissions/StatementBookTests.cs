using CreatorStream.Core.Commissions;

namespace CreatorStream.Core.Tests.Commissions;

/// <summary>
/// How approvals and the stream's figures join (docs/design.md, "Commissions"; <see cref="StatementBook"/>): approved
/// statements never change, later changes to approved periods reach the next undecided one once, whatever order the
/// periods were approved in. Figures by hand.
/// </summary>
public sealed class StatementBookTests
{
    private const long Day = 86_400_000;

    [Fact]
    public void Compose_ApprovedOutOfOrder_EachChangeIsCarriedOnce_AndApprovalsAddUpToTheOrders()
    {
        var decisions = new Dictionary<string, StatementDecision>(StringComparer.Ordinal);

        // Day 3 approved at 30, then day 1 at 10; then a refund takes day 1 to 6.
        decisions[Id(2)] = Approved(2, Made(2, 30));
        decisions[Id(0)] = Approved(0, Made(0, 10));
        var views = Compose(decisions, 6, 20, 30, 0);

        // Only the latest statement not approved, day 4, carries the -4; day 2 shows its own 20.
        Assert.Equal([10.0, 20.0, 30.0, -4.0], views.Select(v => v.Statement.Payable));
        Assert.Null(Correction(views[1]));
        Assert.Equal(-4.0, Correction(views[3]));

        // Day 2 approved as it stands: day 4 still carries the -4, once.
        decisions[Id(1)] = Approved(1, views[1].Statement);
        views = Compose(decisions, 6, 20, 30, 0);
        Assert.Equal(-4.0, Correction(views[3]));

        // Day 4 approved with it: what was approved is what the orders say, and nothing is left to carry.
        decisions[Id(3)] = Approved(3, views[3].Statement);
        views = Compose(decisions, 6, 20, 30, 0, 0);
        Assert.Equal(6.0 + 20 + 30 + 0, views.Take(4).Sum(v => v.Statement.Payable));
        Assert.Null(Correction(views[4]));
        Assert.Equal([StatementStates.Approved, StatementStates.Approved, StatementStates.Approved, StatementStates.Approved, StatementStates.Draft], views.Select(v => v.State));
    }

    [Fact]
    public void Compose_AHoldEndingAfterApproval_IsCarriedByOneStatementOnly_WhicheverIsApprovedFirst()
    {
        // Day 1 approved at 100 with 50 held; the hold ends: it now pays 150. Days 2 and 3 are drafts of 7 and 9.
        var decisions = new Dictionary<string, StatementDecision>(StringComparer.Ordinal) { [Id(0)] = Approved(0, Made(0, 100)) };
        var views = Compose(decisions, 150, 7, 9);
        Assert.Equal([100.0, 7.0, 59.0], views.Select(v => v.Statement.Payable));

        // Day 3 approved with the +50; then day 2: it carries nothing.
        decisions[Id(2)] = Approved(2, views[2].Statement, approvedBefore: StatementBook.ApprovalsOf(new StatementDecisions(decisions, []), "anna"));
        views = Compose(decisions, 150, 7, 9);
        Assert.Equal(7.0, views[1].Statement.Payable);
        Assert.Null(Correction(views[1]));
        Assert.Equal(150.0 + 7 + 9, views.Sum(v => v.Statement.Payable));
        Assert.Equal(1, decisions[Id(2)].ApprovedBefore);
    }

    [Fact]
    public void Compose_ARejectedStatement_KeepsMovingWithTheStream_AndCarriesCorrections()
    {
        var decisions = new Dictionary<string, StatementDecision>(StringComparer.Ordinal)
        {
            [Id(0)] = Approved(0, Made(0, 10)),
            [Id(1)] = new() { StatementId = Id(1), CreatorId = "anna", PeriodStart = Day, PeriodEnd = 2 * Day, Action = StatementStates.Reject, From = StatementStates.Draft, To = StatementStates.Rejected, By = "Maria", At = 1, Reason = "check the tiers" },
        };

        var views = Compose(decisions, 15, 20);

        Assert.Equal(StatementStates.Rejected, views[1].State);
        Assert.Equal("check the tiers", views[1].Decision!.Reason);
        Assert.Equal(25.0, views[1].Statement.Payable); // its own 20 now, and day 1's 5 released since approval
    }

    [Fact]
    public void Next_AnApprovedStatementIsFinal_ARejectedOneMayStillBeApproved()
    {
        Assert.Equal(StatementStates.Approved, StatementStates.Next(StatementStates.Draft, StatementStates.Approve));
        Assert.Equal(StatementStates.Rejected, StatementStates.Next(StatementStates.Draft, StatementStates.Reject));
        Assert.Equal(StatementStates.Approved, StatementStates.Next(StatementStates.Rejected, StatementStates.Approve));
        Assert.Null(StatementStates.Next(StatementStates.Approved, StatementStates.Reject));
        Assert.Null(StatementStates.Next(StatementStates.Approved, StatementStates.Approve));
        Assert.Null(StatementStates.Next(StatementStates.Draft, "pay"));
    }

    private static List<StatementView> Compose(Dictionary<string, StatementDecision> decisions, params double[] payable) =>
        StatementBook.Compose(new CampaignCommissions(payable.Length * Day, [.. payable.Select((p, day) => Made(day, p))]), new StatementDecisions(decisions, []));

    private static CommissionStatement Made(int day, double payable) =>
        new("anna", day * Day, (day + 1) * Day, 99 * Day, [new CommissionLine(CommissionKinds.Percent, "10.0 % of credited revenue", payable, 0, payable)]);

    private static string Id(int day) => StatementDecision.IdOf("anna", day * Day);

    private static StatementDecision Approved(int day, CommissionStatement statement, int? approvedBefore = null) => new()
    {
        ApprovedBefore = approvedBefore,
        StatementId = Id(day),
        CreatorId = "anna",
        PeriodStart = day * Day,
        PeriodEnd = (day + 1) * Day,
        Action = StatementStates.Approve,
        From = StatementStates.Draft,
        To = StatementStates.Approved,
        By = "Maria",
        At = 1,
        Payable = statement.Payable,
        Statement = statement,
    };

    private static double? Correction(StatementView view) =>
        view.Statement.Lines.Where(l => l.Kind == StatementBook.CorrectionKind).Select(l => (double?)l.Payable).SingleOrDefault();
}
