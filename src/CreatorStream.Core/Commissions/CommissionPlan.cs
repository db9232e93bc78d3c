namespace CreatorStream.Core.Commissions;

/// <summary>
/// What a creator is paid on top of fixed fees (issue 23; docs/decisions/0027-commission-statements.md): rules summed,
/// each accrued over a statement's period, and payable only once the refund hold window of each order has passed.
/// Nothing is ever paid by the system: statements are for people to review and approve. Immutable.
/// </summary>
public sealed record CommissionPlan
{
    /// <summary>The attribution model whose credit the <c>credited</c> rules read (docs/design.md, "Attribution").</summary>
    public string Model { get; init; } = Attribution.AttributionModels.LastTouch;

    /// <summary>Days after an order before its commission is payable (refunds inside the window reverse it).</summary>
    public int HoldDays { get; init; } = 30;

    public List<CommissionRule> Rules { get; init; } = [];
}

/// <summary>The kinds of <see cref="CommissionRule"/>.</summary>
public static class CommissionKinds
{
    /// <summary>A fixed amount per statement period, payable once the period has ended.</summary>
    public const string Flat = "flat";

    /// <summary>A rate of the revenue named by <see cref="CommissionRule.Of"/>.</summary>
    public const string Percent = "percent";

    /// <summary>Marginal rates by revenue band within the period, like tax brackets.</summary>
    public const string Tiers = "tiers";

    /// <summary>An amount per credited conversion of one kind (times the creator's credit for it).</summary>
    public const string Bounty = "bounty";
}

/// <summary>What a percent or tiered rule is a share of.</summary>
public static class CommissionBases
{
    /// <summary>The creator's credited revenue under the plan's model.</summary>
    public const string Credited = "credited";

    /// <summary>Sales through the creator's own codes and links (the direct model), whole.</summary>
    public const string Direct = "direct";
}

/// <summary>One rule of a <see cref="CommissionPlan"/>. Immutable.</summary>
public sealed record CommissionRule
{
    public required string Kind { get; init; }

    /// <summary>The flat amount per period, or the bounty per conversion.</summary>
    public double Amount { get; init; }

    /// <summary>The percent rule's rate (0.1 is 10 %).</summary>
    public double Rate { get; init; }

    /// <summary><see cref="CommissionBases.Credited"/> or <see cref="CommissionBases.Direct"/>.</summary>
    public string Of { get; init; } = CommissionBases.Credited;

    /// <summary>The tiers' bands, by the revenue they start at, ascending from 0.</summary>
    public List<CommissionTier>? Tiers { get; init; }

    /// <summary>The bounty's conversion kind (purchase, signup, lead, download, install).</summary>
    public Events.ConversionKind? ConversionKind { get; init; }
}

/// <summary>A band of a tiered rule: <see cref="Rate"/> on the revenue from <see cref="From"/> to the next band's start.</summary>
public sealed record CommissionTier(double From, double Rate);
