namespace CreatorStream.Core.Reporting;

/// <summary>A campaign's figures per platform and per content format, and the cost no post carries.</summary>
public sealed record BreakdownsReport
{
    public SortedDictionary<string, BreakdownRow> Platforms { get; init; } = new(StringComparer.Ordinal);

    /// <summary>By the posts' format; a post whose format is not known yet (no impression seen) is under <c>unknown</c>.</summary>
    public SortedDictionary<string, BreakdownRow> Formats { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The campaign's cost that no post carries: fixed costs of creators with no post yet, and commission on credit that
    /// names no post (direct credit, when it is the reporting model). The rows' costs plus this make the campaign's cost.
    /// </summary>
    public double UnallocatedCost { get; init; }
}
