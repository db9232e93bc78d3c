namespace CreatorStream.Core.Configuration;

/// <summary>
/// The five goal types and the KPIs each is judged by, primary first (docs/design.md, "Goals"). Every KPI is a figure of
/// the campaign's totals in the report; which are better when lower, and which grow with time (and so can be projected
/// to the goal's end), is stated here once.
/// </summary>
public static class GoalKpis
{
    public const string Awareness = "awareness";
    public const string Engagement = "engagement";
    public const string WebsiteTraffic = "website_traffic";
    public const string LeadGeneration = "lead_generation";
    public const string Sales = "sales";

    /// <summary>Each goal type's KPIs, its primary ones first.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByType { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Awareness] = ["reach", "impressions", "emv", "cpm"],
        [Engagement] = ["engagements", "engagement_rate", "cpe"],
        [WebsiteTraffic] = ["clicks", "sessions", "ctr", "bounce_rate", "avg_time_on_site_ms", "pages_per_session"],
        [LeadGeneration] = ["leads", "cost_per_lead", "conversion_rate", "conversions", "qualified_leads", "cost_per_qualified_lead", "lead_to_won_rate"],
        [Sales] = ["revenue", "conversions", "roas", "roi", "cpa", "aov", "new_customers", "conversion_rate"],
    };

    /// <summary>How many of a type's KPIs (from the start of its list) are its primary ones.</summary>
    public const int PrimaryCount = 2;

    public static IReadOnlyList<string> Types { get; } = [Awareness, Engagement, WebsiteTraffic, LeadGeneration, Sales];

    /// <summary>KPIs that are better when lower (a cost per result, a bounce rate): met when at or below the target.</summary>
    public static bool LowerIsBetter(string kpi) => kpi is "cpm" or "cpe" or "cpa" or "cost_per_lead" or "cost_per_qualified_lead" or "bounce_rate";

    /// <summary>
    /// KPIs that add up over time (counts and sums of events): projected to the goal's end from their pace so far. Reach
    /// is not among them: distinct users grow ever slower as an audience is used up, and a straight line would promise
    /// too much. Ratios are judged as they stand.
    /// </summary>
    public static bool Accumulates(string kpi) => kpi is "impressions" or "emv" or "engagements" or "clicks" or "sessions"
        or "leads" or "qualified_leads" or "conversions" or "revenue" or "new_customers";
}
