import { describe, expect, it } from 'vitest';
import {
  audienceWindowText,
  describeFlag,
  describeShift,
  formatsByPlatform,
  platformName,
  rankedText,
  rateOverPosts,
  salesPerThousand,
  sharedFigure,
  sharedText,
  sortWindows,
  topRanked,
} from '../src/recformat';
import type { BudgetShift, CreatorRanking, FormatPerformance } from '../src/types';

const names = (id: string) => ({ diego: 'Diego Mensah', zara: 'Zara Ali', rosa: 'Rosa Haddad' })[id] ?? id;

function shift(over: Partial<BudgetShift> = {}): BudgetShift {
  return {
    from_creator_id: 'diego',
    to_creator_id: 'zara',
    amount: 250,
    currency: 'USD',
    from_roas: 0.8,
    to_roas: 2.1,
    from_conversions: 4,
    to_conversions: 12,
    expected_revenue_change: 325,
    expected_revenue_change_low: -40,
    expected_revenue_change_high: 690,
    confidence: 'low',
    rationale: 'Move 250 USD from diego …',
    ...over,
  };
}

describe('describeShift', () => {
  it('reads as a sentence with the amount, the change, its range and confidence, by name', () => {
    const text = describeShift(shift(), names, 'last_touch', 'EUR');
    expect(text.sentence).toBe(
      'Move $250.00 from Diego Mensah to Zara Ali: about +$325.00 of revenue under last touch ' +
        '(95% range −$40.00 to +$690.00), low confidence.',
    );
    expect(text.confidence).toBe('low');
  });
  it('lists the figures it came from', () => {
    const { evidence } = describeShift(shift(), names, 'last_touch', 'USD');
    expect(evidence).toContain('Diego Mensah: ROAS 0.80× on 4 conversions');
    expect(evidence).toContain('Zara Ali: ROAS 2.10× on 12 conversions');
    expect(evidence).toContain(
      "$250.00 × (2.10× − 0.80×) = +$325.00, if each creator's return on extra spend stays at today's average",
    );
    expect(evidence).toContain('the 95% range includes no gain or a loss');
    expect(evidence).toContain('low confidence: the smaller side rests on 4 conversions');
  });
  it('leaves the arithmetic out when the server’s figure is not that product', () => {
    const { evidence } = describeShift(
      shift({ expected_revenue_change: 500, expected_revenue_change_low: 100, confidence: 'high' }),
      names,
      'linear',
      'USD',
    );
    expect(evidence.some((line) => line.includes(' × '))).toBe(false);
    expect(evidence).not.toContain('the 95% range includes no gain or a loss');
  });
  it('falls back to the campaign currency and the id of an unknown creator', () => {
    const odd = shift({ currency: '', to_creator_id: 'new-one', from_conversions: 1 });
    const text = describeShift(odd, names, 'direct', 'EUR');
    expect(text.sentence).toContain('from Diego Mensah to new-one');
    expect(text.sentence).toContain('€250.00');
    expect(text.sentence).toContain('under direct (codes and links)');
    expect(text.evidence[0]).toBe('Diego Mensah: ROAS 0.80× on 1 conversion');
  });
});

describe('describeFlag', () => {
  it('shows a CPA flag’s value and benchmark as money', () => {
    const flag = { creator_id: 'diego', kind: 'cpa_above_benchmark', value: 48.2, threshold: 25, message: 'CPA …' };
    expect(describeFlag(flag, names, 'USD')).toEqual({
      label: 'CPA above benchmark',
      text: 'Diego Mensah: CPA $48.20 vs benchmark $25.00 (1.93×)',
      message: null,
    });
  });
  it('shows any other kind with its figures and the server’s message', () => {
    const flag = { creator_id: 'rosa', kind: 'authenticity_drop', value: 0.61, threshold: 0.8, message: 'score fell' };
    expect(describeFlag(flag, names, 'USD')).toEqual({
      label: 'Authenticity drop',
      text: 'Rosa Haddad: value 0.61, threshold 0.8',
      message: 'score fell',
    });
  });
});

function rank(id: string, over: Partial<CreatorRanking>): CreatorRanking {
  return {
    creator_id: id,
    roi: null,
    cpa: null,
    engagement_rate: null,
    roi_rank: null,
    cpa_rank: null,
    engagement_rate_rank: null,
    ...over,
  };
}

describe('topRanked', () => {
  const ranking = [
    rank('a', { roi: 0.5, roi_rank: 2, cpa: 20, cpa_rank: 1, engagement_rate: 0.05, engagement_rate_rank: 3 }),
    rank('b', { roi: 1.5, roi_rank: 1, engagement_rate: 0.07, engagement_rate_rank: 1 }),
    rank('c', { roi: -1, roi_rank: 3, engagement_rate: 0.06, engagement_rate_rank: 2 }),
    rank('d', { roi: -1, roi_rank: 4, engagement_rate: 0.01, engagement_rate_rank: 4 }),
  ];
  it('takes the best three by the server’s rank and skips the unranked', () => {
    expect(topRanked(ranking, 'roi').map((e) => e.creatorId)).toEqual(['b', 'a', 'c']);
    expect(topRanked(ranking, 'cpa')).toEqual([{ creatorId: 'a', rank: 1, value: 20, tiedWith: 0 }]);
    expect(topRanked(ranking, 'engagement_rate', 2).map((e) => e.creatorId)).toEqual(['b', 'c']);
    expect(topRanked([], 'roi')).toEqual([]);
  });
  it('says when a figure is tied, since the rank then only follows the id', () => {
    const third = topRanked(ranking, 'roi')[2]!;
    expect(third.tiedWith).toBe(1);
    expect(rankedText(third, 'roi', 'USD')).toBe('-100.00% ROI (tied with 1 other)');
    expect(rankedText({ creatorId: 'a', rank: 1, value: 20, tiedWith: 0 }, 'cpa', 'USD')).toBe('$20.00 per conversion');
    expect(rankedText({ creatorId: 'a', rank: 1, value: 0.07, tiedWith: 2 }, 'engagement_rate', 'USD')).toBe(
      '7.00% engagement rate (tied with 2 others)',
    );
  });
});

