using CreatorStream.Core.Events;

namespace CreatorStream.Core.Metrics;

/// <summary>
/// The additive counts of one aggregate (docs/design.md, "Metrics"). A mutable value. Deltas add; only a revision is
/// negative (an engagement judged authentic, then found part of an inauthentic group, leaves the authentic count).
/// </summary>
public struct Counters
{
    public long Impressions;
    public long Likes;
    public long Comments;
    public long Shares;
    public long Saves;
    public long AuthenticEngagements;

    /// <summary>Engagements judged inauthentic (revised ones included): "at risk". The rest of the engagements are awaiting judgement.</summary>
    public long InauthenticEngagements;
    public long Clicks;

    /// <summary>
    /// Clicks judged inauthentic (docs/design.md, "Authenticity"); the rest are authentic once judged. What the trends'
    /// click-through and conversion-rate drops count without (docs/design.md, "Trends"): bought clicks come in bursts.
    /// </summary>
    public long InauthenticClicks;

    /// <summary>Orders credited to the campaign (under any model), in the minute of the order; refunds do not subtract.</summary>
    public long Conversions;

    // Referral quality without site sessions (docs/design.md, "Outcomes"): what the clicks that carry dwell_ms or pages
    // say about the visit they started. Sums and their own counts, so every rolling view and every merge stays exact.

    /// <summary>Clicks that carried <c>dwell_ms</c> or <c>pages</c>: visits the report counts as sessions.</summary>
    public long Visits;

    /// <summary>Clicks that carried <c>dwell_ms</c>, and the sum of it.</summary>
    public long DwellClicks;
    public long DwellMs;

    /// <summary>Clicks that carried <c>pages</c>, the sum of it, and those with at most one page (bounced).</summary>
    public long PagedClicks;
    public long Pages;
    public long Bounces;

    /// <summary>
    /// Σ over the clicks that carried <c>dwell_ms</c> and did not bounce (<c>pages</c> absent or more than one) of
    /// min(<c>dwell_ms</c>, <see cref="EngagedVisitMs"/>): the quality-weighted traffic without site sessions.
    /// </summary>
    public long ClickEngagedMs;

    // Referral quality from site sessions joined to the scope's clicks (docs/design.md, "Outcomes", referral quality),
    // counted in the minute of the session: where a scope has any, they are its referral quality, not the clicks.

    /// <summary>Site sessions joined to a click of the scope, their durations and pageviews summed, and those the site called bounces.</summary>
    public long SiteSessions;
    public long SessionMs;
    public long SessionPages;
    public long SessionBounces;

    /// <summary>Σ over the sessions that did not bounce of min(<c>duration_ms</c>, <see cref="EngagedVisitMs"/>).</summary>
    public long SessionEngagedMs;

    /// <summary>
    /// The funnel (docs/design.md, "Outcomes"): distinct users who were reached, then also engaged, clicked and converted.
    /// Only on a campaign's and a creator's to-date figures (<see cref="Outcomes.FunnelTracker"/>).
    /// </summary>
    public long FunnelReached;
    public long FunnelEngaged;
    public long FunnelClicked;
    public long FunnelConverted;

    /// <summary>Distinct users who clicked (having been reached and engaged) and then landed: a site session joined to that creator's click.</summary>
    public long FunnelLanded;

    /// <summary>
    /// Authentic comments with text by sentiment, those that say something about the post, and those that name the brand
    /// (docs/design.md, "Content"; <see cref="Content.CommentTraits"/>), counted as judged and taken back by a revision.
    /// </summary>
    public long CommentsPositive;
    public long CommentsNeutral;
    public long CommentsNegative;
    public long CommentsMeaningful;
    public long BrandMentions;

    /// <summary>
    /// A visit that did not bounce is worth one once it lasts a minute, proportionally less below: the cap of the
    /// engaged time each visit adds to the quality-weighted traffic (docs/design.md, "Outcomes", referral quality).
    /// </summary>
    public const long EngagedVisitMs = 60_000;

