namespace CreatorStream.Core.Recommendations;

/// <summary>
/// Advice for a campaign, computed from its measured figures (docs/design.md, "Recommendations"); every item carries the numbers it
/// came from, so it can be traced back. Immutable.
/// </summary>
public sealed record RecommendationsReport
{
    /// <summary>The attribution model the money figures use (the campaign's reporting model).</summary>
    public string Model { get; init; } = "";
    public List<CreatorRanking> Ranking { get; init; } = [];
    public List<RecommendationFlag> Flags { get; init; } = [];
    public BudgetShift? BudgetShift { get; init; }

    /// <summary>Why there is no budget shift, when there is none.</summary>
    public string? BudgetShiftNote { get; init; }
    public List<PostingWindow> PostingWindows { get; init; } = [];

    /// <summary>When each creator's audience is responsive, from the hours of its own events (<see cref="AudienceWindows"/>); empty without the hourly series.</summary>
    public List<AudienceWindow> AudienceWindows { get; init; } = [];
    public List<FormatPerformance> ContentFormats { get; init; } = [];

    /// <summary>Each format's credited conversions and revenue per creator and per platform (<see cref="FormatAdvice"/>).</summary>
    public List<FormatOutcome> FormatOutcomes { get; init; } = [];

    /// <summary>Creator-specific advice from those figures, each with its evidence.</summary>
    public List<CreatorSuggestion> Suggestions { get; init; } = [];
    public GoalProgress? Goal { get; init; }
}
