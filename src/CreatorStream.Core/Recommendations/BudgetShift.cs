namespace CreatorStream.Core.Recommendations;

/// <summary>
/// Move <see cref="Amount"/> from one creator to another, the expected change in attributed revenue and its 95% range.
/// The evidence (each side's ROAS and conversions) is included. Immutable.
/// </summary>
public sealed record BudgetShift
{
    public string FromCreatorId { get; init; } = "";
    public string ToCreatorId { get; init; } = "";
    public double Amount { get; init; }
    public string Currency { get; init; } = "";
    public double FromRoas { get; init; }
    public double ToRoas { get; init; }
    public double FromConversions { get; init; }
    public double ToConversions { get; init; }
    public double ExpectedRevenueChange { get; init; }
    public double ExpectedRevenueChangeLow { get; init; }
    public double ExpectedRevenueChangeHigh { get; init; }

    /// <summary><c>low</c>, <c>medium</c> or <c>high</c>: how much data stands behind the estimate.</summary>
    public string Confidence { get; init; } = "";
    public string Rationale { get; init; } = "";
}
