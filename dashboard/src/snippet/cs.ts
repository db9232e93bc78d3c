// The CreatorStream site snippet (docs/design.md, "Collector"): put it on the brand's site and it reports, to the
// collector it was loaded from, the landing of a creator's tracked link (a click), the visit that follows (beacons the
// collector turns into one site session) and, when the page calls `creatorstream.conversion(...)`, the order.
//
//   <script async src="https://COLLECTOR/collect/v1/cs.js" data-key="WRITE_KEY"></script>
//
// What it keeps, all first-party on the site's own origin: a visitor id (localStorage and a `cs_vid` cookie, so a
// store's cart can copy it into the order's note attributes) and the current visit (localStorage, ended after 30
// minutes without activity, as web analytics count one). A landing URL names its tracked link with `cs_link`, and may
// carry `utm_*`, `cs_campaign`, `cs_post` and `cs_platform`.

import { isActive, sessionFor, landingOf, referrerClassOf, type Visit } from './visit';

interface Order {
  order_id: string;
  value: number;
  currency: string;
  kind?: 'purchase' | 'signup' | 'lead' | 'download' | 'install';
  promo_code?: string;
  customer_id?: string;
  is_new_customer?: boolean;
}

interface Api {
  visitorId: string;
  conversion(order: Order): Promise<boolean>;
}

type Queued = [string, ...unknown[]];

declare global {
  interface Window {
    creatorstream?: Api;
    cs?: { q?: Queued[] };
  }
}

const heartbeatMs = 15_000;
const visitKey = 'cs_visit';
const visitorKey = 'cs_vid';

function randomId(prefix: string): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return prefix + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage refused (privacy settings): the visit lives as long as the page
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // as above
  }
}

function visitorId(): string {
  const existing = stored(visitorKey);
  const id = existing && /^v-[0-9a-f]{32}$/.test(existing) ? existing : randomId('v-');
  store(visitorKey, id);
  document.cookie = `${visitorKey}=${id}; path=/; max-age=31536000; SameSite=Lax`;
  return id;
}

function start(script: HTMLScriptElement): void {
  const key = script.dataset.key;
  if (!key) {
    console.warn('creatorstream: the snippet needs data-key (the site\'s write key)');
    return;
  }

  const endpoint = `${new URL(script.src).origin}/collect/v1/events?k=${encodeURIComponent(key)}`;
  const user = visitorId();
  const now = Date.now();
  const here = new URL(location.href);
  const landing = landingOf(here);
  const previous = stored(visitKey);
  let visit: Visit = sessionFor(previous ? JSON.parse(previous) as Visit : null, landing, now, () => randomId('s-'), () => randomId('c-'));
  const clicked = landing !== null && visit.pageviews === 1;
  if (visit.pageviews === 1) {
    visit.referrer_class = referrerClassOf(document.referrer, location.hostname, landing?.utm.utm_medium ?? here.searchParams.get('utm_medium') ?? undefined);
  }
  store(visitKey, JSON.stringify(visit));
  if (landing) {
    // The landing is read: take the link out of the address bar, so a reload or a shared URL is not another click.
    for (const name of ['cs_link', 'cs_campaign', 'cs_post', 'cs_platform']) here.searchParams.delete(name);
    history.replaceState(history.state, '', here.toString());
  }

  // Text/plain keeps a cross-origin POST a "simple" request (no preflight); the collector reads JSON either way.
  const send = async (events: object[], attempts = 3): Promise<boolean> => {
    const body = JSON.stringify({ events });
    for (let attempt = 0; attempt < attempts; attempt++) {
      try {
        const answer = await fetch(endpoint, { method: 'POST', body, keepalive: true, headers: { 'Content-Type': 'text/plain' } });
        if (answer.ok) {
          return true;
        }
        if (answer.status < 500 && answer.status !== 429) {
          console.warn('creatorstream: events refused', answer.status, await answer.text());
          return false;
        }
      } catch {
        // offline or the collector unreachable: retry with the same event ids, which count once
      }
      await new Promise(resolve => setTimeout(resolve, 500 * 2 ** attempt));
    }
    return false;
  };

  // started_at is the page's clock: it only names the visit (so a collector restarted mid-visit writes it once); its
  // duration is the collector's clock.
  const beacon = (): object => ({
    type: 'page',
    session_id: visit.id,
    user_id: user,
    started_at: visit.started_at,
    pageviews: visit.pageviews,
    ...(visit.click_event_id ? { click_event_id: visit.click_event_id } : {}),
    ...(visit.link_id ? { link_id: visit.link_id } : {}),
    ...(visit.referrer_class ? { referrer_class: visit.referrer_class } : {}),
    ...visit.utm,
  });

  const first: object[] = [];
  if (clicked && landing && visit.click_event_id) {
    first.push({ type: 'click', event_id: visit.click_event_id, user_id: user, link_id: landing.link_id, ...landing.utm, ...landing.extra });
  }
  first.push(beacon());
  void send(first).then(ok => {
    if (!ok && clicked && visit.click_event_id) {
      // The click was not taken (a link the collector does not know): the visit goes on without it, or its session
      // would name a click that never arrived.
      delete visit.click_event_id;
      store(visitKey, JSON.stringify(visit));
      void send([beacon()]);
    }
  });

  // Activity on a page open for long: a visit idle for 30 minutes has ended (the collector has written it), and what
  // follows is a new one, as a new page load would make it.
  const touch = (): void => {
    const at = Date.now();
    if (!isActive(visit, at)) {
      visit = { ...sessionFor(null, null, at, () => randomId('s-'), () => randomId('c-')), referrer_class: 'direct' };
    }
    visit.last_at = at;
    store(visitKey, JSON.stringify(visit));
  };
  setInterval(() => {
    if (document.visibilityState === 'visible') {
      touch();
      void send([beacon()], 1);
    }
  }, heartbeatMs);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      touch();
      navigator.sendBeacon(endpoint, new Blob([JSON.stringify({ events: [beacon()] })], { type: 'text/plain' }));
    }
  });

  const api: Api = {
    visitorId: user,
    conversion: order => {
      touch();
      // The visit's referrer class goes with the order: the code-leak check reads a coupon site's (docs/design.md, "Estimates").
      const from = visit.referrer_class ? { referrer_class: visit.referrer_class } : {};
      return send([{ type: 'conversion', user_id: user, ...(visit.link_id ? { link_id: visit.link_id } : {}), ...from, ...order }]);
    },
  };
  window.creatorstream = api;
  for (const [name, ...args] of window.cs?.q ?? []) {
    if (name === 'conversion') {
      void api.conversion(args[0] as Order);
    }
  }
}

const script = document.currentScript;
if (script instanceof HTMLScriptElement) {
  start(script);
}
