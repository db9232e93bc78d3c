import { describe, expect, it } from 'vitest';
import {
  changeText,
  dropText,
  formatChange,
  periodLabel,
  periodsInRange,
  trendRange,
} from '../src/longtrenddata';
import { dropOffText, formatDuration, formatLabel, formatPages, funnelStages, OUTCOME_COLUMNS } from '../src/outcomesdata';
import type { Funnel, OutcomeRow, TrendPeriod } from '../src/types';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 13, 0, 0); // Jan 13, 2026 00:00 UTC

function funnel(over: Partial<Funnel> = {}): Funnel {
  return {
    reached: 200,
    engaged: 50,
    clicked: 10,
    landed: null,
    converted: 2,
    drop_off: { engaged: 0.75, clicked: 0.8, landed: null, converted: 0.8 },
    ...over,
  };
}

function period(start: number, over: Partial<TrendPeriod> = {}): TrendPeriod {
  return {
    start,
    end: start + HOUR,
    impressions: 100,
    engagements: 5,
    authentic_engagements: 4,
    clicks: 3,
    authentic_clicks: 2,
    conversions: 1,
    ctr: 0.03,
    authentic_ctr: 0.02,
    conversion_rate: 0.5,
    ...over,
  };
}

describe('funnel stages', () => {
  it('lists reached, engaged, clicked and converted with each drop-off and bar width, without landed when there are no sessions', () => {
    const stages = funnelStages(funnel());
    expect(stages.map((s) => s.stage)).toEqual(['reached', 'engaged', 'clicked', 'converted']);
    expect(stages.map((s) => s.count)).toEqual([200, 50, 10, 2]);
    expect(stages.map((s) => s.dropOff)).toEqual([null, 0.75, 0.8, 0.8]);
    expect(stages.map((s) => s.ofReached)).toEqual([1, 0.25, 0.05, 0.01]);
  });
  it('puts landed between clicked and converted when sessions were seen', () => {
    const stages = funnelStages(funnel({ landed: 6, drop_off: { engaged: 0.75, clicked: 0.8, landed: 0.4, converted: 0.8 } }));
    expect(stages.map((s) => `${s.stage}:${s.count}:${s.dropOff}`)).toEqual(['reached:200:null', 'engaged:50:0.75', 'clicked:10:0.8', 'landed:6:0.4', 'converted:2:0.8']);
  });
  it('has no stages without a funnel, and zero-width bars before anyone is reached', () => {
    expect(funnelStages(null)).toEqual([]);
    expect(funnelStages(funnel({ reached: 0, engaged: 0, clicked: 0, converted: 0 })).every((s) => s.ofReached === 0)).toBe(true);
  });
  it('says what a drop-off lost, and nothing where there was nothing to lose', () => {
    expect(dropOffText(0.5)).toBe('50.00% lost');
    expect(dropOffText(null)).toBe('');
  });
});

describe('outcome figures', () => {
  it('formats time on site, pages and format names', () => {
    expect(formatDuration(45_400)).toBe('45 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(null)).toBe('—');
    expect(formatPages(2.345)).toBe('2.3');
    expect(formatLabel('reel')).toBe('Reel');
    expect(formatLabel('unknown')).toBe('Not known yet');
  });
  it('shows a row as the report sends it: money in the campaign currency, no data as a dash', () => {
    const row = {
      creator_id: 'anna',
      name: 'Anna',
      conversion_rate: 0.25,
      aov: 60,
      cost_per_lead: null,
      bounce_rate: 0.9,
      avg_time_on_site_ms: 240_000,
      referral_source: 'sessions',
    } as OutcomeRow;
    const text = (key: string) => OUTCOME_COLUMNS.find((c) => c.key === key)!.text(row, 'EUR');
    expect(text('conversion_rate')).toBe('25.00%');
    expect(text('aov')).toBe('€60.00');
    expect(text('cost_per_lead')).toBe('—');
    expect(text('bounce_rate')).toBe('90.00%');
    expect(text('avg_time_on_site_ms')).toBe('4 min 00 s');
    expect(text('referral_source')).toBe('site sessions');
    // An older server sends no customer value: dashes, not zeros.
    expect(text('acquired')).toBe('—');
    expect(text('roi_with_customer_value')).toBe('—');
  });
  it('shows a row\u2019s customer value: acquired and returning credit, the 90-day repeat rate, cohort revenue and ROI with it', () => {
    const repeat = (customers: number, rate: number | null, revenue: number) => ({ customers, rate, revenue });
    const row = {
      customer_value: {
        acquired: 2,
        acquired_revenue: 130,
        returning: 0.5,
        within30_days: repeat(0, 0, 0),
        within90_days: repeat(1, 0.5, 50),
        within180_days: repeat(1, 0.5, 85),
        cohort_revenue: 215,
        roi_with_customer_value: -0.8445,
      },
    } as OutcomeRow;
    const text = (key: string) => OUTCOME_COLUMNS.find((c) => c.key === key)!.text(row, 'USD');
    expect([text('acquired'), text('returning'), text('repeat_rate_90'), text('cohort_revenue'), text('roi_with_customer_value')]).toEqual([
      '2',
      '0.5',
      '50.00%',
      '$215.00',
      '-84.45%',
    ]);
  });
});

describe('long trend', () => {
  it('keeps the last 24 hours of the week the server sent, oldest first', () => {
    const periods = [period(T0 + 30 * HOUR), period(T0), period(T0 + 47 * HOUR), period(T0 + 23 * HOUR)];
    const to = T0 + 47 * HOUR + 600_000; // newest event 10 minutes into hour 47, plus one
    expect(periodsInRange(periods, to, trendRange('24h')).map((p) => (p.start - T0) / HOUR)).toEqual([23, 30, 47]);
    expect(periodsInRange(periods, to, trendRange('7d')).map((p) => (p.start - T0) / HOUR)).toEqual([0, 23, 30, 47]);
    expect(trendRange('nonsense').id).toBe('7d');
    expect(trendRange('campaign').granularity).toBe('day');
  });
  it('names hours and days in UTC', () => {
    expect(periodLabel(T0 + 14 * HOUR, 'hour')).toBe('Jan 13, 14:00 UTC');
    expect(periodLabel(T0, 'day')).toBe('Jan 13, 2026');
  });
  it('says how a rate changed and whether the change is beyond chance', () => {
    expect(formatChange(-0.5)).toBe('−50.0%');
    expect(formatChange(0.2)).toBe('+20.0%');
    expect(changeText('CTR', { current: 0.012, previous: 0.015, change: -0.2, z: -2.5, significant: true })).toBe(
      'CTR 1.20% against 1.50% (−20.0%; z −2.50, beyond chance)',
    );
    expect(changeText('CTR', { current: 0.01, previous: null, change: null, z: 0, significant: false })).toBe('CTR 1.00% against — (nothing to compare with)');
    expect(changeText('CTR', { current: null, previous: null, change: null, z: 0, significant: false })).toBe('CTR: no complete period to compare yet');
  });
  it('writes a drop with its creator, rates, z and window', () => {
    const text = dropText(
      { kind: 'ctr_drop', creator_id: 'anna', window_start: T0 + 8 * HOUR, window_end: T0 + 14 * HOUR, rate: 0.008, baseline_rate: 0.0145, relative_drop: 0.448, z: -4.2 },
      (id) => (id === 'anna' ? 'Anna' : id),
    );
    expect(text).toBe('Anna: Click-through rate fell 44.8%: 0.80% against 1.45% in the week before (z −4.20), 08:00–14:00 UTC');
  });
});