describe('sharedFigure', () => {
  it('notices when every ranked creator has the same figure', () => {
    const tied = [
      rank('a', { roi: -1, roi_rank: 1, cpa: 5, cpa_rank: 1 }),
      rank('b', { roi: -1, roi_rank: 2 }),
      rank('c', { roi: null, roi_rank: null }),
    ];
    const shared = sharedFigure(tied, 'roi');
    expect(shared).toEqual({ value: -1, count: 2 });
    expect(sharedText(shared!, 'roi', 'USD')).toBe('all 2 creators tie at -100.00% ROI');
    expect(sharedFigure(tied, 'cpa')).toBeNull(); // one creator ranked: nothing to tie with
    expect(sharedFigure([...tied, rank('d', { roi: 0.2, roi_rank: 1 })], 'roi')).toBeNull();
  });
});

describe('posting windows and formats', () => {
  it('lists windows by creator name, with rate and posts', () => {
    const windows = [
      { creator_id: 'zara', hour_of_week: 42, label: 'Tuesday 18:00 UTC', engagement_rate: 0.042, posts: 3 },
      { creator_id: 'diego', hour_of_week: 132, label: 'Saturday 12:00 UTC', engagement_rate: 0.05, posts: 1 },
    ];
    expect(sortWindows(windows, names).map((w) => w.creator_id)).toEqual(['diego', 'zara']);
    expect(rateOverPosts(0.042, 3)).toBe('4.20% engagement rate over 3 posts');
    expect(rateOverPosts(null, 1)).toBe('— engagement rate over 1 post');
  });
  it('groups formats by platform with the best first and the rest for comparison', () => {
    const formats: FormatPerformance[] = [
      { platform: 'youtube', content_format: 'short', engagement_rate: 0.068, posts: 1, best: true },
      { platform: 'instagram', content_format: 'post', engagement_rate: 0.09, posts: 1, best: false },
      { platform: 'instagram', content_format: 'story', engagement_rate: null, posts: 2, best: false },
      { platform: 'instagram', content_format: 'reel', engagement_rate: 0.145, posts: 2, best: true },
      { platform: 'tiktok', content_format: 'video', engagement_rate: null, posts: 1, best: false },
    ];
    const grouped = formatsByPlatform(formats);
    expect(grouped.map((g) => g.platform)).toEqual(['instagram', 'tiktok', 'youtube']);
    expect(grouped[0]!.best?.content_format).toBe('reel');
    expect(grouped[0]!.others.map((f) => f.content_format)).toEqual(['post', 'story']);
    expect(grouped[1]!.best).toBeNull();
    expect(platformName('youtube')).toBe('YouTube');
    expect(platformName('mastodon')).toBe('Mastodon');
  });
});

describe('formats by what sold', () => {
  it('gives the rate, the money per 1,000 impressions and the credit behind it', () => {
    const outcome = {
      segment: 'creator',
      segment_id: 'anna',
      content_format: 'reel',
      posts: 2,
      impressions: 2000,
      clicks: 40,
      conversions: 22,
      revenue: 1100,
      conversions_per_thousand: 11,
      revenue_per_thousand: 550,
      best: true,
    };
    expect(salesPerThousand(outcome, 'USD')).toBe('11.00 sales and $550.00 per 1,000 impressions (22 over 2 posts)');
    expect(salesPerThousand({ ...outcome, posts: 1, conversions_per_thousand: null, revenue_per_thousand: null }, 'USD')).toBe(
      '— sales and — per 1,000 impressions (22 over 1 post)',
    );
  });
});

describe('audience windows', () => {
  it('gives the rate, its interval, the weeks and whether it beats the creator beyond chance', () => {
    const window = {
      creator_id: 'anna',
      hour_of_week: 18,
      label: 'Monday 18:00 UTC',
      weeks: 2,
      impressions: 2000,
      authentic_engagements: 220,
      authentic_clicks: 30,
      engagement_rate: 0.11,
      engagement_rate_low: 0.0936,
      engagement_rate_high: 0.1264,
      click_rate: 0.015,
      creator_rate: 0.0833,
      above_average: true,
    };
    expect(audienceWindowText(window)).toBe('11.00% engage per impression (9.36%–12.64%) over 2 weeks · above the 8.33% of all hours');
    expect(audienceWindowText({ ...window, weeks: 1, above_average: false })).toBe(
      '11.00% engage per impression (9.36%–12.64%) over 1 week · not surely above the 8.33% of all hours',
    );
  });
});
