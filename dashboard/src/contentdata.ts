// The content table's columns and filters (pure, unit-tested): one row per post, from GET …/content.

import { formatCount, formatCredit, formatMoney, formatPercent, formatSentiment, platformLabel } from './format';
import { type Column, compareText, type SortState, sortRows } from './sorttable';
import type { ContentRow } from './types';

export type ContentSortKey =
  | 'post'
  | 'platform'
  | 'format'
  | 'impressions'
  | 'reach'
  | 'engagements'
  | 'engagement_rate'
  | 'authentic_share'
  | 'clicks'
  | 'ctr'
  | 'saves'
  | 'shares'
  | 'shares_per_hour'
  | 'platform_impressions'
  | 'net_sentiment'
  | 'meaningful_share'
  | 'conversions'
  | 'revenue'
  | 'updated_at';

export const DEFAULT_CONTENT_SORT: SortState<ContentSortKey> = { key: 'engagements', direction: 'desc' };

/** Rows put in the page at once; "Show more" adds as many again. */
export const CONTENT_PAGE_SIZE = 50;

/** A post is a content id on one platform by one creator (ids are the platform's, not unique across them). */
export function contentKey(row: Pick<ContentRow, 'creator_id' | 'content_id' | 'platform'>): string {
  return `${row.creator_id}\u001f${row.content_id}\u001f${row.platform}`;
}

/** Authentic engagements as a share of all the post's engagements; null before the first. */
export function authenticShareOf(row: ContentRow): number | null {
  return row.engagements.total > 0 ? row.authentic_engagements / row.engagements.total : null;
}

export function creatorNameOf(row: ContentRow): string {
  return row.creator_name?.trim() || row.creator_id;
}

/** Shares an hour with one decimal: 1.714 → "1.7"; null → "—". */
export function formatRate(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(1) : '—';
}

/** "peak 12 in hour 3" (hours since publication, or since the first share when the post was not reported); '' without shares. */
export function peakText(row: ContentRow): string {
  const v = row.share_velocity;
  if (!v || v.total === 0 || v.time_to_peak_hours === null) return '';
  return `peak ${formatCount(v.peak_hour_shares)} in hour ${v.time_to_peak_hours}${v.origin === 'first_share' ? ' of sharing' : ''}`;
}

/** "instagram_insights_export, 3 days" under the platform's impressions: where they come from; '' without any. */
export function platformSourceText(row: ContentRow): string {
  const p = row.platform_reported;
  if (!p) return '';
  return `${p.source}, ${formatCount(p.days)} ${p.days === 1 ? 'day' : 'days'}`;
}

