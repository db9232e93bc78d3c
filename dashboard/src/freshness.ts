// The freshness line of a REST-backed panel (pure, unit-tested): when its figures were fetched,
// and what went wrong when the latest refresh failed.

import { formatAgo } from './format';
import type { EpochMs } from './types';

/**
 * "to date · refreshed 3 s ago" (`span` names what the figures cover: "to date", "last hour");
 * "loading…" before the first answer; after a failed refresh "refresh failed (reason) · showing
 * figures from 40 s ago", or "could not load (reason)" when nothing was ever shown.
 */
export function refreshedText(fetchedAt: EpochMs | null, now: EpochMs, failure: string | null, span = 'to date'): string {
  if (fetchedAt === null) return failure === null ? 'loading…' : `could not load (${failure})`;
  if (failure !== null) return `refresh failed (${failure}) · showing figures from ${formatAgo(fetchedAt, now)}`;
  return `${span} · refreshed ${formatAgo(fetchedAt, now)}`;
}
