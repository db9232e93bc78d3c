namespace CreatorStream.Core.Commissions;

/// <summary>Where a statement stands with the people who review it (docs/design.md, "Commissions").</summary>
public static class StatementStates
{
    /// <summary>Not decided: its figures are the stream's latest, with corrections from approved periods.</summary>
    public const string Draft = "draft";

    /// <summary>Frozen as approved: its figures never change again; later changes go into the next period's correction.</summary>
    public const string Approved = "approved";

    /// <summary>Not approved, with a reason: its figures keep moving, and it may be approved later.</summary>
    public const string Rejected = "rejected";

    /// <summary>Not a state: what a store answers when an approval was decided against approvals that have changed since.</summary>
    public const string Changed = "changed";

    public const string Approve = "approve";

    public const string Reject = "reject";

    /// <summary>The state an action leads to from <paramref name="current"/>; null when it does not apply (an approved statement is final).</summary>
    public static string? Next(string current, string action) => (current, action) switch
    {
        (Approved, _) => null,
        (_, Approve) => Approved,
        (_, Reject) => Rejected,
        _ => null,
    };
}

/// <summary>
/// One decision on a statement, as kept in the store and in the audit trail: who, when, what, from which state, why;
/// an approval carries the statement exactly as approved (<see cref="Statement"/>), which is what stays.
/// </summary>
public sealed record StatementDecision
{
    /// <summary>The statement: <c>{creator}|{period's first day}</c> (<see cref="IdOf"/>).</summary>
    public required string StatementId { get; init; }

    public required string CreatorId { get; init; }

    public required long PeriodStart { get; init; }

    public required long PeriodEnd { get; init; }

    /// <summary><see cref="StatementStates.Approve"/> or <see cref="StatementStates.Reject"/>.</summary>
    public required string Action { get; init; }

    /// <summary>The state the person decided from (the store applies the decision only if it still is).</summary>
    public required string From { get; init; }

    public required string To { get; init; }

    /// <summary>Who decided: the approver key's holder.</summary>
    public required string By { get; init; }

    /// <summary>When (wall clock, Unix ms).</summary>
    public required long At { get; init; }

    public string? Reason { get; init; }

    /// <summary>The first 12 hex digits of the deciding key's hash.</summary>
    public string? KeyId { get; init; }

    /// <summary>What was payable when decided, corrections included.</summary>
    public double Payable { get; init; }

    /// <summary>
    /// For an approval, how many of the creator's statements were approved when it was decided: the store applies it
    /// only if that is still so (another approval may have carried the same correction); null for a rejection.
    /// </summary>
    public int? ApprovedBefore { get; init; }

    /// <summary>The statement as approved (figures and lines, the correction line included); null for a rejection.</summary>
    public CommissionStatement? Statement { get; init; }

    public static string IdOf(string creatorId, long periodStart) => $"{creatorId}|{StatementPeriods.Name(periodStart)}";
}

/// <summary>A campaign's latest decision per statement, and every decision, oldest first.</summary>
public sealed record StatementDecisions(IReadOnlyDictionary<string, StatementDecision> Latest, IReadOnlyList<StatementDecision> Trail)
{
    public static StatementDecisions Empty { get; } = new(new Dictionary<string, StatementDecision>(), []);

    /// <summary>A statement's state: draft when nobody has decided on it.</summary>
    public string StateOf(string statementId) => Latest.TryGetValue(statementId, out var decision) ? decision.To : StatementStates.Draft;
}

/// <summary>
/// What a decision did: whether it was applied, and the statement's state after it (someone else's if not), or
/// <see cref="StatementStates.Changed"/> when another of the creator's statements was approved meanwhile.
/// </summary>
public readonly record struct DecisionOutcome(bool Applied, string State);
