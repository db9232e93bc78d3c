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

    /// <summary>
    /// Days after an order before its commission is payable. A refund reverses its share whenever it comes (held or
    /// payable); once a statement is approved, a later refund is a correction in the next period (decision 0027).
    /// </summary>
    public int HoldDays { get; init; } = 30;

    /// <summary>
    /// How long a statement's period is: <see cref="StatementPeriods.Month"/> (the default), <see cref="StatementPeriods.Week"/>
    /// (Monday to Monday) or <see cref="StatementPeriods.Day"/>, in UTC.
    /// </summary>
    public string Period { get; init; } = StatementPeriods.Month;

    public List<CommissionRule> Rules { get; init; } = [];

    /// <summary>The longest hold: a refund after the order memory (90 days) finds no order to reverse.</summary>
    public const int MaxHoldDays = 90;

    /// <summary>
    /// Every setting of the plan in one line: a snapshot keeps it, so a restore under an edited plan makes the
    /// statements again at once rather than at the next order.
    /// </summary>
    public string Fingerprint() => FormattableString.Invariant($"{Model}|{HoldDays}|{Period}|") + string.Join(';', Rules.Select(r => FormattableString.Invariant(
        $"{r.Kind},{r.Amount:R},{r.Rate:R},{r.Of},{r.ConversionKind},{string.Join('/', (r.Tiers ?? []).Select(t => FormattableString.Invariant($"{t.From:R}:{t.Rate:R}")))}")));

    /// <summary>What is wrong with the plan, each naming its field (<c>rules[1].tiers</c>); empty when nothing is.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Attribution.AttributionModels.All.Contains(Model))
        {
            problems.Add($"model must be one of {string.Join(", ", Attribution.AttributionModels.All)}, not '{Model}'");
        }

        if (HoldDays < 0 || HoldDays > MaxHoldDays)
        {
            problems.Add($"hold_days must be from 0 to {MaxHoldDays} (no refund is known after the attributor's order memory), not {HoldDays}");
        }

        if (!StatementPeriods.All.Contains(Period))
        {
            problems.Add($"period must be one of {string.Join(", ", StatementPeriods.All)}, not '{Period}'");
        }

        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            var at = $"rules[{i}]";
            if (rule.Kind is not (CommissionKinds.Flat or CommissionKinds.Percent or CommissionKinds.Tiers or CommissionKinds.Bounty))
            {
                problems.Add($"{at}.kind must be one of flat, percent, tiers, bounty, not '{rule.Kind}'");
            }

            if (rule.Of is not (null or CommissionBases.Credited or CommissionBases.Direct))
            {
                problems.Add($"{at}.of must be credited or direct, not '{rule.Of}'");
            }

            if (rule.Kind == CommissionKinds.Percent && rule.Rate is < 0 or > 1)
            {
                problems.Add($"{at}.rate must be from 0 to 1, not {rule.Rate}");
            }

            if (rule.Kind == CommissionKinds.Tiers)
            {
                var tiers = rule.Tiers ?? [];
                if (tiers.Count == 0 || tiers[0].From != 0)
                {
                    problems.Add($"{at}.tiers must start from 0");
                }

                for (var t = 0; t < tiers.Count; t++)
                {
                    if ((t > 0 && tiers[t].From <= tiers[t - 1].From) || tiers[t].Rate is < 0 or > 1)
                    {
                        problems.Add($"{at}.tiers[{t}] must start above the band before it, with a rate from 0 to 1");
                    }
                }
            }

            if (rule.Kind == CommissionKinds.Bounty && rule.BountyKind is null)
            {
                problems.Add($"{at}.conversion_kind must be one of purchase, signup, lead, download, install for a bounty, not '{rule.ConversionKind}'");
            }

            if (rule.Kind is CommissionKinds.Flat or CommissionKinds.Bounty && rule.Amount < 0)
            {
                problems.Add($"{at}.amount must be 0 or more, not {rule.Amount}");
            }
        }

        return problems;
    }
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
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public double Amount { get; init; }

    /// <summary>The percent rule's rate (0.1 is 10 %).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public double Rate { get; init; }

    /// <summary><see cref="CommissionBases.Credited"/> (also when omitted) or <see cref="CommissionBases.Direct"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Of { get; init; }

    /// <summary>The tiers' bands, by the revenue they start at, ascending from 0.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<CommissionTier>? Tiers { get; init; }

    /// <summary>The bounty's conversion kind: purchase, signup, lead, download or install.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? ConversionKind { get; init; }

    /// <summary>The bounty's conversion kind as the events name it; null when not one of them. Derived: not in JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Events.ConversionKind? BountyKind =>
        Enum.TryParse<Events.ConversionKind>(ConversionKind, ignoreCase: true, out var kind) && ConversionKind is { } text && text == text.ToLowerInvariant() ? kind : null;
}

/// <summary>A band of a tiered rule: <see cref="Rate"/> on the revenue from <see cref="From"/> to the next band's start.</summary>
public sealed record CommissionTier(double From, double Rate);
