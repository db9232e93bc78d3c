import { describe, expect, it } from 'vitest';
import { describeAlert, detailValue, detectedText, kindLabel, kindTone, timingText } from '../src/alertformat';
import { alertKey, MAX_ALERTS, mergeAlerts } from '../src/alertmodel';
import type { CampaignAlert } from '../src/types';

const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const MIN = 60_000;

function spike(minute: number, over: Partial<CampaignAlert> = {}): CampaignAlert {
  const start = T0 + minute * MIN;
  return {
    alert_id: `engagement_spike:spring:anna:post-1:${start}`,
    kind: 'engagement_spike',
    campaign_id: 'spring',
    creator_id: 'anna',
    content_id: 'post-1',
    window_start: start,
    window_end: start + MIN,
    detected_at: start + MIN + 6_000,
    details: { scope: 'content', observed: 120, expected: 12.5, std_dev: 3.5, z_score: 30.4, ratio: 9.6 },
    ...over,
  };
}

const names = (id: string) => ({ anna: 'Anna Lee' })[id] ?? id;

describe('mergeAlerts', () => {
  it('deduplicates by alert_id across sources', () => {
    const fromSnapshot = [spike(2), spike(1)];
    const live = { ...spike(2) }; // the same alert again, a different object
    const merged = mergeAlerts(fromSnapshot, [live, spike(3)]);
    expect(merged.map((a) => a.window_start)).toEqual([T0 + 3 * MIN, T0 + 2 * MIN, T0 + MIN]);
  });

  it('orders by start, latest first: an old incident updated just now stays where it started (issue 26, item 4)', () => {
    const growing = spike(0, { alert_id: 'growing', detected_at: T0 + 10 * MIN });
    const merged = mergeAlerts([spike(5)], [growing, spike(1)]);
    expect(merged.map(alertKey)).toEqual([spike(5).alert_id, spike(1).alert_id, 'growing']);
  });

  it('keeps at most MAX_ALERTS, dropping the oldest', () => {
    const many = Array.from({ length: MAX_ALERTS + 7 }, (_, i) => spike(i));
    const merged = mergeAlerts([], many);
    expect(merged).toHaveLength(MAX_ALERTS);
    expect(merged[0]!.window_start).toBe(T0 + (MAX_ALERTS + 6) * MIN);
    expect(merged.at(-1)!.window_start).toBe(T0 + 7 * MIN);
  });

  it('drops what is not an alert object', () => {
    expect(mergeAlerts([], [null, 'x', 3, [], spike(1)])).toHaveLength(1);
  });

  it('identifies alerts without alert_id by what they name', () => {
    const a = { ...spike(1), alert_id: undefined };
    const b = { ...spike(1), alert_id: '' };
    expect(alertKey(a)).toBe(alertKey(b));
    expect(alertKey(a)).not.toBe(alertKey({ ...spike(2), alert_id: undefined }));
    expect(mergeAlerts([a], [b])).toHaveLength(1);
  });
});

describe('kind labels', () => {
  it('names the known kinds', () => {
    expect(kindLabel('engagement_spike')).toBe('Engagement spike');
    expect(kindLabel('engagement_drop')).toBe('Engagement drop');
    expect(kindLabel('inauthentic_engagement')).toBe('Inauthentic engagement');
    expect(kindLabel('cpa_above_benchmark')).toBe('CPA above benchmark');
  });
  it('makes a label of an unknown kind', () => {
    expect(kindLabel('bot_ring-detected')).toBe('Bot ring detected');
    expect(kindLabel('')).toBe('Alert');
    expect(kindLabel(42)).toBe('Alert');
    expect(kindTone('who_knows')).toBe('neutral');
    expect(kindTone('engagement_drop')).toBe('down');
  });
});

