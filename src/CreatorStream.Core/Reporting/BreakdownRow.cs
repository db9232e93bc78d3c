namespace CreatorStream.Core.Reporting;

/// <summary>
/// A campaign's figures on one platform or in one content format, to date (docs/design.md, "Outcomes"): the sums of its
/// posts, their credit under the reporting model, and the cost allocated to them.
/// </summary>
public sealed record BreakdownRow
{
    public long Posts { get; init; }
    public long Impressions { get; init; }

    /// <summary>Distinct users reached on the platform (null in a format's row: reach does not add up over posts).</summary>
    public long? Reach { get; init; }
    public long Engagements { get; init; }
    public long AuthenticEngagements { get; init; }
    public long Clicks { get; init; }
    public double? Ctr { get; init; }

    /// <summary>Conversions and revenue credited to these posts under the reporting model (direct credit names no post).</summary>
    public double Conversions { get; init; }
    public double Revenue { get; init; }

    /// <summary>Each creator's fixed costs split evenly over their posts, plus the commission on these posts' revenue.</summary>
    public double Cost { get; init; }
    public double? Roi { get; init; }
    public double? Roas { get; init; }
}
