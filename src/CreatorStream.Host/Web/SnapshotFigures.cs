using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;

namespace CreatorStream.Host.Web;

/// <summary>The figures of the campaign, a creator, a platform, or a creator on a platform in a live snapshot, with when they last changed (freshness).</summary>
public sealed record SnapshotFigures
{
    public string? CreatorId { get; init; }
    public string? Name { get; init; }

    /// <summary>Set on per-platform figures (the campaign's, or one creator's on one platform).</summary>
    public string? Platform { get; init; }
    public long Impressions { get; init; }
    public long Reach { get; init; }
    public EngagementCounts Engagements { get; init; } = new();
    public long AuthenticEngagements { get; init; }

    /// <summary>What the window's authentic comments said: by sentiment, net sentiment, quality, brand mentions (docs/design.md, "Content").</summary>
    public CommentsReport Comments { get; init; } = new();

    /// <summary>Engagements judged inauthentic (at risk); the rest of those not authentic are awaiting judgement.</summary>
    public long InauthenticEngagements { get; init; }

    /// <summary>Engagements counted but not judged yet (judged a lag behind event time: docs/design.md, "Authenticity").</summary>
    public long AwaitingJudgement { get; init; }

    public double? EngagementRate { get; init; }
    public long Clicks { get; init; }
    public double? Ctr { get; init; }
    public double Emv { get; init; }

    /// <summary>Credited under the campaign's reporting model, to date; null in rolling windows (credit is not kept per minute).</summary>
    public double? Conversions { get; init; }
    public double? Revenue { get; init; }
    public double? Cost { get; init; }
    public double? Roi { get; init; }
    public double? Roas { get; init; }
    public double? Cpa { get; init; }

    /// <summary>
    /// Visits and their quality over the window (docs/design.md, "Outcomes", referral quality): from the site sessions
    /// joined to the scope's clicks where it has any, else from the clicks' dwell_ms and pages; the source says which.
    /// </summary>
    public string? ReferralSource { get; init; }
    public long Sessions { get; init; }
    public double? BounceRate { get; init; }
    public double? AvgTimeOnSiteMs { get; init; }
    public double? PagesPerSession { get; init; }
    public double? QualityWeightedTraffic { get; init; }

    /// <summary>Outcomes under the reporting model, to date; null in rolling windows (credit is not kept per minute).</summary>
    public double? ConversionRate { get; init; }
    public double? Aov { get; init; }
    public double? Leads { get; init; }
    public double? CostPerLead { get; init; }
    public double? QualifiedLeads { get; init; }
    public double? CostPerQualifiedLead { get; init; }
    public double? LeadToWonRate { get; init; }
    public double? NewCustomers { get; init; }

    /// <summary>The funnel of distinct users (docs/design.md, "Outcomes"), to date only: a distinct count does not add up over minutes.</summary>
    public FunnelReport? Funnel { get; init; }

    /// <summary>Wall-clock ms when these figures last changed; null when nothing has arrived yet.</summary>
    public long? UpdatedAt { get; init; }

    /// <summary>One set of figures, the same ratios as the report (a zero denominator gives null).</summary>
    public static SnapshotFigures Of(AggregateView view, double emv) => new()
    {
        Impressions = view.Counters.Impressions,
        Reach = view.Reach,
        Engagements = EngagementCounts.From(view.Counters),
        AuthenticEngagements = view.Counters.AuthenticEngagements,
        Comments = CommentsReport.Of(view.Counters),
        InauthenticEngagements = view.Counters.InauthenticEngagements,
        AwaitingJudgement = view.Counters.AwaitingJudgement,
        EngagementRate = view.EngagementRate,
        Clicks = view.Counters.Clicks,
        Ctr = view.Ctr,
        Emv = emv,
        ReferralSource = Core.Reporting.ReportBuilder.ReferralSourceName(view.ReferralSource),
        Sessions = view.Sessions,
        BounceRate = view.BounceRate,
        AvgTimeOnSiteMs = view.AvgTimeOnSiteMs,
        PagesPerSession = view.PagesPerSession,
        QualityWeightedTraffic = view.QualityWeightedTraffic,
        UpdatedAt = view.UpdatedAtMs,
    };

    /// <summary>These figures with the report's credited outcomes for the same scope, to date only (the report's own values).</summary>
    public SnapshotFigures WithOutcomes(OutcomeReport outcomes, bool toDate) => toDate
        ? this with
        {
            ConversionRate = outcomes.ConversionRate,
            Aov = outcomes.Aov,
            Leads = outcomes.Leads,
            CostPerLead = outcomes.CostPerLead,
            QualifiedLeads = outcomes.QualifiedLeads,
            CostPerQualifiedLead = outcomes.CostPerQualifiedLead,
            LeadToWonRate = outcomes.LeadToWonRate,
            NewCustomers = outcomes.NewCustomers,
            Funnel = outcomes.Funnel,
        }
        : this;
}
