namespace CreatorStream.Core.Recommendations;

/// <summary>
/// One content format's outcomes in one audience segment (a creator's audience, or a platform's), to date: its posts'
/// impressions and clicks, and the conversions and revenue credited to them under the reporting model (docs/design.md,
/// "Recommendations", formats by outcome). Immutable.
/// </summary>
public sealed record FormatOutcome
{
    /// <summary><c>creator</c> or <c>platform</c>.</summary>
    public string Segment { get; init; } = "";

    /// <summary>The creator's id or the platform's wire name.</summary>
    public string SegmentId { get; init; } = "";
    public string ContentFormat { get; init; } = "";
    public int Posts { get; init; }
    public long Impressions { get; init; }
    public long Clicks { get; init; }
    public double Conversions { get; init; }
    public double Revenue { get; init; }

    /// <summary>Credited conversions per 1,000 impressions; null without impressions.</summary>
    public double? ConversionsPerThousand { get; init; }

    /// <summary>Credited revenue per 1,000 impressions; null without impressions.</summary>
    public double? RevenuePerThousand { get; init; }

    /// <summary>The segment's best format by conversions per impression among those with enough impressions to judge.</summary>
    public bool Best { get; init; }
}
