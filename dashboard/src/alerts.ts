// The alert feed: latest start first, at most MAX_ALERTS, one item per alert_id (the snapshot's list,
// GET …/alerts and live `alert` messages overlap). Items are kept per id and moved, never rebuilt;
// only their timing line and creator name are refreshed. The list is not a live region (its ages
// change every second): a separate one announces each new alert once.

import { describeAlert, timingText } from './alertformat';
import { alertKey, alertStart, mergeAlerts } from './alertmodel';
import { el, setText } from './dom';
import { toEpochMs } from './format';
import type { CampaignAlert, EpochMs } from './types';

export { MAX_ALERTS } from './alertmodel';

export interface AlertList {
  /** Alerts from a snapshot or from GET …/alerts: merged in by id. */
  merge(alerts: readonly unknown[]): void;
  /** One live alert from the hub. */
  add(alert: CampaignAlert): void;
  clear(): void;
  /** Refreshes the "detected … ago" lines and creator names; called every second. */
  tick(now: EpochMs): void;
  /** The window starts of the engagement spikes in the feed. */
  spikeMinutes(): EpochMs[];
  /** The starts of the inauthentic-engagement incidents in the feed. */
  incidentMinutes(): EpochMs[];
  /** The newest event time (the snapshot's watermark): tells ongoing alerts from ended ones. */
  setEventTime(eventNow: EpochMs | null): void;
}

interface Item {
  li: HTMLLIElement;
  alert: CampaignAlert;
  creator: HTMLElement;
  detected: HTMLElement;
}

/** Where an alert's evidence is on the page: a button's label and what it shows. */
export interface EvidenceLink {
  label: string;
  open(): void;
}

/**
 * @param creatorName resolves a creator id to the name in the latest snapshot.
 * @param currency the campaign's currency, for money in alert details.
 * @param evidence the link into the evidence behind an alert, or null when the page has none for it.
 */
export function createAlertList(
  container: HTMLElement,
  creatorName: (creatorId: string) => string,
  currency: () => string = () => 'USD',
  evidence: (alert: CampaignAlert) => EvidenceLink | null = () => null,
  announcer: HTMLElement | null = null,
  now: () => EpochMs = Date.now,
): AlertList {
  const list = el('ol', { className: 'alert-list', testId: 'alert-list' });
  let eventNow: EpochMs | null = null;
  const empty = el('p', { className: 'alert-empty' }, 'No alerts for this campaign yet.');
  container.replaceChildren(list, empty);

  let alerts: CampaignAlert[] = [];
  const items = new Map<string, Item>();

  function createItem(alert: CampaignAlert, at: EpochMs): Item {
    const text = describeAlert(alert, creatorName, currency());
    const startedAt = alertStart(alert);
    const link = evidence(alert);
    let linkButton: HTMLButtonElement | null = null;
    if (link !== null) {
      linkButton = el('button', { className: 'link-button alert-evidence', testId: 'alert-evidence', attrs: { type: 'button' } }, link.label);
      linkButton.addEventListener('click', () => link.open());
    }
    const creator = el('span', { className: 'alert-creator' }, text.creator);
    const detected = el(
      'time',
      {
        className: 'alert-detected',
        testId: 'alert-timing',
        attrs: startedAt === null ? {} : { datetime: new Date(startedAt).toISOString() },
      },
      timingText(alert, at, eventNow),
    );
    const li = el(
      'li',
      {
        className: `alert-item tone-${text.tone}`,
        testId: 'alert-item',
        attrs: { 'data-kind': typeof alert.kind === 'string' ? alert.kind : 'alert', 'data-alert-id': alertKey(alert) },
      },
      el('div', { className: 'alert-head' }, el('span', { className: 'alert-kind' }, text.label), detected),
      el(
        'p',
        { className: 'alert-who' },
        creator,
        text.post === null ? null : el('span', { className: 'alert-content' }, text.post),
      ),
      el('p', { className: 'alert-window' }, `event time ${text.window}`),
      text.figures === null ? null : el('p', { className: 'alert-figures' }, text.figures),
      text.extras.length === 0
        ? null
        : el('ul', { className: 'alert-extras' }, ...text.extras.map((extra) => el('li', {}, extra))),
      linkButton,
    );
    return { li, alert, creator, detected };
  }

  function paint(): void {
    const at = now();
    const keep = new Set<string>();
    alerts.forEach((alert, index) => {
      const key = alertKey(alert);
      keep.add(key);
      let item = items.get(key);
      if (!item) {
        item = createItem(alert, at);
        items.set(key, item);
      }
      // Appending an attached item moves it: the order is fixed without recreating anything.
      if (list.children[index] !== item.li) list.insertBefore(item.li, list.children[index] ?? null);
    });
    for (const [key, item] of items) {
      if (!keep.has(key)) {
        item.li.remove();
        items.delete(key);
      }
    }
    empty.hidden = alerts.length > 0;
  }

  const api: AlertList = {
    merge(incoming) {
      alerts = mergeAlerts(alerts, incoming);
      paint();
    },
    add(alert) {
      const known = items.has(alertKey(alert));
      api.merge([alert]);
      // Said once, when it is new: an incident re-sent as it grows is not announced again.
      if (!known && announcer !== null && items.has(alertKey(alert))) {
        const text = describeAlert(alert, creatorName, currency());
        setText(announcer, `New alert: ${text.label}, ${text.creator}${text.post === null ? '' : `, ${text.post}`}.`);
      }
    },
    clear() {
      alerts = [];
      paint();
    },
    spikeMinutes() {
      return alerts
        .filter((alert) => alert.kind === 'engagement_spike')
        .map((alert) => toEpochMs(alert.window_start))
        .filter((at): at is EpochMs => at !== null);
    },
    incidentMinutes() {
      return alerts
        .filter((alert) => alert.kind === 'inauthentic_engagement')
        .map((alert) => toEpochMs(alert.window_start))
        .filter((at): at is EpochMs => at !== null);
    },
    setEventTime(next) {
      eventNow = next;
    },
    tick(at) {
      for (const item of items.values()) {
        setText(item.detected, timingText(item.alert, at, eventNow));
        const id = item.alert.creator_id;
        if (typeof id === 'string' && id !== '') setText(item.creator, creatorName(id));
      }
    },
  };
  return api;
}
