// The long trend panel's choices and words (pure, unit-tested): which periods a range shows, and the comparison and
// rate drops in sentences (docs/design.md, "Trends").

import { formatPercent, formatShare, formatUtcDateTime, formatUtcRange, NO_DATA } from './format';
import type { EpochMs, RateChangeView, RateDropView, TrendPeriod } from './types';

export const HOUR_MS = 3_600_000;

export type TrendRangeId = '24h' | '7d' | 'campaign';

export interface TrendRange {
  id: TrendRangeId;
  label: string;
  granularity: 'hour' | 'day';
  /** Keep only the periods that start this many hours before the answer's end; null keeps all it sent. */
  lastHours: number | null;
}

/** The server sends the last week of hours by default, and every day of the campaign. */
export const TREND_RANGES: readonly TrendRange[] = [
  { id: '24h', label: 'Hourly · last 24 hours', granularity: 'hour', lastHours: 24 },
  { id: '7d', label: 'Hourly · last 7 days', granularity: 'hour', lastHours: null },
  { id: 'campaign', label: 'Daily · whole campaign', granularity: 'day', lastHours: null },
];

export const DEFAULT_TREND_RANGE: TrendRangeId = '7d';

export function trendRange(id: string): TrendRange {
  return TREND_RANGES.find((r) => r.id === id) ?? TREND_RANGES.find((r) => r.id === DEFAULT_TREND_RANGE)!;
}

/** The periods of the answer the range shows, oldest first. `to` is the answer's exclusive end. */
export function periodsInRange(periods: readonly TrendPeriod[], to: EpochMs, range: TrendRange): TrendPeriod[] {
  const from = range.lastHours === null ? Number.NEGATIVE_INFINITY : to - range.lastHours * HOUR_MS;
  return periods.filter((p) => p.end > from).sort((a, b) => a.start - b.start);
}

const utcDay = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** An hour as "Jan 13, 14:00 UTC"; a day as "Jan 13, 2026". */
export function periodLabel(start: EpochMs, granularity: string): string {
  return granularity === 'day' ? utcDay.format(start) : formatUtcDateTime(start);
}

/** The comparison periods' choices: the last day or the last week against the one before it. */
export const COMPARE_DAYS: readonly { days: number; label: string }[] = [
  { days: 7, label: 'this week against last' },
  { days: 1, label: 'the last day against the one before' },
];

/** A relative change with its sign: 0.2 → "+20.0%", −0.5 → "−50.0%"; null → "—". */
export function formatChange(change: number | null | undefined): string {
  if (typeof change !== 'number' || !Number.isFinite(change)) return NO_DATA;
  const text = formatShare(Math.abs(change));
  return change > 0 ? `+${text}` : change < 0 ? `−${text}` : text;
}

/**
 * "CTR 1.20% against 1.50% (−20.0%; z −2.10, beyond chance)"; without a previous rate, "CTR 1.20% against — (no
 * earlier period to compare)".
 */
export function changeText(label: string, change: RateChangeView | null | undefined): string {
  if (!change) return `${label}: ${NO_DATA}`;
  if (change.current === null && change.previous === null) return `${label}: no complete period to compare yet`;
  const rates = `${label} ${formatPercent(change.current)} against ${formatPercent(change.previous)}`;
  if (change.change === null || change.change === undefined) return `${rates} (nothing to compare with)`;
  const z = typeof change.z === 'number' && Number.isFinite(change.z) ? `z ${change.z.toFixed(2).replace('-', '−')}` : 'z —';
  return `${rates} (${formatChange(change.change)}; ${z}, ${change.significant ? 'beyond chance' : 'within chance'})`;
}

const DROP_NAMES: Readonly<Record<string, string>> = {
  ctr_drop: 'Click-through rate',
  conversion_rate_drop: 'Conversion rate',
};

/**
 * "Click-through rate fell 45.0%: 0.80% against 1.45% in the week before (z −4.20), Jan 13 08:00 – Jan 13 14:00 UTC",
 * with the creator's name first when the drop is a creator's.
 */
export function dropText(drop: RateDropView, nameOf: (creatorId: string) => string): string {
  const what = DROP_NAMES[drop.kind] ?? drop.kind;
  const who = drop.creator_id ? `${nameOf(drop.creator_id)}: ` : '';
  const z = Number.isFinite(drop.z) ? drop.z.toFixed(2).replace('-', '−') : NO_DATA;
  return `${who}${what} fell ${formatShare(drop.relative_drop)}: ${formatPercent(drop.rate)} against ${formatPercent(drop.baseline_rate)} in the week before (z ${z}), ${formatUtcRange(drop.window_start, drop.window_end)}`;
}
