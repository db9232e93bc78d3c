using CreatorStream.Core.Events;
using CreatorStream.Core.Sketches;

namespace CreatorStream.Simulation;

/// <summary>
/// The brand sites' sessions that genuine clicks start (docs/design.md, "Outcomes", referral quality). Each creator
/// sends visitors of their own quality (a bounce share and a typical time on site drawn from their id): planted
/// differences the referral-quality figures must find. Everything about a visit is drawn from its click's id, not
/// from the simulation's random stream, so turning sessions on changes no other event of a seed.
/// </summary>
public static class SiteVisits
{
    // Sites see most visits, not all: consent banners and blockers lose about one in five.
    private const double TrackedShare = 0.8;

    // Most landing URLs carry the click's id; the rest only the tracked link (joined by link and time).
    private const double ClickIdShare = 0.75;

    /// <summary>Each creator's visitors bounce at their own rate, 15-75 %.</summary>
    public static double BounceShare(string creatorId) => 0.15 + (0.6 * Unit(UserHash.Of("visit-bounce|" + creatorId), 0));

    /// <summary>Each creator's visitors who stay do so for their own typical time: 20 s to 4 minutes (the mean of a uniform spread around it).</summary>
    public static double TypicalStayMs(string creatorId) => 20_000 + (220_000 * Unit(UserHash.Of("visit-stay|" + creatorId), 0));

    /// <summary>The session a genuine click starts on its brand's site, or null when the site did not see it.</summary>
    internal static SiteSession? For(Click click, string brandId)
    {
        var draws = UserHash.Of(click.EventId + "|visit");
        var more = UserHash.Of(click.EventId + "|visit-2");
        if (Unit(draws, 0) >= TrackedShare)
        {
            return null;
        }

        var bounced = Unit(draws, 16) < BounceShare(click.CreatorId);
        var duration = bounced ? (long)(Unit(draws, 32) * 10_000) : (long)(TypicalStayMs(click.CreatorId) * (0.2 + (1.6 * Unit(draws, 32))));
        var pageviews = bounced ? 1 : 2 + (int)(Unit(more, 0) * 7);
        var startedAt = click.Ts + 500 + (long)(Unit(more, 16) * 2_500);
        var byClickId = Unit(more, 32) < ClickIdShare;
        return new SiteSession
        {
            EventId = click.EventId + "-visit",
            Ts = startedAt + duration,
            UserId = click.UserId,
            BrandId = brandId,
            SessionId = "site-" + click.EventId,
            ClickEventId = byClickId ? click.EventId : null,
            LinkId = click.LinkId,
            UtmSource = click.UtmSource,
            UtmMedium = click.UtmMedium,
            UtmCampaign = click.UtmCampaign,
            UtmContent = click.UtmContent,
            ReferrerClass = ReferrerClass.Social,
            StartedAt = startedAt,
            DurationMs = duration,
            Pageviews = pageviews,
            Bounced = bounced,
        };
    }

    // Sixteen bits of the hash from bit 'shift' as a uniform draw in [0, 1).
    private static double Unit(ulong hash, int shift) => ((hash >> shift) & 0xFFFF) / 65536.0;
}
