// The snapshot's `series` shaped for the trend chart (pure, unit-tested).
//
// The server sends only minutes that had events, oldest first. The chart wants one point per
// minute, so the gaps between the first and the newest minute are filled with zeros (no events
// that minute is a real zero). At most MAX_MINUTES are kept, counted back from the newest minute,
// so a stray old bucket can never make the chart (or the page) plot days of empty minutes.
//
// A minute that event time has not passed yet (its end is after the snapshot's watermark) is still
// filling: drawn as a whole minute it would read as a fall ("3,013 impressions, then 714"), so its
// minutes are counted in `unfinished` and the chart draws them apart, as figures so far.

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
  /** Engagements not judged inauthentic (bought or bot engagement left out). */
  authentic: number[];
  clicks: number[];
  /** Orders credited to the campaign, in the order's minute. */
  conversions: number[];
  /** Minutes an engagement spike was alerted in (starts, ms), within the plotted range. */
  spikes: EpochMs[];
  /** Minutes an inauthentic-engagement incident started in (starts, ms), within the plotted range. */
  incidents: EpochMs[];
  /** How many of the newest minutes event time has not passed yet (still filling); 0 when all are whole. */
  unfinished: number;
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

/**
 * @param watermark the campaign's event time (the snapshot's `watermark`): minutes ending after it are unfinished;
 *   null when unknown (then every minute is drawn whole).
 */
export function toTrend(
  series: readonly SeriesPoint[] | null | undefined,
  maxMinutes = MAX_MINUTES,
  spikeMinutes: readonly EpochMs[] = [],
  incidentMinutes: readonly EpochMs[] = [],
  watermark: EpochMs | null = null,
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
    authentic: [],
    clicks: [],
    conversions: [],
    spikes: [],
    incidents: [],
    unfinished: 0,
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
    trend.authentic.push(count(point?.authentic_engagements));
    trend.clicks.push(count(point?.clicks));
    trend.conversions.push(count(point?.conversions));
    const correctedAt = time(point?.corrected_at);
    if (correctedAt !== null) trend.corrected.push({ start: minute, correctedAt });
  }
  const marks = (times: readonly EpochMs[]) =>
    [...new Set(times.map((at) => Math.floor(at / MINUTE_MS) * MINUTE_MS))]
      .filter((minute) => minute >= oldest && minute <= newest)
      .sort((a, b) => a - b);
  trend.spikes = marks(spikeMinutes);
  trend.incidents = marks(incidentMinutes);
  if (watermark !== null) trend.unfinished = trend.x.filter((seconds) => seconds * 1000 + MINUTE_MS > watermark).length;
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
    same(a.authentic, b.authentic) &&
    same(a.incidents, b.incidents) &&
    a.unfinished === b.unfinished &&
    same(a.clicks, b.clicks) &&
    same(a.conversions, b.conversions) &&
    same(a.spikes, b.spikes) &&
    same(
      a.corrected.map((c) => c.start),
      b.corrected.map((c) => c.start),
    )
  );
}
