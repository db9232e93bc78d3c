import { describe, expect, it } from 'vitest';
import { fileNameOf } from '../src/api';
import { scopeName, scoresByRisk } from '../src/authenticityscores';
import { CONTENT_COLUMNS, contentKey, DEFAULT_CONTENT_SORT, filterContent, NO_FILTER, platformSourceText, platformsOf, sortContent } from '../src/contentdata';
import { platformLabel } from '../src/format';
import { reasonLabel, reasonSummary } from '../src/reasons';
import type { ContentRow } from '../src/types';

function post(id: string, creator: string, platform: string, total: number, extra: Partial<ContentRow> = {}): ContentRow {
  return {
    content_id: id,
    creator_id: creator,
    creator_name: creator === 'anna' ? 'Anna Berg' : null,
    platform,
    content_format: 'reel',
    impressions: 100,
    reach: 80,
    engagements: { like: total, comment: 0, share: 0, save: 0, total },
    authentic_engagements: total,
    engagement_rate: total / 80,
    clicks: 0,
    ctr: null,
    saves: 0,
    shares: 0,
    conversions: null,
    revenue: null,
    emv: 0,
    updated_at: null,
    ...extra,
  };
}

const rows = [
  post('p-1', 'anna', 'instagram', 5),
  post('p-2', 'anna', 'tiktok', 9),
  post('p-1', 'ben', 'youtube', 9, { ctr: 0.02 }),
  post('p-3', 'cy', 'x', 0),
];

describe('platform-reported figures', () => {
  const reported = post('p-9', 'anna', 'instagram', 1, {
    platform_reported: { source: 'instagram_insights_export', days: 3, first_day: '2026-01-01', last_day: '2026-01-03', imported_at: 1, impressions: 12345, reach_max_day: 900, likes: 40, comments: null, shares: null, saves: null },
  });
  const column = CONTENT_COLUMNS.find((c) => c.key === 'platform_impressions')!;

  it('shows the platform\'s impressions with where they came from and over how many days', () => {
    expect(column.text(reported, 'USD')).toBe('12,345');
    expect(platformSourceText(reported)).toBe('instagram_insights_export, 3 days');
    expect(platformSourceText({ ...reported, platform_reported: { ...reported.platform_reported!, days: 1 } })).toBe('instagram_insights_export, 1 day');
  });

  it('shows a dash and no source for a post without imported insights', () => {
    expect(column.text(post('p-8', 'anna', 'instagram', 1), 'USD')).toBe('—');
    expect(platformSourceText(post('p-8', 'anna', 'instagram', 1))).toBe('');
  });
});

describe('contentKey', () => {
  it('tells apart the same content id on two creators or platforms', () => {
    const keys = new Set(rows.map(contentKey));
    expect(keys.size).toBe(4);
  });
});

describe('sortContent', () => {
  it('sorts by engagements, highest first, ties by post id then key', () => {
    expect(sortContent(rows, DEFAULT_CONTENT_SORT).map((r) => `${r.creator_id}/${r.content_id}`)).toEqual([
      'ben/p-1',
      'anna/p-2',
      'anna/p-1',
      'cy/p-3',
    ]);
  });
  it('puts unmeasured figures last in both directions', () => {
    expect(sortContent(rows, { key: 'ctr', direction: 'asc' })[0]!.creator_id).toBe('ben');
    expect(sortContent(rows, { key: 'ctr', direction: 'desc' })[0]!.creator_id).toBe('ben');
  });
});

describe('filterContent', () => {
  it('passes everything without a filter', () => {
    expect(filterContent(rows, NO_FILTER)).toHaveLength(4);
  });
  it('keeps one platform', () => {
    expect(filterContent(rows, { platform: 'tiktok', text: '' }).map((r) => r.content_id)).toEqual(['p-2']);
  });
  it('finds every word in the post id, creator id or name, ignoring case', () => {
    expect(filterContent(rows, { platform: null, text: 'BERG p-1' }).map((r) => r.creator_id)).toEqual(['anna']);
    expect(filterContent(rows, { platform: null, text: '  ben ' }).map((r) => r.content_id)).toEqual(['p-1']);
    expect(filterContent(rows, { platform: 'instagram', text: 'ben' })).toEqual([]);
  });
});

describe('platforms', () => {
  it('lists distinct platforms ordered by their label', () => {
    expect(platformsOf([...rows, { platform: 'instagram' }, { platform: null }])).toEqual([
      'instagram',
      'tiktok',
      'x',
      'youtube',
    ]);
  });
  it('writes platform names as people do', () => {
    expect(platformLabel('tiktok')).toBe('TikTok');
    expect(platformLabel('youtube')).toBe('YouTube');
    expect(platformLabel('mastodon')).toBe('mastodon');
    expect(platformLabel(null)).toBe('—');
  });
});

describe('reasons', () => {
  it('puts codes in words, unknown ones as their words', () => {
    expect(reasonLabel('shared_device')).toBe('one device behind many accounts');
    expect(reasonLabel('bot_ring')).toBe('bot ring');
    expect(reasonLabel(7)).toBe('unknown reason');
  });
  it('summarises counts most frequent first, zeros left out', () => {
    expect(reasonSummary({ new_account: 2, shared_device: 4, burst: 2, pod: 0 })).toBe(
      'one device behind many accounts ×4, bursts of actions ×2, brand-new account ×2',
    );
  });
});

describe('authenticity scores', () => {
  it('lists creators lowest score first, unscored ones left out', () => {
    const names = (id: string) => ({ anna: 'Anna', ben: 'Ben', cy: 'Cy' })[id] ?? id;
    expect(scoresByRisk({ anna: 0.9, ben: 0.4, cy: null, dee: 0.9 }, names)).toEqual([
      { creatorId: 'ben', name: 'Ben', score: 0.4 },
      { creatorId: 'anna', name: 'Anna', score: 0.9 },
      { creatorId: 'dee', name: 'dee', score: 0.9 },
    ]);
  });
  it('names the scope as data-scope does', () => {
    expect(scopeName({ creatorId: null, contentId: null })).toBe('campaign');
    expect(scopeName({ creatorId: 'anna', contentId: null })).toBe('anna');
    expect(scopeName({ creatorId: 'anna', contentId: 'p-1' })).toBe('anna/p-1');
  });
});

describe('fileNameOf', () => {
  it('reads the file name from Content-Disposition', () => {
    expect(fileNameOf('attachment; filename="spring-content-5m.csv"')).toBe('spring-content-5m.csv');
    expect(fileNameOf("attachment; filename=spring.arrows; filename*=UTF-8''spring.arrows")).toBe('spring.arrows');
    expect(fileNameOf(null)).toBeNull();
  });
});
