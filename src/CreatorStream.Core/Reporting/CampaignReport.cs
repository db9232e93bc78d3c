namespace CreatorStream.Core.Reporting;

/// <summary>One campaign's section of the report.</summary>
public sealed record CampaignReport
{
    public TotalsReport Totals { get; init; } = new();
    public SortedDictionary<string, CreatorReport> Creators { get; init; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, ContentReport> Content { get; init; } = new(StringComparer.Ordinal);
    public List<AlertReport> Alerts { get; init; } = [];

    /// <summary>The goal's progress, pace and projection (docs/design.md, "Goals"); null without a goal. The same as <c>recommendations.goal</c>.</summary>
    public Recommendations.GoalProgress? Goal { get; init; }

    /// <summary>Figures per platform and per content format, with revenue, ROI and ROAS (docs/design.md, "Outcomes").</summary>
    public BreakdownsReport? Breakdowns { get; init; }

    /// <summary>Posts as reported, the deliverables tracker and compliance flags (docs/design.md, "Content").</summary>
    public PublishingReport? Publishing { get; init; }

    /// <summary>Estimates beyond tracked links (docs/design.md, "Estimates"): halo, code leaks, incrementality; absent until the stream made them.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public EstimatesReport? Estimates { get; init; }

    /// <summary>Commission statements per creator with a plan and period (docs/design.md, "Commissions"); absent without plans.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public CommissionsReport? Commissions { get; init; }

    /// <summary>Advice from these figures (docs/design.md, "Recommendations"): an addition to the design's document.</summary>
    public Recommendations.RecommendationsReport? Recommendations { get; init; }
}
