// What the publishing panel shows, worked out from GET …/publishing (pure, unit-tested): the deliverables in the
// order a manager chases them, the review queue with what needs a person first, and each flag kind and status in words.

import type { Deliverable, ReviewedFlag } from './types';

export const FLAG_LABELS: Record<string, string> = {
  disclosure_missing: 'No disclosure',
  disclosure_buried: 'Disclosure buried',
  link_mismatch: 'Wrong link',
  untracked_post: 'Untracked post',
};

export const STATUS_LABELS: Record<string, string> = {
  late: 'Late',
  due: 'Due',
  posted_late: 'Posted late',
  posted: 'Posted',
};

const STATUS_ORDER = ['late', 'due', 'posted_late', 'posted'];

/** Late first, then due, then done; within a status by due time, then creator. */
export function orderDeliverables(deliverables: readonly Deliverable[]): Deliverable[] {
  return [...deliverables].sort(
    (a, b) =>
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
      a.due - b.due ||
      a.creator_id.localeCompare(b.creator_id) ||
      a.deliverable_id.localeCompare(b.deliverable_id),
  );
}

const REVIEW_ORDER = ['open', 'acknowledged', 'dismissed'];

/**
 * What needs a person first: open flags that still stand, then acknowledged ones, then dismissed, then flags a later
 * edit cleared; newest first within each.
 */
export function orderQueue(flags: readonly ReviewedFlag[]): ReviewedFlag[] {
  const rank = (f: ReviewedFlag): number => (f.flag.cleared_at != null ? 3 : REVIEW_ORDER.indexOf(f.review.state));
  return [...flags].sort((a, b) => rank(a) - rank(b) || b.flag.raised_at - a.flag.raised_at || a.flag.flag_id.localeCompare(b.flag.flag_id));
}

/** The actions a flag in `state` takes: acknowledge an open one, dismiss an open or acknowledged one, reopen the rest. */
export function actionsFor(state: string): ('acknowledge' | 'dismiss' | 'reopen')[] {
  if (state === 'open') return ['acknowledge', 'dismiss'];
  if (state === 'acknowledged') return ['dismiss', 'reopen'];
  return ['reopen'];
}

/** "2 of 3 reels on Instagram" / "1 post on TikTok". */
export function deliverableText(d: Deliverable, platformLabel: (p: string) => string): string {
  const what = d.format ?? 'post';
  return `${d.posted} of ${d.count} ${what}${d.count === 1 ? '' : 's'} on ${platformLabel(d.platform)}`;
}

/** Shares per hour since publication, one decimal; "–" with none. */
export function velocityText(perHour: number | null | undefined): string {
  return typeof perHour === 'number' && Number.isFinite(perHour) ? `${perHour.toFixed(1)}/h` : '–';
}
