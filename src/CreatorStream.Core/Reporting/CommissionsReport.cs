using CreatorStream.Core.Commissions;

namespace CreatorStream.Core.Reporting;

/// <summary>
/// A campaign's commission statements as the stream made them (docs/design.md, "Commissions"): drafts for people to
/// review, before any approval (approvals live in the store, not in the stream). Without the moment they were made,
/// which depends on when a run last had cause to make them: their figures do not.
/// </summary>
public sealed record CommissionsReport
{
    public required List<StatementReport> Statements { get; init; }

    public static CommissionsReport? Of(CampaignCommissions? commissions) => commissions is null ? null : new()
    {
        Statements = [.. commissions.Statements.Select(s => new StatementReport(s.CreatorId, s.PeriodStart, s.PeriodEnd, s.Accrued, s.Held, s.Payable, s.Lines))],
    };
}

/// <summary>One creator's statement for one period: accrued = held + payable, per rule in <paramref name="Lines"/>.</summary>
public sealed record StatementReport(string CreatorId, long PeriodStart, long PeriodEnd, double Accrued, double Held, double Payable, List<CommissionLine> Lines);
