using CreatorStream.Host.Export;

namespace CreatorStream.Host.Web;

/// <summary>
/// The export columns of the two tables, defined once for CSV and Arrow: the JSON rows flattened (engagements.like →
/// likes, …, engagements.total → engagements), in the order a person reads them. Names are the JSON field names.
/// </summary>
public static class TableColumns
{
    public static IReadOnlyList<ColumnSpec<SnapshotFigures>> Creators { get; } =
    [
        ColumnSpec<SnapshotFigures>.Text("creator_id", r => r.CreatorId),
        ColumnSpec<SnapshotFigures>.Text("name", r => r.Name),
        ColumnSpec<SnapshotFigures>.Int64("impressions", r => r.Impressions),
        ColumnSpec<SnapshotFigures>.Int64("reach", r => r.Reach),
        ColumnSpec<SnapshotFigures>.Int64("likes", r => r.Engagements.Like),
        ColumnSpec<SnapshotFigures>.Int64("comments", r => r.Engagements.Comment),
        ColumnSpec<SnapshotFigures>.Int64("shares", r => r.Engagements.Share),
        ColumnSpec<SnapshotFigures>.Int64("saves", r => r.Engagements.Save),
        ColumnSpec<SnapshotFigures>.Int64("engagements", r => r.Engagements.Total),
        ColumnSpec<SnapshotFigures>.Int64("authentic_engagements", r => r.AuthenticEngagements),
        ColumnSpec<SnapshotFigures>.Float64("engagement_rate", r => r.EngagementRate),
        ColumnSpec<SnapshotFigures>.Int64("clicks", r => r.Clicks),
        ColumnSpec<SnapshotFigures>.Float64("ctr", r => r.Ctr),
        ColumnSpec<SnapshotFigures>.Float64("emv", r => r.Emv),
        ColumnSpec<SnapshotFigures>.Float64("conversions", r => r.Conversions),
        ColumnSpec<SnapshotFigures>.Float64("revenue", r => r.Revenue),
        ColumnSpec<SnapshotFigures>.Float64("cost", r => r.Cost),
        ColumnSpec<SnapshotFigures>.Float64("roi", r => r.Roi),
        ColumnSpec<SnapshotFigures>.Float64("roas", r => r.Roas),
        ColumnSpec<SnapshotFigures>.Float64("cpa", r => r.Cpa),
        ColumnSpec<SnapshotFigures>.Float64("conversion_rate", r => r.ConversionRate),
        ColumnSpec<SnapshotFigures>.Float64("aov", r => r.Aov),
        ColumnSpec<SnapshotFigures>.Float64("leads", r => r.Leads),
        ColumnSpec<SnapshotFigures>.Float64("cost_per_lead", r => r.CostPerLead),
        ColumnSpec<SnapshotFigures>.Float64("qualified_leads", r => r.QualifiedLeads),
        ColumnSpec<SnapshotFigures>.Float64("cost_per_qualified_lead", r => r.CostPerQualifiedLead),
        ColumnSpec<SnapshotFigures>.Float64("lead_to_won_rate", r => r.LeadToWonRate),
        ColumnSpec<SnapshotFigures>.Float64("new_customers", r => r.NewCustomers),
        ColumnSpec<SnapshotFigures>.Text("referral_source", r => r.ReferralSource),
        ColumnSpec<SnapshotFigures>.Int64("sessions", r => r.Sessions),
        ColumnSpec<SnapshotFigures>.Float64("bounce_rate", r => r.BounceRate),
        ColumnSpec<SnapshotFigures>.Float64("avg_time_on_site_ms", r => r.AvgTimeOnSiteMs),
        ColumnSpec<SnapshotFigures>.Float64("pages_per_session", r => r.PagesPerSession),
        ColumnSpec<SnapshotFigures>.Float64("quality_weighted_traffic", r => r.QualityWeightedTraffic),
        ColumnSpec<SnapshotFigures>.Int64("funnel_reached", r => r.Funnel?.Reached),
        ColumnSpec<SnapshotFigures>.Int64("funnel_engaged", r => r.Funnel?.Engaged),
        ColumnSpec<SnapshotFigures>.Int64("funnel_clicked", r => r.Funnel?.Clicked),
        ColumnSpec<SnapshotFigures>.Int64("funnel_landed", r => r.Funnel?.Landed),
        ColumnSpec<SnapshotFigures>.Int64("funnel_converted", r => r.Funnel?.Converted),
        ColumnSpec<SnapshotFigures>.TimestampMs("updated_at", r => r.UpdatedAt),
    ];

    public static IReadOnlyList<ColumnSpec<ContentRow>> Content { get; } =
    [
        ColumnSpec<ContentRow>.Text("content_id", r => r.ContentId),
        ColumnSpec<ContentRow>.Text("creator_id", r => r.CreatorId),
        ColumnSpec<ContentRow>.Text("creator_name", r => r.CreatorName),
        ColumnSpec<ContentRow>.Text("platform", r => r.Platform),
        ColumnSpec<ContentRow>.Text("content_format", r => r.ContentFormat),
        ColumnSpec<ContentRow>.Int64("impressions", r => r.Impressions),
        ColumnSpec<ContentRow>.Int64("reach", r => r.Reach),
        ColumnSpec<ContentRow>.Int64("likes", r => r.Engagements.Like),
        ColumnSpec<ContentRow>.Int64("comments", r => r.Engagements.Comment),
        ColumnSpec<ContentRow>.Int64("shares", r => r.Engagements.Share),
        ColumnSpec<ContentRow>.Int64("saves", r => r.Engagements.Save),
        ColumnSpec<ContentRow>.Int64("engagements", r => r.Engagements.Total),
        ColumnSpec<ContentRow>.Int64("authentic_engagements", r => r.AuthenticEngagements),
        ColumnSpec<ContentRow>.Float64("engagement_rate", r => r.EngagementRate),
        ColumnSpec<ContentRow>.Int64("clicks", r => r.Clicks),
        ColumnSpec<ContentRow>.Float64("ctr", r => r.Ctr),
        ColumnSpec<ContentRow>.Float64("conversions", r => r.Conversions),
        ColumnSpec<ContentRow>.Float64("revenue", r => r.Revenue),
        ColumnSpec<ContentRow>.Float64("emv", r => r.Emv),
        ColumnSpec<ContentRow>.Int64("funnel_reached", r => r.Funnel?.Reached),
        ColumnSpec<ContentRow>.Int64("funnel_engaged", r => r.Funnel?.Engaged),
        ColumnSpec<ContentRow>.Int64("funnel_clicked", r => r.Funnel?.Clicked),
        ColumnSpec<ContentRow>.Int64("funnel_landed", r => r.Funnel?.Landed),
        ColumnSpec<ContentRow>.Int64("funnel_converted", r => r.Funnel?.Converted),
        ColumnSpec<ContentRow>.TimestampMs("updated_at", r => r.UpdatedAt),
    ];
}
