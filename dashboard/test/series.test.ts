import { describe, expect, it } from 'vitest';
import { MINUTE_MS, sameTrend, toTrend } from '../src/series';
import { correctedText, trendSummary } from '../src/trendtext';
import type { SeriesPoint } from '../src/types';

// 2025-11-21T04:40:00Z, a whole minute.
const T0 = 1_763_700_000_000;

function point(minute: number, figures: Partial<SeriesPoint> = {}): SeriesPoint {
  return {
    start: T0 + minute * MINUTE_MS,
    impressions: 100 + minute,
    reach: 90,
    engagements: 10 + minute,
    authentic_engagements: 9,
    clicks: minute,
    updated_at: T0 + (minute + 1) * MINUTE_MS + 500,
    corrected_at: null,
    ...figures,
  };
}

describe('toTrend', () => {
  it('is empty without data', () => {
    for (const series of [[], null, undefined]) {
      const trend = toTrend(series);
      expect(trend.x).toEqual([]);
      expect(trend.latestStart).toBeNull();
      expect(trend.latestUpdatedAt).toBeNull();
    }
  });

  it('maps minutes to seconds and keeps the three figures, oldest first', () => {
    const trend = toTrend([point(0), point(1), point(2)]);
    expect(trend.x).toEqual([T0 / 1000, T0 / 1000 + 60, T0 / 1000 + 120]);
    expect(trend.impressions).toEqual([100, 101, 102]);
    expect(trend.engagements).toEqual([10, 11, 12]);
    expect(trend.clicks).toEqual([0, 1, 2]);
    expect(trend.latestStart).toBe(T0 + 2 * MINUTE_MS);
    expect(trend.latestUpdatedAt).toBe(T0 + 3 * MINUTE_MS + 500);
  });

  it('fills minutes without events with zeros', () => {
    const trend = toTrend([point(0), point(3)]);
    expect(trend.x).toHaveLength(4);
    expect(trend.engagements).toEqual([10, 0, 0, 13]);
    expect(trend.impressions).toEqual([100, 0, 0, 103]);
  });

  it('sorts an unordered list and drops entries without a start', () => {
    const broken = { ...point(5), start: Number.NaN };
    const trend = toTrend([point(2), broken, point(0), point(1)]);
    expect(trend.engagements).toEqual([10, 11, 12]);
  });

  it('keeps at most the last 60 minutes, counted back from the newest', () => {
    const trend = toTrend([point(-600), point(0), point(59), point(70)]);
    expect(trend.x).toHaveLength(60);
    expect(trend.x[0]).toBe((T0 + 11 * MINUTE_MS) / 1000);
    expect(trend.engagements.at(-1)).toBe(80);
    expect(trend.engagements[48]).toBe(69); // minute 59
  });

  it('lists corrected minutes with when they were corrected', () => {
    const trend = toTrend([point(0), point(1, { corrected_at: T0 + 5 * MINUTE_MS }), point(2)]);
    expect(trend.corrected).toEqual([{ start: T0 + MINUTE_MS, correctedAt: T0 + 5 * MINUTE_MS }]);
  });

  it('reads negative or missing counts as zero', () => {
    const trend = toTrend([point(0, { clicks: -1, impressions: undefined as unknown as number })]);
    expect(trend.clicks).toEqual([0]);
    expect(trend.impressions).toEqual([0]);
  });
});

describe('sameTrend', () => {
  it('sees equal pictures and changed ones', () => {
    const a = toTrend([point(0), point(1)]);
    expect(sameTrend(a, toTrend([point(0), point(1)]))).toBe(true);
    expect(sameTrend(a, toTrend([point(0), point(1, { clicks: 7 })]))).toBe(false);
    expect(sameTrend(a, toTrend([point(0), point(1, { corrected_at: T0 })]))).toBe(false);
    expect(sameTrend(a, toTrend([point(0), point(1), point(2)]))).toBe(false);
    // Only when it changed differs: the picture is the same.
    expect(sameTrend(a, toTrend([point(0), point(1, { updated_at: T0 + 9e6 })]))).toBe(true);
  });
});

describe('trend text', () => {
  it('lists corrected minutes in UTC', () => {
    const trend = toTrend([point(0), point(1, { corrected_at: T0 }), point(2), point(3, { corrected_at: T0 })]);
    expect(correctedText(trend)).toBe('2 minutes corrected by late data: 04:41, 04:43 UTC');
    expect(correctedText(toTrend([point(0, { corrected_at: T0 })]))).toBe('1 minute corrected by late data: 04:40 UTC');
    expect(correctedText(toTrend([point(0)]))).toMatch(/^No minute/);
  });
  it('summarises the chart for screen readers', () => {
    expect(trendSummary(toTrend([point(0), point(2, { conversions: 1 })], 60, [T0]))).toBe(
      'Trend chart, per minute from 04:40 to 04:42 UTC. Latest whole minute, 04:42: 12 engagements (9 authentic), ' +
        '2 clicks, 1 conversions, 102 impressions. Engagement spike at 04:40 UTC.',
    );
    expect(trendSummary(toTrend([]))).toMatch(/no events/);
  });

  it('tells the minute event time has not passed from the whole ones (issue 26, item 3)', () => {
    // Event time at 04:42:15: minute 04:42 is 15 s in, 04:41 is whole.
    const trend = toTrend([point(0), point(1), point(2, { impressions: 7 })], 60, [], [T0 + MINUTE_MS], T0 + 2 * MINUTE_MS + 15_000);

    expect(trend.unfinished).toBe(1);
    expect(trend.incidents).toEqual([T0 + MINUTE_MS]);
    expect(trendSummary(trend)).toBe(
      'Trend chart, per minute from 04:40 to 04:42 UTC. Latest whole minute, 04:41: 11 engagements (9 authentic), ' +
        '1 clicks, 0 conversions, 101 impressions. 04:42 UTC in progress (event time has not passed it): ' +
        '7 impressions, 12 engagements so far. Inauthentic engagement began at 04:41 UTC.',
    );
    expect(toTrend([point(0)], 60, [], [], T0 + MINUTE_MS).unfinished).toBe(0); // its end reached: whole
  });
});

describe('conversions and spikes in the trend', () => {
  const at = (minute: number, extra: Partial<SeriesPoint> = {}): SeriesPoint => ({
    start: T0 + minute * MINUTE_MS,
    impressions: 10,
    reach: 8,
    engagements: 3,
    authentic_engagements: 3,
    clicks: 1,
    updated_at: null,
    corrected_at: null,
    ...extra,
  });

  it('plots conversions per minute, zero where absent', () => {
    const trend = toTrend([at(0, { conversions: 2 }), at(2)]);
    expect(trend.conversions).toEqual([2, 0, 0]);
  });

  it('marks spike minutes within the plotted range, once each, in order', () => {
    const inside = T0 + 2 * MINUTE_MS + 30_000; // within minute 2
    const trend = toTrend([at(0), at(1), at(2)], 60, [inside, T0 + MINUTE_MS, T0 + MINUTE_MS, T0 - 5 * MINUTE_MS]);
    expect(trend.spikes).toEqual([T0 + MINUTE_MS, T0 + 2 * MINUTE_MS]);
    expect(sameTrend(trend, toTrend([at(0), at(1), at(2)]))).toBe(false);
  });
});