describe('describeAlert', () => {
  it('puts a spike into words', () => {
    const text = describeAlert(spike(3), names);
    expect(text).toEqual({
      label: 'Engagement spike',
      tone: 'up',
      creator: 'Anna Lee',
      post: 'post post-1',
      window: '00:03–00:04 UTC',
      figures: 'observed 120 vs expected 12.5 ± 3.5 · z-score 30.4 · 9.6× expected',
      extras: [],
    });
  });

  it('says a spike was retracted, and when, instead of calling it good news', () => {
    const retracted = spike(3, {
      details: { observed: 120, expected: 12.5, retracted: true, retracted_at: T0 + 10 * MIN },
    });
    const text = describeAlert(retracted, names);
    expect(text.label).toBe('Engagement spike (retracted)');
    expect(text.tone).toBe('neutral');
    expect(text.figures).toBe(
      'retracted Jan 1, 00:10 UTC: most of it was later judged inauthentic · observed 120 vs expected 12.5',
    );
    expect(text.extras).toEqual([]);
  });

  it('says "all posts" for a creator-wide drop and leaves out a null ratio', () => {
    const drop = spike(0, {
      kind: 'engagement_drop',
      content_id: null,
      details: { scope: 'creator', observed: 1, expected: 40, std_dev: 4, z_score: -9.75, ratio: null },
    });
    const text = describeAlert(drop, names);
    expect(text.post).toBe('all posts');
    expect(text.figures).toBe('observed 1 vs expected 40 ± 4 · z-score -9.75');
    expect(text.extras).toEqual([]);
  });

  it('shows details it does not know as key: value text', () => {
    const odd = spike(0, {
      kind: 'inauthentic_engagement',
      details: { suspicious_share: 0.42, signals: ['burst', 'pod'], note: '<b>x</b>', nested: { a: 1 }, missing: null },
    });
    const text = describeAlert(odd, names);
    expect(text.figures).toBeNull();
    expect(text.extras).toEqual([
      'suspicious share: 0.42',
      'signals: burst, pod',
      'note: <b>x</b>',
      'nested: {"a":1}',
      'missing: —',
    ]);
  });

  it('reads an inauthentic-engagement alert as a sentence with its reasons in words', () => {
    const bots = spike(0, {
      kind: 'inauthentic_engagement',
      details: {
        share_suspicious: 0.75,
        suspicious_engagements: 45,
        engagements: 60,
        accounts: 30,
        top_reasons: ['shared_device', 'new_account', 'made_up_code'],
      },
    });
    const text = describeAlert(bots, names);
    expect(text.figures).toBe(
      '45 of 60 engagements suspicious (75.00%) from 30 accounts · mostly one device behind many accounts, brand-new account, made up code',
    );
    expect(text.extras).toEqual([]);
  });

  it('puts CPA against the benchmark in the campaign currency', () => {
    const cpa = spike(0, {
      kind: 'cpa_above_benchmark',
      content_id: null,
      details: { cpa: 48.2, benchmark: 30, message: 'CPA 48.20 EUR is above the benchmark of 30.00' },
    });
    const text = describeAlert(cpa, names, 'EUR');
    expect(text.label).toBe('CPA above benchmark');
    expect(text.figures).toBe('CPA €48.20 vs benchmark €30.00 (1.61×)');
    expect(text.extras).toEqual([]);
    // Without the figures, the server's message is what there is to read.
    const wordsOnly = describeAlert({ ...cpa, details: { message: 'CPA is high' } }, names, 'EUR');
    expect(wordsOnly.figures).toBeNull();
    expect(wordsOnly.extras).toEqual(['message: CPA is high']);
  });

  it('reads a goal behind its pace with its projection', () => {
    const goal = spike(0, {
      kind: 'goal_off_pace',
      creator_id: null,
      content_id: null,
      details: { kpi: 'revenue', target: 10_000, current: 4_200, elapsed: 0.6, projection: 6_100, projection_high: 7_000 },
    });
    const text = describeAlert(goal, names);
    expect([text.label, text.tone, text.creator]).toEqual(['Goal off pace', 'bad', 'campaign-wide']);
    expect(text.figures).toBe('Revenue 4,200 of 10,000 at 60.00% of the period · heading for 6,100 (at most 7,000)');
    expect(text.extras).toEqual([]);
  });

  it('reads a rate drop against the week before', () => {
    const drop = spike(0, {
      kind: 'ctr_drop',
      content_id: null,
      details: {
        rate: 0.012,
        baseline_rate: 0.03,
        relative_drop: 0.6,
        z: -4.1,
        numerator: 12,
        denominator: 1_000,
        baseline_numerator: 90,
        baseline_denominator: 3_000,
      },
    });
    const text = describeAlert(drop, names);
    expect([text.label, text.tone]).toEqual(['Click-through rate drop', 'down']);
    expect(text.figures).toBe('CTR 1.20% (12 of 1,000) vs 3.00% (90 of 3,000) before · down 60.00% · z -4.1');
    expect(describeAlert({ ...drop, kind: 'conversion_rate_drop' }, names).label).toBe('Conversion rate drop');
  });

  it('marks a judged alert that no longer holds, keeping its last figures', () => {
    const cpa = spike(0, {
      kind: 'cpa_above_benchmark',
      content_id: null,
      details: { cpa: 48.2, benchmark: 30, resolved: true, resolved_at: T0 + 5 * MIN },
    });
    const text = describeAlert(cpa, names, 'EUR');
    expect([text.label, text.tone]).toEqual(['CPA above benchmark (no longer holds)', 'neutral']);
    expect(text.figures).toBe('no longer holds Jan 1, 00:05 UTC; when last judged: CPA €48.20 vs benchmark €30.00 (1.61×)');
    expect(text.extras).toEqual([]);
  });

  it('lists unknown keys of a spike too, and copes with odd details', () => {
    const more = { ...(spike(0).details as object), baseline_minutes: 30 };
    expect(describeAlert(spike(0, { details: more }), names).extras).toEqual(['baseline minutes: 30']);
    expect(describeAlert(spike(0, { details: 'plain words' }), names).extras).toEqual(['plain words']);
    expect(describeAlert(spike(0, { details: null }), names).figures).toBeNull();
    expect(describeAlert(spike(0, { creator_id: null }), names).creator).toBe('campaign-wide');
    expect(describeAlert(spike(0, { creator_id: 'zoe' }), names).creator).toBe('zoe');
  });

  it('names the days of a window across midnight', () => {
    const text = describeAlert(spike(0, { window_start: T0 - 2 * MIN, window_end: T0 + 3 * MIN }), names);
    expect(text.window).toBe('Dec 31 23:58 – Jan 1 00:03 UTC');
    const toMidnight = spike(0, { window_start: T0 - 2 * MIN, window_end: T0 });
    expect(describeAlert(toMidnight, names).window).toBe('23:58–00:00 UTC');
  });
});

