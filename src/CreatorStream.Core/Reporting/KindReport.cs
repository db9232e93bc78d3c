namespace CreatorStream.Core.Reporting;

/// <summary>One conversion kind's outcomes for a campaign or a creator (docs/design.md, "Outcomes").</summary>
public sealed record KindReport
{
    /// <summary>Orders of this kind credited to the scope under any model (a refund does not uncount its order).</summary>
    public long Count { get; init; }

    /// <summary>Their value, net of refunds.</summary>
    public double Value { get; init; }

    /// <summary>Conversions, revenue and new customers of this kind credited under each model.</summary>
    public SortedDictionary<string, KindCreditReport> Credited { get; init; } = new(StringComparer.Ordinal);
}
