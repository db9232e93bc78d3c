// The creator leaderboard: one row per creator (or per creator on the chosen platform), sortable by any column.

import { formatCount, formatCredit, formatMoney, formatMultiple, formatPercent } from './format';
import {
  type Column,
  compareText,
  createSortableTable,
  nextSortOf,
  type SortableTable,
  type SortState,
  sortRows,
} from './sorttable';
import type { CreatorFigures, EpochMs } from './types';

export type { SortDirection } from './sorttable';

export type SortKey =
  | 'name'
  | 'impressions'
  | 'reach'
  | 'engagements'
  | 'engagement_rate'
  | 'authentic_share'
  | 'clicks'
  | 'ctr'
  | 'conversions'
  | 'revenue'
  | 'roas'
  | 'emv'
  | 'updated_at';

export const DEFAULT_SORT: SortState<SortKey> = { key: 'engagements', direction: 'desc' };

export function displayName(creator: Pick<CreatorFigures, 'creator_id' | 'name'>): string {
  return creator.name?.trim() || creator.creator_id;
}

/** Authentic engagements as a share of all engagements; null before the first engagement. */
export function authenticShare(creator: CreatorFigures): number | null {
  return creator.engagements.total > 0 ? creator.authentic_engagements / creator.engagements.total : null;
}

const COLUMNS: readonly Column<CreatorFigures, SortKey>[] = [
  {
    key: 'name',
    label: 'Creator',
    numeric: false,
    rowHeader: true,
    sortValue: displayName,
    text: displayName,
    // The id beneath the name when they differ (two creators may share a name).
    subText: (c) => (displayName(c) === c.creator_id ? '' : c.creator_id),
  },
  {
    key: 'impressions',
    label: 'Impressions',
    numeric: true,
    sortValue: (c) => c.impressions,
    text: (c) => formatCount(c.impressions),
  },
  { key: 'reach', label: 'Reach', numeric: true, sortValue: (c) => c.reach, text: (c) => formatCount(c.reach) },
  {
    key: 'engagements',
    label: 'Engagements',
    numeric: true,
    sortValue: (c) => c.engagements.total,
    text: (c) => formatCount(c.engagements.total),
  },
  {
    key: 'engagement_rate',
    label: 'Authentic eng. rate',
    numeric: true,
    sortValue: (c) => c.engagement_rate,
    text: (c) => formatPercent(c.engagement_rate),
  },
  {
    key: 'authentic_share',
    label: 'Authentic share',
    numeric: true,
    sortValue: authenticShare,
    text: (c) => formatPercent(authenticShare(c)),
  },
  { key: 'clicks', label: 'Clicks', numeric: true, sortValue: (c) => c.clicks, text: (c) => formatCount(c.clicks) },
  { key: 'ctr', label: 'CTR', numeric: true, sortValue: (c) => c.ctr, text: (c) => formatPercent(c.ctr) },
  {
    key: 'conversions',
    label: 'Conversions',
    numeric: true,
    sortValue: (c) => c.conversions ?? null,
    text: (c) => formatCredit(c.conversions),
  },
  {
    key: 'revenue',
    label: 'Revenue',
    numeric: true,
    sortValue: (c) => c.revenue ?? null,
    text: (c, currency) => formatMoney(c.revenue, currency),
  },
  {
    key: 'roas',
    label: 'ROAS',
    numeric: true,
    sortValue: (c) => c.roas ?? null,
    text: (c) => formatMultiple(c.roas),
  },
  {
    key: 'emv',
    label: 'EMV',
    numeric: true,
    sortValue: (c) => c.emv,
    text: (c, currency) => formatMoney(c.emv, currency),
  },
  { key: 'updated_at', label: 'Activity', numeric: true, sortValue: (c) => c.updated_at, text: () => '' },
];

/** The state after a click on a header: the same column flips; a new one starts high-to-low (A–Z for names). */
export function nextSort(current: SortState<SortKey>, clicked: SortKey): SortState<SortKey> {
  return nextSortOf(COLUMNS, current, clicked);
}

function byName(a: CreatorFigures, b: CreatorFigures): number {
  return compareText(displayName(a), displayName(b)) || compareText(a.creator_id, b.creator_id);
}

/** A sorted copy. Nulls ("no data") go last either way; ties fall back to name, then id. */
export function sortCreators(creators: readonly CreatorFigures[], sort: SortState<SortKey>): CreatorFigures[] {
  return sortRows(creators, COLUMNS, sort, byName);
}

export type CreatorTable = SortableTable<CreatorFigures>;

export function createCreatorTable(container: HTMLElement, now: () => EpochMs = Date.now): CreatorTable {
  return createSortableTable(
    container,
    {
      columns: COLUMNS,
      defaultSort: DEFAULT_SORT,
      rowKey: (c) => c.creator_id,
      updatedAt: (c) => c.updated_at,
      updatedColumn: 'updated_at',
      tieBreak: byName,
      tableClass: 'data-table creator-table',
      tableTestId: 'creator-table',
      rowTestId: 'creator-row',
      rowData: (c) => ({ creatorId: c.creator_id }),
      caption:
        'Creators in this campaign; authentic engagement rate is engagements not judged inauthentic over reach; select a column header to sort',
      emptyText: 'No creator figures yet.',
    },
    now,
  );
}