describe('detail values', () => {
  it('formats numbers and cuts long text', () => {
    expect(detailValue(1234.5678)).toBe('1,234.57');
    expect(detailValue(true)).toBe('yes');
    expect(detailValue('x'.repeat(500))).toHaveLength(160);
  });
});

describe('detectedText', () => {
  it('says how long ago the alert was raised', () => {
    const alert = spike(0);
    const at = T0 + MIN + 6_000;
    expect(detectedText(alert, at + 3_000)).toBe('detected 3 s ago');
    expect(detectedText(alert, at + 5 * MIN)).toBe('detected 5 min ago');
    expect(detectedText({ ...alert, detected_at: undefined }, T0 + 2 * MIN)).toBe('detected 1 min ago');
    const timeless = { ...alert, detected_at: null, window_end: null, window_start: null };
    expect(detectedText(timeless, at)).toBe('detection time unknown');
  });
});

describe('timingText', () => {
  // An incident from 08:33 to 08:38 UTC on 2026-01-01, re-sent at 08:38:10 (wall clock), read at 08:38:17.
  const incident: CampaignAlert = {
    ...spike(0),
    kind: 'inauthentic_engagement',
    window_start: T0 + 8 * 60 * MIN + 33 * MIN,
    window_end: T0 + 8 * 60 * MIN + 38 * MIN,
    detected_at: T0 + 8 * 60 * MIN + 38 * MIN + 10_000,
  };
  const readAt = T0 + 8 * 60 * MIN + 38 * MIN + 17_000;

  it('says when it started and that it goes on, not that it was detected seconds ago', () => {
    expect(timingText(incident, readAt, T0 + 8 * 60 * MIN + 38 * MIN + 30_000)).toBe(
      'since Jan 1, 08:33 UTC · ongoing · updated 7 s ago',
    );
  });

  it('says it ended once event time is two minutes past its last event', () => {
    expect(timingText(incident, readAt + 5 * MIN, T0 + 8 * 60 * MIN + 41 * MIN)).toBe(
      'Jan 1, 08:33 UTC · ended · raised 5 min ago',
    );
  });

  it('leaves out what it cannot know', () => {
    expect(timingText(incident, readAt, null)).toBe('Jan 1, 08:33 UTC · raised 7 s ago');
  });
});
