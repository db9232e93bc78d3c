import { describe, expect, it } from 'vitest';
import { landingOf, referrerClassOf, sessionFor, visitIdleMs, type Visit } from '../src/snippet/visit';

const ids = () => {
  let n = 0;
  return () => `id${++n}`;
};

describe('the snippet reads a landing', () => {
  it('takes the tracked link, its UTM fields and the campaign, post and platform it names', () => {
    const landing = landingOf(new URL('https://shop.example/p?cs_link=lnk-anna-ig&utm_source=instagram&utm_content=post-7&cs_campaign=spring&cs_post=post-7&cs_platform=instagram&other=1'));
    expect(landing).toEqual({
      link_id: 'lnk-anna-ig',
      utm: { utm_source: 'instagram', utm_content: 'post-7' },
      extra: { campaign_id: 'spring', content_id: 'post-7', platform: 'instagram' },
    });
  });

  it('is no landing without cs_link, whatever the UTM fields', () => {
    expect(landingOf(new URL('https://shop.example/?utm_source=instagram'))).toBeNull();
  });
});

describe('the snippet counts visits', () => {
  const landing = landingOf(new URL('https://shop.example/?cs_link=lnk-1&utm_source=tiktok'));
  const visit: Visit = { id: 's1', started_at: 1_000, last_at: 5_000, pageviews: 2, click_event_id: 'c1', link_id: 'lnk-1', utm: {} };

  it('continues the visit in progress one page longer', () => {
    expect(sessionFor(visit, null, 5_000 + visitIdleMs - 1, ids(), ids())).toEqual({ ...visit, last_at: 5_000 + visitIdleMs - 1, pageviews: 3 });
  });

  it('starts a new visit after 30 idle minutes, without the old one\'s link', () => {
    expect(sessionFor(visit, null, 5_000 + visitIdleMs, ids(), ids())).toEqual({ id: 'id1', started_at: 5_000 + visitIdleMs, last_at: 5_000 + visitIdleMs, pageviews: 1, utm: {} });
  });

  it('starts a new visit, credited to its link, at a landing through another link even within 30 minutes', () => {
    const other = landingOf(new URL('https://shop.example/?cs_link=lnk-2&utm_source=tiktok'));
    expect(sessionFor(visit, other, 6_000, ids(), () => 'c2')).toEqual({
      id: 'id1', started_at: 6_000, last_at: 6_000, pageviews: 1, click_event_id: 'c2', link_id: 'lnk-2', utm: { utm_source: 'tiktok' },
    });
  });

  it('continues the visit at a landing through its own link (a reload, the back button): no second click', () => {
    expect(sessionFor(visit, landing, 6_000, ids(), ids())).toEqual({ ...visit, last_at: 6_000, pageviews: 3 });
  });

  it('starts a new visit through the same link once the old one has been idle for 30 minutes', () => {
    expect(sessionFor(visit, landing, 5_000 + visitIdleMs, ids(), () => 'c3').click_event_id).toBe('c3');
  });
});

describe('the snippet classes where a visit came from', () => {
  const own = 'shop.example';

  it('reads search engines and social platforms by the referring host', () => {
    expect(referrerClassOf('https://www.google.com/search?q=acme', own, undefined)).toBe('search');
    expect(referrerClassOf('https://duckduckgo.com/', own, undefined)).toBe('search');
    expect(referrerClassOf('https://l.instagram.com/?u=x', own, undefined)).toBe('social');
    expect(referrerClassOf('https://t.co/abc', own, undefined)).toBe('social');
    expect(referrerClassOf('https://www.youtube.com/watch?v=1', own, undefined)).toBe('social');
  });

  it('names coupon and deal sites, where leaked codes are found', () => {
    expect(referrerClassOf('https://www.retailmenot.com/view/shop.example', own, undefined)).toBe('coupon');
    expect(referrerClassOf('https://slickdeals.net/f/123', own, undefined)).toBe('coupon');
    expect(referrerClassOf('https://www.vouchercodes.co.uk/shop', own, undefined)).toBe('coupon');
    expect(referrerClassOf('https://notretailmenot.example.com/', own, undefined)).toBe('referral');
  });

  it('takes the UTM medium first, when it names email, paid or social', () => {
    expect(referrerClassOf('https://www.google.com/', own, 'cpc')).toBe('paid');
    expect(referrerClassOf('', own, 'email')).toBe('email');
    expect(referrerClassOf('', own, 'social')).toBe('social');
  });

  it('is direct without a referrer or from the site itself, a referral from any other site', () => {
    expect(referrerClassOf('', own, undefined)).toBe('direct');
    expect(referrerClassOf('https://shop.example/cart', own, undefined)).toBe('direct');
    expect(referrerClassOf('https://blog.example.org/post', own, undefined)).toBe('referral');
    expect(referrerClassOf('https://notgoogle.company.io/', own, undefined)).toBe('referral');
    expect(referrerClassOf('not a url', own, undefined)).toBe('other');
  });
});
