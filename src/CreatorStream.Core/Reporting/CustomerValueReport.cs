using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Reporting;

/// <summary>
/// What a scope's purchases did for the brand's customers, under one model (docs/design.md, "Customer value"): customers
/// acquired and returning, the acquired customers' repeat purchases within 30, 90 and 180 days (credited at the acquiring
/// order's shares), their cohort revenue, and ROI with that value beside ROI on the credited orders alone. Immutable.
/// </summary>
public sealed record CustomerValueReport
{
    /// <summary>Credited purchases that acquired a customer (their first the stream saw, not said to be a returning customer's).</summary>
    public double Acquired { get; init; }

    public double AcquiredRevenue { get; init; }

    /// <summary>Credited purchases from customers who had bought before.</summary>
    public double Returning { get; init; }

    /// <summary>Acquired customers who bought again within 30, 90 and 180 days of their first purchase, and that over those acquired.</summary>
    public required RepeatFigures Within30Days { get; init; }

    public required RepeatFigures Within90Days { get; init; }

    public required RepeatFigures Within180Days { get; init; }

    /// <summary>The acquiring purchases' revenue and the acquired customers' repeat revenue within 180 days.</summary>
    public double CohortRevenue { get; init; }

    /// <summary>
    /// (credited revenue − credited revenue of repeat purchases + the acquired customers' repeat revenue within 180 days
    /// − cost) / cost: each repeat purchase counted for whoever acquired its customer rather than for what led to it.
    /// Null without cost.
    /// </summary>
    public double? RoiWithCustomerValue { get; init; }

    /// <summary>The figures of one kind's credit, with the scope's credited revenue and cost for ROI.</summary>
    public static CustomerValueReport From(in KindCredit purchases, double creditedRevenue, double cost) => new()
    {
        Acquired = purchases.Acquired,
        AcquiredRevenue = purchases.AcquiredRevenue,
        Returning = purchases.Returning,
        Within30Days = RepeatFigures.Of(purchases.RepeatCustomers30, purchases.RepeatRevenue30, purchases.Acquired),
        Within90Days = RepeatFigures.Of(purchases.RepeatCustomers90, purchases.RepeatRevenue90, purchases.Acquired),
        Within180Days = RepeatFigures.Of(purchases.RepeatCustomers180, purchases.RepeatRevenue180, purchases.Acquired),
        CohortRevenue = purchases.AcquiredRevenue + purchases.RepeatRevenue180,
        RoiWithCustomerValue = Ratio.Of(creditedRevenue - purchases.RepeatOwnRevenue + purchases.RepeatRevenue180 - cost, cost),
    };
}

/// <summary>Repeat buyers among the acquired customers within one window, their share of those acquired, and their repeat revenue.</summary>
public sealed record RepeatFigures(double Customers, double? Rate, double Revenue)
{
    public static RepeatFigures Of(double customers, double revenue, double acquired) => new(customers, Ratio.OfCredit(customers, acquired), revenue);
}
