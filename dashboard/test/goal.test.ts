import { describe, expect, it } from 'vitest';
import { formatCredit, formatMoneyChange, formatMultiple, formatShare, NO_DATA } from '../src/format';
import { refreshedText } from '../src/freshness';
import { baselineText, goalDetail, goalFill, goalShare, goalText } from '../src/goal';
import type { GoalProgress } from '../src/types';

function goal(over: Partial<GoalProgress> = {}): GoalProgress {
  return { type: 'sales', kpi: 'revenue', target: 50000, current: 1234.5, progress: 0.02469, baseline: null, ...over };
}

describe('new formats', () => {
  it('shows fractional credit with at most one decimal', () => {
    expect(formatCredit(12.5)).toBe('12.5');
    expect(formatCredit(3)).toBe('3');
    expect(formatCredit(1 / 3)).toBe('0.3');
    expect(formatCredit(1234.56)).toBe('1,234.6');
    expect(formatCredit(null)).toBe(NO_DATA);
  });
  it('shows multiples and shares', () => {
    expect(formatMultiple(2.345)).toBe('2.35×');
    expect(formatMultiple(0)).toBe('0.00×');
    expect(formatMultiple(null)).toBe(NO_DATA);
    expect(formatShare(0.0247)).toBe('2.5%');
    expect(formatShare(undefined)).toBe(NO_DATA);
  });
  it('signs money changes', () => {
    expect(formatMoneyChange(325, 'USD')).toBe('+$325.00');
    expect(formatMoneyChange(-40, 'USD')).toBe('−$40.00');
    expect(formatMoneyChange(0.001, 'USD')).toBe('$0.00');
    expect(formatMoneyChange(5, 'POINTS')).toBe('+5.00 POINTS');
    expect(formatMoneyChange(null, 'USD')).toBe(NO_DATA);
  });
});

describe('goalText', () => {
  it('reads revenue against its target in the currency', () => {
    expect(goalText(goal(), 'USD')).toBe('Revenue 1,234 of 50,000 USD (2.5%)');
  });
  it('never reads as met before it is', () => {
    const almost = goal({ current: 49999.7, progress: 0.999994 });
    expect(goalText(almost, 'EUR')).toBe('Revenue 49,999 of 50,000 EUR (99.9%)');
    expect(goalShare(1)).toBe('100.0%');
    expect(goalShare(1.234)).toBe('123.4%');
  });
  it('uses each KPI’s unit', () => {
    expect(goalText(goal({ kpi: 'reach', target: 25000, current: 3567, progress: 0.14268 }), 'USD')).toBe(
      'Reach 3,567 of 25,000 (14.3%)',
    );
    expect(goalText(goal({ kpi: 'conversions', target: 400, current: 12.56, progress: 0.0314 }), 'USD')).toBe(
      'Conversions 12.5 of 400 (3.1%)',
    );
    expect(goalText(goal({ kpi: 'roas', target: 3, current: 1.2, progress: 0.4 }), 'USD')).toBe(
      'ROAS 1.20× of 3.00× (40.0%)',
    );
    expect(goalText(goal({ kpi: 'roi', target: 0.5, current: 0.1, progress: 0.2 }), 'USD')).toBe(
      'ROI 10.00% of 50.00% (20.0%)',
    );
    expect(goalText(goal({ kpi: 'engagements', target: 1000, current: 10, progress: 0.01 }), 'USD')).toBe(
      'Authentic engagements 10 of 1,000 (1.0%)',
    );
    expect(goalText(goal({ kpi: 'saves', target: 10, current: 1, progress: 0.1 }), 'USD')).toBe(
      'Saves 1 of 10 (10.0%)',
    );
  });
  it('shows an unmeasured figure as no data', () => {
    expect(goalText(goal({ current: null, progress: null }), 'USD')).toBe('Revenue — of 50,000 USD (—)');
  });
  it('describes the goal and fills the bar within 0..1', () => {
    expect(goalDetail(goal())).toBe('sales goal');
    expect(goalDetail(goal({ progress: 1.2, baseline: 1000 }))).toBe('sales goal · target reached · baseline 1,000');
    expect(
      goalDetail(goal({ pace: 'behind', elapsed: 0.5, projection: { value: 8, low: 4.2, high: 13.54 } })),
    ).toBe('sales goal · behind pace · heading for 4–13 by the end · 50.0% of the period gone');
    expect(goalDetail(goal({ pace: 'on_pace', elapsed: 0.25, projection: null }))).toBe(
      'sales goal · on pace · 25.0% of the period gone',
    );
    expect(goalFill(0.25)).toBe(0.25);
    expect(goalFill(1.5)).toBe(1);
    expect(goalFill(-0.1)).toBe(0);
    expect(goalFill(null)).toBe(0);
  });
});

describe('refreshedText', () => {
  const now = 1_767_225_600_000;
  it('says how old the figures are, and what failed', () => {
    expect(refreshedText(null, now, null)).toBe('loading…');
    expect(refreshedText(null, now, '500 Internal Server Error')).toBe('could not load (500 Internal Server Error)');
    expect(refreshedText(now - 3000, now, null)).toBe('to date · refreshed 3 s ago');
    expect(refreshedText(now - 40_000, now, 'The server could not be reached.')).toBe(
      'refresh failed (The server could not be reached.) · showing figures from 40 s ago',
    );
  });
});

describe('a baseline resolved when judged', () => {
  it('says the target is not known yet, and where its baseline will come from', () => {
    const pending = goal({ kpi: 'clicks', target: null, current: 640.4, progress: null, baseline_source: 'first_days', baseline_until: Date.UTC(2026, 3, 8) });
    expect(goalText(pending, 'USD')).toBe('Clicks 640 · target set once its baseline is known');
    expect(goalDetail(pending)).toBe('sales goal · baseline from the benchmarking period until Apr 8, 00:00 UTC');
  });
  it('names the campaign a baseline came from, with its value', () => {
    const named = goal({ baseline: 1000, baseline_source: 'campaign', baseline_campaign: 'winter' });
    expect(baselineText(named)).toBe('baseline 1,000 from campaign winter');
    expect(baselineText(goal({ baseline: 1000, baseline_source: 'value' }))).toBe('baseline 1,000');
  });
});
