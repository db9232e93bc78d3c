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
/// changes. What changes afterwards in an approved period (a held amount whose hold ends, a refund) goes into the next
/// statement that is not approved, as one correction line: the approved periods' payable now, less what was approved
/// for them (their own corrections included). So once every period is approved, the approved amounts add up to what
/// the orders say, each change counted once whatever order the periods were approved in. Pure.
/// </summary>
public static class StatementBook
{
    public const string CorrectionKind = "correction";

    public static List<StatementView> Compose(CampaignCommissions? made, StatementDecisions decisions)
    {
        var views = new List<StatementView>();
        foreach (var creator in (made?.Statements ?? []).GroupBy(s => s.CreatorId, StringComparer.Ordinal))
        {
            var periods = creator.OrderBy(s => s.PeriodStart).ToList();
            foreach (var statement in periods)
            {
                var id = StatementDecision.IdOf(statement.CreatorId, statement.PeriodStart);
                var decision = decisions.Latest.GetValueOrDefault(id);
                if (decision is { To: StatementStates.Approved, Statement: { } approved })
                {
                    views.Add(new StatementView(approved, StatementStates.Approved, decision));
                    continue;
                }

                var correction = 0.0;
                foreach (var earlier in periods.TakeWhile(p => p.PeriodStart < statement.PeriodStart))
                {
                    if (decisions.Latest.GetValueOrDefault(StatementDecision.IdOf(earlier.CreatorId, earlier.PeriodStart)) is { To: StatementStates.Approved, Statement: { } then })
                    {
                        correction += earlier.Payable - then.Payable;
                    }
                }

                var shown = Math.Abs(correction) < 0.005 ? statement : statement with
                {
                    Lines = [.. statement.Lines, new CommissionLine(CorrectionKind, "changes to approved periods since their approval: holds ended, refunds", correction, 0, correction)],
                };
                views.Add(new StatementView(shown, decision?.To ?? StatementStates.Draft, decision));
            }
        }

        return views;
    }
}
