// The creator leaderboard: one row per creator, sortable by any column.
// Rows are kept per creator_id and moved, not rebuilt, so a live update only touches text.

import { el, setText, reconcileRows } from './dom';
import { formatAge, formatCount, formatMoney, formatPercent } from './format';
import { STALE_AFTER_MS } from './kpis';
import type { CreatorFigures, EpochMs } from './types';

export type SortKey =
  | 'name'
  | 'impressions'
  | 'reach'
  | 'engagements'
  | 'engagement_rate'
  | 'clicks'
  | 'ctr'
  | 'emv'
  | 'updated_at';

export type SortDirection = 'asc' | 'desc';

export interface SortState {
  key: SortKey;
  direction: SortDirection;
}

export const DEFAULT_SORT: SortState = { key: 'engagements', direction: 'desc' };

interface Column {
  key: SortKey;
  label: string;
  numeric: boolean;
  /** The value sorted on; null sorts last in either direction. */
  sortValue(creator: CreatorFigures): number | string | null;
  /** The cell text; `updated` is refreshed every second by tick(). */
  text(creator: CreatorFigures, currency: string, now: EpochMs): string;
}

export function displayName(creator: Pick<CreatorFigures, 'creator_id' | 'name'>): string {
  return creator.name?.trim() || creator.creator_id;
}

const COLUMNS: readonly Column[] = [
  { key: 'name', label: 'Creator', numeric: false, sortValue: displayName, text: displayName },
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
    label: 'Eng. rate',
    numeric: true,
    sortValue: (c) => c.engagement_rate,
    text: (c) => formatPercent(c.engagement_rate),
  },
  { key: 'clicks', label: 'Clicks', numeric: true, sortValue: (c) => c.clicks, text: (c) => formatCount(c.clicks) },
  { key: 'ctr', label: 'CTR', numeric: true, sortValue: (c) => c.ctr, text: (c) => formatPercent(c.ctr) },
  {
    key: 'emv',
    label: 'EMV',
    numeric: true,
    sortValue: (c) => c.emv,
    text: (c, currency) => formatMoney(c.emv, currency),
  },
  {
    key: 'updated_at',
    label: 'Updated',
    numeric: true,
    sortValue: (c) => c.updated_at,
    text: (c, _currency, now) => formatAge(c.updated_at, now),
  },
];

function columnOf(key: SortKey): Column {
  return COLUMNS.find((column) => column.key === key)!;
}

/** The state after a click on a header: the same column flips; a new one starts high-to-low (A–Z for names). */
export function nextSort(current: SortState, clicked: SortKey): SortState {
  if (current.key === clicked) return { key: clicked, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key: clicked, direction: columnOf(clicked).numeric ? 'desc' : 'asc' };
}

const collator = new Intl.Collator('en-US', { sensitivity: 'base', numeric: true });

/** A sorted copy. Nulls ("no data") go last either way; ties fall back to name, then id. */
export function sortCreators(creators: readonly CreatorFigures[], sort: SortState): CreatorFigures[] {
  const column = columnOf(sort.key);
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...creators].sort((a, b) => {
    const x = column.sortValue(a);
    const y = column.sortValue(b);
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else {
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      if (order !== 0) return sign * order;
    }
    return collator.compare(displayName(a), displayName(b)) || collator.compare(a.creator_id, b.creator_id);
  });
}

interface Row {
  tr: HTMLTableRowElement;
  cells: Map<SortKey, HTMLTableCellElement>;
  nameId: HTMLElement;
  creator: CreatorFigures;
}

export interface CreatorTable {
  render(creators: readonly CreatorFigures[], currency: string): void;
  clear(): void;
  /** Refreshes the "updated" column; called every second. */
  tick(now: EpochMs): void;
}

