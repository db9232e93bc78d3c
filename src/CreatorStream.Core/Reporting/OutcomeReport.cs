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

    /// <summary>Visits: clicks that carried <c>dwell_ms</c> or <c>pages</c> (site sessions, until a session feed exists).</summary>
    public long Sessions { get; init; }

    /// <summary>Share of the clicks with <c>pages</c> that saw at most one page.</summary>
    public double? BounceRate { get; init; }

    /// <summary>Mean <c>dwell_ms</c> of the clicks that carried it.</summary>
    public double? AvgTimeOnSiteMs { get; init; }

    /// <summary>Mean <c>pages</c> of the clicks that carried it.</summary>
    public double? PagesPerSession { get; init; }

    /// <summary>Distinct users reached, then engaged, clicked and converted, with the drop-off at each step.</summary>
    public FunnelReport? Funnel { get; init; }
}
