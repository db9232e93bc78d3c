namespace CreatorStream.Core.Reporting;

/// <summary>
/// The outcomes a campaign's goal is judged by, for the campaign's totals and for each creator (docs/design.md,
/// "Outcomes"). Credited figures are under the campaign's reporting model; ratios are null without a denominator.
/// </summary>
public abstract record OutcomeReport
{
    /// <summary>Per conversion kind: orders credited to the scope under any model, their value net of refunds, and the credit under each model.</summary>
    public SortedDictionary<string, KindReport>? ConversionsByKind { get; init; }

    /// <summary>Credited conversions per click.</summary>
    public double? ConversionRate { get; init; }

    /// <summary>Credited conversions per reached user.</summary>
    public double? ConversionRateReach { get; init; }

    /// <summary>Average order value: credited purchase revenue per credited purchase.</summary>
    public double? Aov { get; init; }

    /// <summary>Credited conversions that said <c>is_new_customer</c>.</summary>
    public double NewCustomers { get; init; }

    /// <summary>Customers acquired, returning and repeating, cohort revenue and ROI with it (purchases under the reporting model; docs/design.md, "Customer value").</summary>
    public CustomerValueReport? CustomerValue { get; init; }

    /// <summary>Credited <c>lead</c> conversions.</summary>
    public double Leads { get; init; }

    /// <summary>Cost per credited lead.</summary>
    public double? CostPerLead { get; init; }

    /// <summary>Credited leads whose latest lead update says qualified or won.</summary>
    public double QualifiedLeads { get; init; }

    /// <summary>Cost per credited qualified lead.</summary>
    public double? CostPerQualifiedLead { get; init; }

    /// <summary>Credited leads whose latest lead update says won.</summary>
    public double WonLeads { get; init; }

    /// <summary>Won leads per lead (credited).</summary>
    public double? LeadToWonRate { get; init; }

    // Referral quality (docs/design.md, "Outcomes", referral quality): from the site sessions joined to the scope's
    // clicks where it has any, else from the clicks' own dwell_ms and pages; referral_source says which.

    /// <summary><c>sessions</c> (site sessions joined to the scope's clicks), <c>clicks</c> (their dwell_ms/pages), or null: no visit data.</summary>
    public string? ReferralSource { get; init; }

    /// <summary>Visits: joined site sessions, else clicks that carried <c>dwell_ms</c> or <c>pages</c>.</summary>
    public long Sessions { get; init; }

    /// <summary>Share of the visits that bounced.</summary>
    public double? BounceRate { get; init; }

    /// <summary>Mean time on site of the visits, in milliseconds.</summary>
    public double? AvgTimeOnSiteMs { get; init; }

    /// <summary>Mean pages of the visits.</summary>
    public double? PagesPerSession { get; init; }

    /// <summary>Visits weighted by quality: a bounce counts 0, any other visit min(1, its time on site / 60 s).</summary>
    public double? QualityWeightedTraffic { get; init; }

    /// <summary>Distinct users reached, then engaged, clicked and converted, with the drop-off at each step.</summary>
    public FunnelReport? Funnel { get; init; }
}