export function createCreatorTable(container: HTMLElement, now: () => EpochMs = Date.now): CreatorTable {
  let sort: SortState = DEFAULT_SORT;
  let currency = 'USD';
  let creators: readonly CreatorFigures[] = [];
  const rows = new Map<string, Row>();

  const headerButtons = new Map<SortKey, HTMLButtonElement>();
  const headerRow = el('tr');
  for (const column of COLUMNS) {
    const button = el(
      'button',
      { className: 'sort-button', attrs: { type: 'button' } },
      column.label,
      el('span', { className: 'sort-indicator', attrs: { 'aria-hidden': 'true' } }),
    );
    button.addEventListener('click', () => {
      sort = nextSort(sort, column.key);
      paint();
    });
    headerButtons.set(column.key, button);
    headerRow.append(
      el('th', { className: column.numeric ? 'num' : 'text', attrs: { scope: 'col', 'data-col': column.key } }, button),
    );
  }

  const tbody = el('tbody');
  const empty = el(
    'tr',
    { className: 'empty-row' },
    el('td', { attrs: { colspan: String(COLUMNS.length) } }, 'No creator figures yet.'),
  );
  const table = el(
    'table',
    { className: 'creator-table', testId: 'creator-table' },
    el('caption', { className: 'visually-hidden' }, 'Creators in this campaign; select a column header to sort'),
    el('thead', {}, headerRow),
    tbody,
  );
  container.replaceChildren(el('div', { className: 'table-scroll' }, table));

  function createRow(creator: CreatorFigures): Row {
    const tr = el('tr', { testId: 'creator-row' });
    tr.dataset.creatorId = creator.creator_id;
    const cells = new Map<SortKey, HTMLTableCellElement>();
    const nameId = el('span', { className: 'creator-id' });
    for (const column of COLUMNS) {
      const cell =
        column.key === 'name'
          ? el('th', { className: 'text', attrs: { scope: 'row', 'data-col': column.key } })
          : el('td', { className: column.numeric ? 'num' : 'text', attrs: { 'data-col': column.key } });
      cells.set(column.key, cell);
      tr.append(cell);
    }
    return { tr, cells, nameId, creator };
  }

  function fill(row: Row, at: EpochMs): void {
    for (const column of COLUMNS) {
      const cell = row.cells.get(column.key)!;
      if (column.key === 'name') {
        // The name, with the id beneath it when they differ (two creators may share a name).
        const name = displayName(row.creator);
        const label = cell.firstChild instanceof Text ? cell.firstChild : cell.appendChild(document.createTextNode(''));
        if (label.data !== name) label.data = name;
        setText(row.nameId, name === row.creator.creator_id ? '' : row.creator.creator_id);
        if (!row.nameId.isConnected) cell.append(row.nameId);
      } else {
        setText(cell, column.text(row.creator, currency, at));
      }
    }
    paintFreshness(row, at);
  }

  function paintFreshness(row: Row, at: EpochMs): void {
    const cell = row.cells.get('updated_at')!;
    setText(cell, formatAge(row.creator.updated_at, at));
    const updated = row.creator.updated_at;
    cell.classList.toggle('is-stale', updated !== null && at - updated > STALE_AFTER_MS);
  }

  function paint(): void {
    for (const [key, button] of headerButtons) {
      const active = key === sort.key;
      const th = button.parentElement!;
      th.setAttribute('aria-sort', active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none');
      button.classList.toggle('is-active', active);
      setText(button.lastElementChild!, active ? (sort.direction === 'asc' ? '▲' : '▼') : '');
    }

    const at = now();
    const seen = new Set<string>();
    const ordered: HTMLTableRowElement[] = [];
    for (const creator of sortCreators(creators, sort)) {
      if (seen.has(creator.creator_id)) continue; // a duplicate id would share one row
      seen.add(creator.creator_id);
      let row = rows.get(creator.creator_id);
      if (!row) {
        row = createRow(creator);
        rows.set(creator.creator_id, row);
      }
      row.creator = creator;
      fill(row, at);
      ordered.push(row.tr);
    }
    reconcileRows(tbody, empty, rows, seen, ordered);
  }

  paint();

  return {
    render(next, nextCurrency) {
      creators = next;
      currency = nextCurrency;
      paint();
    },
    clear() {
      creators = [];
      paint();
    },
    tick(at) {
      for (const row of rows.values()) paintFreshness(row, at);
      // A table sorted by "updated" reorders only on data, not on the clock: ages move together.
    },
  };
}
