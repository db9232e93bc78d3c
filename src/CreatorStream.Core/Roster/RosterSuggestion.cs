using CreatorStream.Core.Estimates;

namespace CreatorStream.Core.Roster;

/// <summary>What to do with a creator at the next campaign, and why (docs/design.md, "Roster").</summary>
public static class RosterActions
{
    /// <summary>Give them more: their return on cost is above zero even at the low end of its interval, and their engagement is authentic.</summary>
    public const string Expand = "expand";

    /// <summary>Keep them as they are: the evidence does not clear either way.</summary>
    public const string Renew = "renew";

    /// <summary>Stop: their return stays below zero even at the high end of its interval, or their engagement is mostly not authentic.</summary>
    public const string Conclude = "conclude";
}

/// <summary>
/// The figures a suggestion rests on, pooled over the creator's campaigns in one currency (those of another currency
/// are listed in <see cref="LeftOut"/>, not converted). Intervals are 90 %. Immutable.
/// </summary>
public sealed record RosterEvidence
{
    public string Currency { get; init; } = "";

    public int Campaigns { get; init; }

    public IReadOnlyList<string> LeftOut { get; init; } = [];

    public required Interval Conversions { get; init; }

    /// <summary>Credited revenue with its interval; null when nothing bounds it (no conversion anywhere in the roster yet).</summary>
    public Interval? Revenue { get; init; }

    public double RevenueTotal { get; init; }

    public double Cost { get; init; }

    /// <summary>
    /// Return on cost, (revenue − cost) / cost, with revenue (and the commission on it) at the ends of its interval; null
    /// without cost or without a bound on revenue.
    /// </summary>
    public Interval? Roi { get; init; }

    public double? Cpa { get; init; }

    public long EngagementsJudged { get; init; }

    /// <summary>Authentic engagements among those judged (Wilson interval); null before any was judged.</summary>
    public Interval? AuthenticShare { get; init; }
}

/// <summary>
/// A roster suggestion for one creator (docs/design.md, "Roster"): the action, how sure (<c>high</c>: it holds at 99 %,
/// <c>medium</c>: at 90 %, <c>low</c>: a renewal because nothing clears), the reasons in words and the evidence.
/// </summary>
public sealed record RosterSuggestion
{
    public string CreatorId { get; init; } = "";

    public string Name { get; init; } = "";

    public string Action { get; init; } = "";

    public string Confidence { get; init; } = "";

    public IReadOnlyList<string> Reasons { get; init; } = [];

    public required RosterEvidence Evidence { get; init; }

    /// <summary>The creator's campaigns, oldest first, each with its own figures.</summary>
    public IReadOnlyList<CreatorCampaign> History { get; init; } = [];
}
