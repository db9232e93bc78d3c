using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.State;

/// <summary>An aggregate as read from a store: counts, estimated reach, and freshness. Immutable.</summary>
public sealed record AggregateView(Counters Counters, long Reach, long? LastEventTs, long? UpdatedAtMs, ContentFormat? Format)
{
    public static AggregateView Empty { get; } = new(default, 0, null, null, null);

    /// <summary>Authentic engagements per reached user (docs/design.md, "Metrics"); null when nobody was reached.</summary>
    public double? EngagementRate => Ratio.Of(Counters.AuthenticEngagements, Reach);

    /// <summary>Clicks per impression; null without impressions.</summary>
    public double? Ctr => Ratio.Of(Counters.Clicks, Counters.Impressions);

    // Referral quality (docs/design.md, "Outcomes", referral quality): from the site sessions joined to the scope's
    // clicks where it has any, else from what its clicks carried (dwell_ms, pages).

    /// <summary>Where the referral quality comes from: site sessions, clicks with visit data, or nothing yet.</summary>
    public ReferralSource ReferralSource =>
        Counters.SiteSessions > 0 ? ReferralSource.Sessions : Counters.Visits > 0 ? ReferralSource.Clicks : ReferralSource.None;

    /// <summary>Visits: joined site sessions, else clicks that carried <c>dwell_ms</c> or <c>pages</c>.</summary>
    public long Sessions => Counters.SiteSessions > 0 ? Counters.SiteSessions : Counters.Visits;

    /// <summary>Share of visits that bounced (the site's verdict; a click with at most one page); null without any.</summary>
    public double? BounceRate => Counters.SiteSessions > 0
        ? Ratio.Of(Counters.SessionBounces, Counters.SiteSessions)
        : Ratio.Of(Counters.Bounces, Counters.PagedClicks);

    /// <summary>Mean duration of the sessions, else mean <c>dwell_ms</c> of the clicks that carried it; null without any.</summary>
    public double? AvgTimeOnSiteMs => Counters.SiteSessions > 0
        ? Ratio.Of(Counters.SessionMs, Counters.SiteSessions)
        : Ratio.Of(Counters.DwellMs, Counters.DwellClicks);

    /// <summary>Mean pageviews of the sessions, else mean <c>pages</c> of the clicks that carried it; null without any.</summary>
    public double? PagesPerSession => Counters.SiteSessions > 0
        ? Ratio.Of(Counters.SessionPages, Counters.SiteSessions)
        : Ratio.Of(Counters.Pages, Counters.PagedClicks);

    /// <summary>
    /// Visits weighted by quality: a bounce is worth nothing, any other visit min(1, its time / one minute)
    /// (<see cref="Counters.EngagedVisitMs"/>). From sessions where the scope has any, else from the clicks that carried
    /// <c>dwell_ms</c>; null when neither (clicks with <c>pages</c> alone say nothing of time).
    /// </summary>
    public double? QualityWeightedTraffic => Counters.SiteSessions > 0
        ? (double)Counters.SessionEngagedMs / Counters.EngagedVisitMs
        : Counters.DwellClicks > 0 ? (double)Counters.ClickEngagedMs / Counters.EngagedVisitMs : null;

    /// <summary>Earliest event time seen (ms): for a post, about when it went up.</summary>
    public long? FirstEventTs { get; init; }

    public static AggregateView Of(Aggregate aggregate) =>
        new(aggregate.Counters, aggregate.Reach.Count(), aggregate.LastEventTs, aggregate.UpdatedAtMs, aggregate.Format) { FirstEventTs = aggregate.FirstEventTs };
}
