// The alert feed's list (pure, unit-tested): alerts from the snapshot, from GET …/alerts and from the
// hub's `alert` messages overlap, so they are merged by `alert_id`, latest start first, at most MAX_ALERTS.
// An incident that grows is re-sent under its id with a later `detected_at`: ordering by when it was
// last updated would lift an old, ongoing alert to the top, so the order is by when it started.

import { toEpochMs } from './format';
import type { CampaignAlert, EpochMs } from './types';

export const MAX_ALERTS = 50;

function isAlert(value: unknown): value is CampaignAlert {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The alert's identity: its `alert_id`, or (from a server that sends none) one built from what
 * names it, so the same alert from two sources still collapses into one.
 */
export function alertKey(alert: CampaignAlert): string {
  if (typeof alert.alert_id === 'string' && alert.alert_id !== '') return alert.alert_id;
  const { kind, campaign_id, creator_id, content_id, window_start, window_end } = alert;
  const parts = [kind, campaign_id, creator_id, content_id, window_start, window_end];
  return `~${parts.map((part) => (part === null || part === undefined ? '-' : String(part))).join(':')}`;
}

/** When the alert was raised; without `detected_at`, the end of the window it names. */
export function alertTime(alert: CampaignAlert): EpochMs | null {
  return toEpochMs(alert.detected_at) ?? toEpochMs(alert.window_end) ?? toEpochMs(alert.window_start);
}

/** When what the alert names began (event time): its window's start, else when it was raised. */
export function alertStart(alert: CampaignAlert): EpochMs | null {
  return toEpochMs(alert.window_start) ?? alertTime(alert);
}

/** An incident whose last event is this close to the newest event time (event time) is still going on. */
export const ONGOING_WITHIN_MS = 2 * 60_000;

/**
 * Whether the alert is still going on at event time `eventNow` (the snapshot's watermark): its window ended less
 * than ONGOING_WITHIN_MS before it. Null when either time is unknown.
 */
export function isOngoing(alert: CampaignAlert, eventNow: EpochMs | null): boolean | null {
  const end = toEpochMs(alert.window_end);
  if (end === null || eventNow === null) return null;
  return eventNow - end < ONGOING_WITHIN_MS;
}

/** Latest start first; ties by the later window end, then by key, so the order never depends on arrival. */
function newestFirst(a: CampaignAlert, b: CampaignAlert): number {
  const order = (alertStart(b) ?? 0) - (alertStart(a) ?? 0);
  if (order !== 0) return order;
  const windows = (toEpochMs(b.window_end) ?? 0) - (toEpochMs(a.window_end) ?? 0);
  if (windows !== 0) return windows;
  const ka = alertKey(a);
  const kb = alertKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * `current` with `incoming` merged in: one entry per key (an incoming copy replaces the one shown),
 * latest start first, at most `max`. Anything that is not an object is dropped.
 */
export function mergeAlerts(
  current: readonly CampaignAlert[],
  incoming: readonly unknown[],
  max = MAX_ALERTS,
): CampaignAlert[] {
  const byKey = new Map<string, CampaignAlert>();
  for (const alert of current) byKey.set(alertKey(alert), alert);
  for (const alert of incoming) if (isAlert(alert)) byKey.set(alertKey(alert), alert);
  return [...byKey.values()].sort(newestFirst).slice(0, Math.max(0, max));
}
