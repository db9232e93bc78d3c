// The site snippet's visit (docs/design.md, "Collector"): which tracked link a landing came through, and whether a
// page load continues the visit in progress or starts a new one. Pure, so it is tested without a browser.

/** Minutes without activity that end a visit, as web analytics count a session. */
export const visitIdleMs = 30 * 60_000;

export interface Landing {
  link_id: string;
  utm: Record<string, string>;
  extra: Record<string, string>;
}

export interface Visit {
  id: string;
  started_at: number;
  last_at: number;
  pageviews: number;
  click_event_id?: string;
  link_id?: string;
  utm: Record<string, string>;
  /** Where the visit came from, judged at its first page (absent from visits stored by an older snippet). */
  referrer_class?: ReferrerClass;
}

const utmNames = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content'];
const extraNames: Record<string, string> = { cs_campaign: 'campaign_id', cs_post: 'content_id', cs_platform: 'platform' };

/** The tracked link a URL landed through (its `cs_link`), with its UTM fields and the campaign, post and platform it names; null without one. */
export function landingOf(url: URL): Landing | null {
  const link = url.searchParams.get('cs_link');
  if (!link) {
    return null;
  }
  const utm: Record<string, string> = {};
  for (const name of utmNames) {
    const value = url.searchParams.get(name);
    if (value) {
      utm[name] = value;
    }
  }
  const extra: Record<string, string> = {};
  for (const [name, field] of Object.entries(extraNames)) {
    const value = url.searchParams.get(name);
    if (value) {
      extra[field] = value;
    }
  }
  return { link_id: link, utm, extra };
}

/** Whether a visit last active at {@link Visit.last_at} is still going on at `now`. */
export function isActive(visit: Visit, now: number): boolean {
  return now - visit.last_at < visitIdleMs;
}

/**
 * The visit a page load belongs to: the one in progress, one page longer, unless it has been idle for
 * {@link visitIdleMs} or this load lands through another tracked link (a new click starts a new visit, as a new
 * campaign source does in web analytics); then a new visit, credited to the landing's link when there is one. A
 * landing through the link the visit came by (a reload, the back button) continues it: it is the same click.
 */
export function sessionFor(previous: Visit | null, landing: Landing | null, now: number, newVisitId: () => string, newClickId: () => string): Visit {
  if (previous && isActive(previous, now) && (!landing || landing.link_id === previous.link_id)) {
    return { ...previous, last_at: now, pageviews: previous.pageviews + 1 };
  }
  return {
    id: newVisitId(),
    started_at: now,
    last_at: now,
    pageviews: 1,
    ...(landing ? { click_event_id: newClickId(), link_id: landing.link_id } : {}),
    utm: landing ? landing.utm : {},
  };
}

/** Where a visit came from, in the words of the session's `referrer_class` (docs/design.md, "Events"). */
export type ReferrerClass = 'social' | 'search' | 'direct' | 'email' | 'referral' | 'paid' | 'other' | 'coupon';

const searchHosts = /(^|\.)(google|bing|duckduckgo|yahoo|baidu|yandex|ecosia|qwant|startpage)\.[a-z.]+$/;
// Coupon and deal sites: where a creator's code shows up once it has leaked (docs/design.md, "Estimates", code leaks).
const couponHosts = /(^|\.)(retailmenot\.[a-z.]+|joinhoney\.com|honey\.com|slickdeals\.net|coupons\.com|couponfollow\.com|couponbirds\.com|dealspotr\.com|knoji\.com|wethrift\.com|promocodes\.com|groupon\.[a-z.]+|capitaloneshopping\.com|rakuten\.[a-z.]+|vouchercodes\.co\.uk|hotukdeals\.com|mydealz\.de|dealabs\.com|savings\.com|dontpayfull\.com)$/;
const socialHosts = /(^|\.)(instagram\.com|facebook\.com|fb\.com|messenger\.com|t\.co|twitter\.com|x\.com|tiktok\.com|youtube\.com|youtu\.be|linkedin\.com|lnkd\.in|pinterest\.[a-z.]+|reddit\.com|threads\.net|snapchat\.com|twitch\.tv|whatsapp\.com|telegram\.org|t\.me)$/;

/**
 * The class of a visit's first page: what its UTM medium says when it names one (email, paid), else by the referring
 * page's host (a coupon site, a search engine, a social platform, another site), and direct without a referrer. A referrer on the
 * site's own host is no source: the visit is one already going on, or a page opened again (direct).
 */
export function referrerClassOf(referrer: string, ownHost: string, utmMedium: string | undefined): ReferrerClass {
  const medium = (utmMedium ?? '').toLowerCase();
  if (medium === 'email' || medium === 'newsletter') return 'email';
  if (['cpc', 'ppc', 'paid', 'paid_social', 'paidsocial', 'display', 'cpm'].includes(medium)) return 'paid';
  if (medium === 'social' || medium === 'social_media') return 'social';
  let host: string;
  try {
    host = referrer ? new URL(referrer).hostname.toLowerCase() : '';
  } catch {
    return 'other';
  }
  if (!host || host === ownHost.toLowerCase()) return 'direct';
  if (couponHosts.test(host)) return 'coupon';
  if (searchHosts.test(host)) return 'search';
  if (socialHosts.test(host)) return 'social';
  return 'referral';
}