export const CONTENT_COLUMNS: readonly Column<ContentRow, ContentSortKey>[] = [
  {
    key: 'post',
    label: 'Post',
    numeric: false,
    rowHeader: true,
    sortValue: (r) => r.content_id,
    text: (r) => r.content_id,
    subText: creatorNameOf,
  },
  {
    key: 'platform',
    label: 'Platform',
    numeric: false,
    sortValue: (r) => platformLabel(r.platform),
    text: (r) => platformLabel(r.platform),
  },
  {
    key: 'format',
    label: 'Format',
    numeric: false,
    sortValue: (r) => r.content_format,
    text: (r) => r.content_format ?? '—',
  },
  {
    key: 'impressions',
    label: 'Impressions',
    numeric: true,
    sortValue: (r) => r.impressions,
    text: (r) => formatCount(r.impressions),
  },
  { key: 'reach', label: 'Reach', numeric: true, sortValue: (r) => r.reach, text: (r) => formatCount(r.reach) },
  {
    key: 'engagements',
    label: 'Engagements',
    numeric: true,
    sortValue: (r) => r.engagements.total,
    text: (r) => formatCount(r.engagements.total),
  },
  {
    key: 'engagement_rate',
    label: 'Authentic eng. rate',
    numeric: true,
    sortValue: (r) => r.engagement_rate,
    text: (r) => formatPercent(r.engagement_rate),
  },
  {
    key: 'authentic_share',
    label: 'Authentic share',
    numeric: true,
    sortValue: (r) => authenticShareOf(r),
    text: (r) => formatPercent(authenticShareOf(r)),
  },
  { key: 'clicks', label: 'Clicks', numeric: true, sortValue: (r) => r.clicks, text: (r) => formatCount(r.clicks) },
  { key: 'ctr', label: 'CTR', numeric: true, sortValue: (r) => r.ctr, text: (r) => formatPercent(r.ctr) },
  { key: 'saves', label: 'Saves', numeric: true, sortValue: (r) => r.saves, text: (r) => formatCount(r.saves) },
  { key: 'shares', label: 'Shares', numeric: true, sortValue: (r) => r.shares, text: (r) => formatCount(r.shares) },
  {
    key: 'shares_per_hour',
    label: 'Shares / hour',
    numeric: true,
    sortValue: (r) => r.share_velocity?.per_hour ?? null,
    text: (r) => formatRate(r.share_velocity?.per_hour),
    subText: peakText,
  },
  {
    key: 'platform_impressions',
    label: 'Platform-reported impr.',
    numeric: true,
    sortValue: (r) => r.platform_reported?.impressions ?? null,
    text: (r) => formatCount(r.platform_reported?.impressions),
    subText: platformSourceText,
  },
  {
    key: 'net_sentiment',
    label: 'Net sentiment',
    numeric: true,
    sortValue: (r) => r.comments?.net_sentiment ?? null,
    text: (r) => formatSentiment(r.comments?.net_sentiment),
    subText: (r) => (r.comments && r.comments.judged > 0 ? `${formatCount(r.comments.judged)} comments` : ''),
  },
  {
    key: 'meaningful_share',
    label: 'Meaningful comments',
    numeric: true,
    sortValue: (r) => r.comments?.meaningful_share ?? null,
    text: (r) => formatPercent(r.comments?.meaningful_share),
  },
  {
    key: 'conversions',
    label: 'Sales',
    numeric: true,
    sortValue: (r) => r.conversions,
    text: (r) => formatCredit(r.conversions),
  },
  {
    key: 'revenue',
    label: 'Revenue',
    numeric: true,
    sortValue: (r) => r.revenue,
    text: (r, currency) => formatMoney(r.revenue, currency),
  },
  { key: 'updated_at', label: 'Activity', numeric: true, sortValue: (r) => r.updated_at, text: () => '' },
];

export function byPost(a: ContentRow, b: ContentRow): number {
  return compareText(a.content_id, b.content_id) || compareText(contentKey(a), contentKey(b));
}

export function sortContent(rows: readonly ContentRow[], sort: SortState<ContentSortKey>): ContentRow[] {
  return sortRows(rows, CONTENT_COLUMNS, sort, byPost);
}

export interface ContentFilter {
  /** A platform's wire name, or null for all. */
  platform: string | null;
  /** Words to find in the post id, the creator's id or name (case-insensitive); '' for all. */
  text: string;
}

export const NO_FILTER: ContentFilter = { platform: null, text: '' };

/** The rows the filter lets through, in their order. Every word of `text` must appear somewhere in the row. */
export function filterContent(rows: readonly ContentRow[], filter: ContentFilter): ContentRow[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter((w) => w !== '');
  return rows.filter((row) => {
    if (filter.platform !== null && row.platform !== filter.platform) return false;
    if (words.length === 0) return true;
    const haystack = `${row.content_id} ${row.creator_id} ${row.creator_name ?? ''}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** The platforms among the rows, in a stable order (by label). */
export function platformsOf(rows: readonly { platform?: string | null }[]): string[] {
  const set = new Set<string>();
  for (const row of rows) if (row.platform) set.add(row.platform);
  return [...set].sort((a, b) => compareText(platformLabel(a), platformLabel(b)));
}
