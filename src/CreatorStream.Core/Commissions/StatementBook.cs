namespace CreatorStream.Core.Commissions;

/// <summary>A statement as people see it: its state, the decision that set it, and its figures.</summary>
/// <param name="Statement">Approved: exactly as approved. Otherwise the stream's latest, with a correction line when approved periods have changed since.</param>
/// <param name="State">draft, approved or rejected.</param>
/// <param name="Decision">The latest decision; null for a draft.</param>
public sealed record StatementView(CommissionStatement Statement, string State, StatementDecision? Decision)
{
    public string StatementId => StatementDecision.IdOf(Statement.CreatorId, Statement.PeriodStart);
}

/// <summary>
/// Joins the stream's statements with people's decisions (docs/design.md, "Commissions"). An approved statement never
/// changes. What changes afterwards in any approved period of a creator (a held amount whose hold ends, a refund) goes
/// into one statement only, the creator's latest that is not approved, as a correction line: the approved periods'
/// payable now, less what was approved for them (their own corrections included). One carrier, so a change can be
/// approved only once; and since an approval is stored only if the creator's approvals are still those it was decided
/// against (<see cref="StatementDecision.ApprovedBefore"/>), two approvals at once cannot both carry it. Once every
/// period is approved, the approved amounts add up to what the orders say. Pure.
/// </summary>
public static class StatementBook
{
    public const string CorrectionKind = "correction";

    /// <summary>
    /// A campaign's statements as the stream made them, people's decisions on them, and the two composed
    /// (<see cref="Compose"/>), read from <paramref name="store"/>: what every reader of statements shows.
    /// </summary>
    public static async Task<(CampaignCommissions? Made, StatementDecisions Decisions, List<StatementView> Views)> ReadAsync(State.IStateStore store, string campaignId, CancellationToken cancellationToken)
    {
        var content = await store.ReadContentAsync(campaignId, cancellationToken);
        var decisions = await store.ReadDecisionsAsync(campaignId, cancellationToken);
        return (content.Commissions, decisions, Compose(content.Commissions, decisions));
    }

    public static List<StatementView> Compose(CampaignCommissions? made, StatementDecisions decisions)
    {
        var views = new List<StatementView>();
        foreach (var creator in (made?.Statements ?? []).GroupBy(s => s.CreatorId, StringComparer.Ordinal))
        {
            var periods = creator.OrderBy(s => s.PeriodStart).ToList();
            var correction = 0.0;
            CommissionStatement? carrier = null;
            foreach (var statement in periods)
            {
                if (Approved(decisions, statement) is { } then)
                {
                    correction += statement.Payable - then.Payable;
                }
                else
                {
                    carrier = statement;
                }
            }

            foreach (var statement in periods)
            {
                var decision = decisions.Latest.GetValueOrDefault(StatementDecision.IdOf(statement.CreatorId, statement.PeriodStart));
                if (decision is { To: StatementStates.Approved, Statement: { } approved })
                {
                    views.Add(new StatementView(approved, StatementStates.Approved, decision));
                    continue;
                }

                var shown = !ReferenceEquals(statement, carrier) || Math.Abs(correction) < 0.005 ? statement : statement with
                {
                    Lines = [.. statement.Lines, new CommissionLine(CorrectionKind, "changes to approved periods since their approval: holds ended, refunds", correction, 0, correction)],
                };
                views.Add(new StatementView(shown, decision?.To ?? StatementStates.Draft, decision));
            }
        }

        return views;
    }

    /// <summary>How many of <paramref name="creatorId"/>'s statements are approved: what an approval is decided against.</summary>
    public static int ApprovalsOf(StatementDecisions decisions, string creatorId) =>
        decisions.Latest.Values.Count(d => d.To == StatementStates.Approved && string.Equals(d.CreatorId, creatorId, StringComparison.Ordinal));

    private static CommissionStatement? Approved(StatementDecisions decisions, CommissionStatement statement) =>
        decisions.Latest.GetValueOrDefault(StatementDecision.IdOf(statement.CreatorId, statement.PeriodStart)) is { To: StatementStates.Approved, Statement: { } then } ? then : null;
}
