namespace CreatorStream.Core.Recommendations;

/// <summary>
/// Advice for one creator written from measured figures, with the figures it rests on (docs/design.md,
/// "Recommendations", creator suggestions). Immutable.
/// </summary>
public sealed record CreatorSuggestion
{
    public string CreatorId { get; init; } = "";

    /// <summary><c>brief_format</c>: the creator's audience converts more on one format than on another, beyond chance.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The stronger format, and the weaker one it was compared with.</summary>
    public string Format { get; init; } = "";
    public string ComparedWith { get; init; } = "";

    /// <summary>Conversions per impression of the stronger format over the weaker's; null when the weaker sold nothing.</summary>
    public double? Ratio { get; init; }

    /// <summary>How often a split of the same posts into the two formats shows a gap as large: the permutation test's one-sided p.</summary>
    public double PValue { get; init; }

    /// <summary>The two formats' figures in this creator's audience.</summary>
    public FormatOutcome Evidence { get; init; } = new();
    public FormatOutcome ComparedEvidence { get; init; } = new();

    /// <summary>The suggestion in words, with its numbers.</summary>
    public string Message { get; init; } = "";
}
