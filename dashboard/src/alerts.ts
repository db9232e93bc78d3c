// The alert feed: newest first, a bounded list (the full history is the REST API's job).

import { el } from './dom';
import { formatClock, toEpochMs } from './format';
import type { CampaignAlert, EpochMs } from './types';

export const MAX_ALERTS = 50;

/** "bot_like_engagement" → "Bot like engagement". */
export function alertTitle(kind: string): string {
  const words = kind.replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Alert';
}

export interface AlertList {
  add(alert: CampaignAlert): void;
  clear(): void;
}

/**
 * @param creatorName resolves a creator id to the name in the latest snapshot.
 */
export function createAlertList(
  container: HTMLElement,
  creatorName: (creatorId: string) => string,
  now: () => EpochMs = Date.now,
): AlertList {
  const list = el('ol', { className: 'alert-list', testId: 'alert-list', attrs: { 'aria-live': 'polite' } });
  const empty = el('p', { className: 'alert-empty' }, 'No alerts for this campaign since the page opened.');
  container.replaceChildren(list, empty);

  return {
    add(alert) {
      const kind = typeof alert.kind === 'string' ? alert.kind : 'alert';
      // The window's end is when the anomaly was seen; without it, when it reached this page.
      const at = toEpochMs(alert.window_end) ?? toEpochMs(alert.window_start) ?? now();
      const who = alert.creator_id ? creatorName(alert.creator_id) : 'campaign-wide';
      const item = el(
        'li',
        { className: 'alert-item', attrs: { 'data-kind': kind } },
        el('span', { className: 'alert-kind' }, alertTitle(kind)),
        el('span', { className: 'alert-creator' }, who),
        el('time', { className: 'alert-time', attrs: { datetime: new Date(at).toISOString() } }, formatClock(at)),
        alert.content_id ? el('span', { className: 'alert-content' }, `content ${alert.content_id}`) : null,
      );
      if (alert.details !== undefined && alert.details !== null) {
        // Shown as a tooltip; `title` is an attribute value, never parsed as markup.
        item.title = typeof alert.details === 'string' ? alert.details : JSON.stringify(alert.details);
      }
      list.prepend(item);
      while (list.children.length > MAX_ALERTS) list.lastElementChild!.remove();
      empty.hidden = true;
    },
    clear() {
      list.replaceChildren();
      empty.hidden = false;
    },
  };
}
