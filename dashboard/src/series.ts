// The snapshot's `series` shaped for the trend chart (pure, unit-tested).
//
// The server sends only minutes that had events, oldest first. The chart wants one point per
// minute, so the gaps between the first and the newest minute are filled with zeros (no events
// that minute is a real zero). At most MAX_MINUTES are kept, counted back from the newest minute,
// so a stray old bucket can never make the chart (or the page) plot days of empty minutes.

import type { EpochMs, SeriesPoint } from './types';

export const MINUTE_MS = 60_000;
export const MAX_MINUTES = 60;

export interface CorrectedMinute {
  start: EpochMs;
  correctedAt: EpochMs;
}

export interface TrendData {
  /** Minute starts in seconds since the epoch (uPlot's time unit), oldest first, one per minute. */
  x: number[];
  impressions: number[];
  engagements: number[];
  clicks: number[];
  /** Orders credited to the campaign, in the order's minute. */
  conversions: number[];
  /** Minutes an engagement spike was alerted in (starts, ms), within the plotted range. */
  spikes: EpochMs[];
  /** Minutes a late event changed after their window had closed, oldest first. */
  corrected: CorrectedMinute[];
  /** The newest minute and when it last changed (wall clock); null with no data. */
  latestStart: EpochMs | null;
  latestUpdatedAt: EpochMs | null;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function time(value: unknown): EpochMs | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function toTrend(
  series: readonly SeriesPoint[] | null | undefined,
  maxMinutes = MAX_MINUTES,
  spikeMinutes: readonly EpochMs[] = [],
): TrendData {
  const byMinute = new Map<number, SeriesPoint>();
  for (const point of series ?? []) {
    const start = time(point?.start);
    if (start === null) continue;
    const minute = Math.floor(start / MINUTE_MS) * MINUTE_MS;
    // Two entries for one minute would be a server bug; the later one in the list wins.
    byMinute.set(minute, point);
  }

  const trend: TrendData = {
    x: [],
    impressions: [],
    engagements: [],
    clicks: [],
    conversions: [],
    spikes: [],
    corrected: [],
    latestStart: null,
    latestUpdatedAt: null,
  };
  if (byMinute.size === 0 || maxMinutes < 1) return trend;

  const newest = Math.max(...byMinute.keys());
  const oldest = Math.max(Math.min(...byMinute.keys()), newest - (maxMinutes - 1) * MINUTE_MS);
  for (let minute = oldest; minute <= newest; minute += MINUTE_MS) {
    const point = byMinute.get(minute);
    trend.x.push(minute / 1000);
    trend.impressions.push(count(point?.impressions));
    trend.engagements.push(count(point?.engagements));
    trend.clicks.push(count(point?.clicks));
    trend.conversions.push(count(point?.conversions));
    const correctedAt = time(point?.corrected_at);
    if (correctedAt !== null) trend.corrected.push({ start: minute, correctedAt });
  }
  const spikes = new Set(spikeMinutes.map((at) => Math.floor(at / MINUTE_MS) * MINUTE_MS));
  trend.spikes = [...spikes].filter((minute) => minute >= oldest && minute <= newest).sort((a, b) => a - b);
  trend.latestStart = newest;
  trend.latestUpdatedAt = time(byMinute.get(newest)?.updated_at);
  return trend;
}

/** True when two trends would draw the same picture (a repeated update need not redraw). */
export function sameTrend(a: TrendData, b: TrendData): boolean {
  const same = (x: readonly number[], y: readonly number[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return (
    same(a.x, b.x) &&
    same(a.impressions, b.impressions) &&
    same(a.engagements, b.engagements) &&
    same(a.clicks, b.clicks) &&
    same(a.conversions, b.conversions) &&
    same(a.spikes, b.spikes) &&
    same(
      a.corrected.map((c) => c.start),
      b.corrected.map((c) => c.start),
    )
  );
}