    public readonly long Engagements => Likes + Comments + Shares + Saves;

    /// <summary>Clicks less those judged inauthentic (those awaiting judgement included).</summary>
    public readonly long AuthenticClicks => Clicks - InauthenticClicks;

    /// <summary>Engagements counted but not judged yet (events are judged a lag behind event time, docs/design.md "Authenticity").</summary>
    public readonly long AwaitingJudgement => Engagements - AuthenticEngagements - InauthenticEngagements;

    public readonly long this[EngagementKind kind] => kind switch
    {
        EngagementKind.Like => Likes,
        EngagementKind.Comment => Comments,
        EngagementKind.Share => Shares,
        _ => Saves,
    };

    public void AddEngagement(EngagementKind kind, bool authentic)
    {
        switch (kind)
        {
            case EngagementKind.Like: Likes++; break;
            case EngagementKind.Comment: Comments++; break;
            case EngagementKind.Share: Shares++; break;
            default: Saves++; break;
        }

        if (authentic)
        {
            AuthenticEngagements++;
        }
    }

    public void Add(in Counters other)
    {
        Impressions += other.Impressions;
        Likes += other.Likes;
        Comments += other.Comments;
        Shares += other.Shares;
        Saves += other.Saves;
        AuthenticEngagements += other.AuthenticEngagements;
        InauthenticEngagements += other.InauthenticEngagements;
        Clicks += other.Clicks;
        InauthenticClicks += other.InauthenticClicks;
        Conversions += other.Conversions;
        Visits += other.Visits;
        DwellClicks += other.DwellClicks;
        DwellMs += other.DwellMs;
        PagedClicks += other.PagedClicks;
        Pages += other.Pages;
        Bounces += other.Bounces;
        ClickEngagedMs += other.ClickEngagedMs;
        SiteSessions += other.SiteSessions;
        SessionMs += other.SessionMs;
        SessionPages += other.SessionPages;
        SessionBounces += other.SessionBounces;
        SessionEngagedMs += other.SessionEngagedMs;
        FunnelReached += other.FunnelReached;
        FunnelEngaged += other.FunnelEngaged;
        FunnelClicked += other.FunnelClicked;
        FunnelConverted += other.FunnelConverted;
        FunnelLanded += other.FunnelLanded;
        CommentsPositive += other.CommentsPositive;
        CommentsNeutral += other.CommentsNeutral;
        CommentsNegative += other.CommentsNegative;
        CommentsMeaningful += other.CommentsMeaningful;
        BrandMentions += other.BrandMentions;
    }

    /// <summary>Authentic comments with text, as sentiment counted them.</summary>
    public readonly long CommentsJudged => CommentsPositive + CommentsNeutral + CommentsNegative;

    /// <summary>Counts a site session joined to a click of this aggregate's scope.</summary>
    public void AddSession(long durationMs, int pageviews, bool bounced)
    {
        SiteSessions++;
        SessionMs += durationMs;
        SessionPages += pageviews;
        if (bounced)
        {
            SessionBounces++;
        }
        else
        {
            SessionEngagedMs += Math.Min(durationMs, EngagedVisitMs);
        }
    }

    /// <summary>Counts a click, with what it says about the visit it started.</summary>
    public void AddClick(long? dwellMs, int? pages)
    {
        Clicks++;
        if (dwellMs is null && pages is null)
        {
            return;
        }

        Visits++;
        if (dwellMs is { } dwell)
        {
            DwellClicks++;
            DwellMs += dwell;
            if (pages is not <= 1)
            {
                ClickEngagedMs += Math.Min(dwell, EngagedVisitMs);
            }
        }

        if (pages is { } count)
        {
            PagedClicks++;
            Pages += count;
            if (count <= 1)
            {
                Bounces++;
            }
        }
    }
}
