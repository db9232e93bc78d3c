// A live, sortable table: one row per key, kept and moved rather than rebuilt, so a live update only
// touches the text that changed. Shared by the creator leaderboard and the content table.
// Optionally paged: only the first `pageSize × pages` rows of the sorted list are in the DOM, which
// keeps a 5,000-post campaign as cheap to patch as a 50-post one.

import { el, reconcileRows, setText } from './dom';
import { formatActivity, formatUtcDateTime } from './format';
import { STALE_AFTER_MS } from './kpis';
import type { EpochMs } from './types';

export type SortDirection = 'asc' | 'desc';

export interface SortState<K extends string> {
  key: K;
  direction: SortDirection;
}

export interface Column<T, K extends string> {
  key: K;
  label: string;
  numeric: boolean;
  /** The value sorted on; null sorts last in either direction. */
  sortValue(row: T): number | string | null;
  /** The cell text (`currency` is the campaign's). */
  text(row: T, currency: string): string;
  /** A second, smaller line under the text (an id beside a name), or '' for none. */
  subText?(row: T): string;
  /** The row's header cell (`<th scope="row">`): the first column, naming the row. */
  rowHeader?: boolean;
}

export interface SortableTableSpec<T, K extends string> {
  columns: readonly Column<T, K>[];
  defaultSort: SortState<K>;
  /** Identity of a row across updates. */
  rowKey(row: T): string;
  /** When the row's figures last changed: the "Activity" column ("active now", "quiet 5 min"), refreshed every second. */
  updatedAt(row: T): EpochMs | null;
  /** The column showing `updatedAt` as an age. */
  updatedColumn: K;
  /** Order between rows equal on the sort column. */
  tieBreak(a: T, b: T): number;
  tableClass: string;
  tableTestId: string;
  rowTestId: string;
  /** `data-*` attributes that identify a row to tests and to links (e.g. `{ creatorId: 'anna' }`). */
  rowData(row: T): Record<string, string>;
  caption: string;
  emptyText: string;
  /** Rows per page; without it every row is shown. */
  pageSize?: number;
}

export interface SortableTable<T> {
  render(rows: readonly T[], currency: string): void;
  clear(): void;
  /** Refreshes the ages in the updated column; called every second. */
  tick(now: EpochMs): void;
  /** Puts a row in view and marks it for a moment (a link from an alert); false when it is not shown. */
  reveal(key: string): boolean;
}

const collator = new Intl.Collator('en-US', { sensitivity: 'base', numeric: true });

export function compareText(a: string, b: string): number {
  return collator.compare(a, b);
}

/** The state after a click on a header: the same column flips; a new one starts high-to-low (A–Z for text). */
export function nextSortOf<T, K extends string>(
  columns: readonly Column<T, K>[],
  current: SortState<K>,
  clicked: K,
): SortState<K> {
  if (current.key === clicked) return { key: clicked, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  const numeric = columns.find((column) => column.key === clicked)?.numeric ?? true;
  return { key: clicked, direction: numeric ? 'desc' : 'asc' };
}

/** A sorted copy. Nulls ("no data") go last either way; ties fall back to `tieBreak`. */
export function sortRows<T, K extends string>(
  rows: readonly T[],
  columns: readonly Column<T, K>[],
  sort: SortState<K>,
  tieBreak: (a: T, b: T) => number,
): T[] {
  const column = columns.find((c) => c.key === sort.key) ?? columns[0]!;
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = column.sortValue(a);
    const y = column.sortValue(b);
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else {
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      if (order !== 0) return sign * order;
    }
    return tieBreak(a, b);
  });
}

interface Row<T, K extends string> {
  tr: HTMLTableRowElement;
  cells: Map<K, HTMLTableCellElement>;
  subs: Map<K, HTMLElement>;
  data: T;
}

/**
 * A wide table's scroll box: focusable (a keyboard scrolls it), named for screen readers, and shaded at an edge while
 * more columns lie beyond it (styles.css), so a phone shows that the table goes on.
 */
export function scrollRegion(table: HTMLElement, label: string): HTMLElement {
  return el('div', { className: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': label } }, table);
}

export function createSortableTable<T, K extends string>(
  container: HTMLElement,
  spec: SortableTableSpec<T, K>,
  now: () => EpochMs = Date.now,
): SortableTable<T> {
  const { columns } = spec;
  let sort = spec.defaultSort;
  let currency = 'USD';
  let data: readonly T[] = [];
  let pages = 1;
  const rows = new Map<string, Row<T, K>>();

  const headerButtons = new Map<K, HTMLButtonElement>();
  const headerRow = el('tr');
  for (const column of columns) {
    const button = el(
      'button',
      { className: 'sort-button', attrs: { type: 'button' } },
      column.label,
      el('span', { className: 'sort-indicator', attrs: { 'aria-hidden': 'true' } }),
    );
    button.addEventListener('click', () => {
      sort = nextSortOf(columns, sort, column.key);
      pages = 1;
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
    el('td', { attrs: { colspan: String(columns.length) } }, spec.emptyText),
  );
  const table = el(
    'table',
    { className: spec.tableClass, testId: spec.tableTestId },
    el('caption', { className: 'visually-hidden' }, spec.caption),
    el('thead', {}, headerRow),
    tbody,
  );
  const shown = el('span', { className: 'table-count', testId: `${spec.tableTestId}-count` });
  const more = el('button', { className: 'more-button', testId: `${spec.tableTestId}-more`, attrs: { type: 'button' } });
  more.addEventListener('click', () => {
    pages += 1;
    paint();
  });
  const footer = el('div', { className: 'table-footer' }, shown, more);
  container.replaceChildren(scrollRegion(table, spec.caption), footer);

  function createRow(row: T): Row<T, K> {
    const tr = el('tr', { testId: spec.rowTestId });
    Object.assign(tr.dataset, spec.rowData(row));
    const cells = new Map<K, HTMLTableCellElement>();
    const subs = new Map<K, HTMLElement>();
    for (const column of columns) {
      const cell = column.rowHeader
        ? el('th', { className: 'text', attrs: { scope: 'row', 'data-col': column.key } })
        : el('td', { className: column.numeric ? 'num' : 'text', attrs: { 'data-col': column.key } });
      cell.append(document.createTextNode(''));
      if (column.subText) {
        const sub = el('span', { className: 'cell-sub' });
        subs.set(column.key, sub);
        cell.append(sub);
      }
      cells.set(column.key, cell);
      tr.append(cell);
    }
    return { tr, cells, subs, data: row };
  }

  function fill(row: Row<T, K>, at: EpochMs): void {
    for (const column of columns) {
      if (column.key === spec.updatedColumn) continue;
      const cell = row.cells.get(column.key)!;
      const label = cell.firstChild as Text;
      const text = column.text(row.data, currency);
      if (label.data !== text) label.data = text;
      const sub = row.subs.get(column.key);
      if (sub) setText(sub, column.subText!(row.data));
    }
    paintFreshness(row, at);
  }

  function paintFreshness(row: Row<T, K>, at: EpochMs): void {
    const cell = row.cells.get(spec.updatedColumn);
    if (!cell) return;
    const updated = spec.updatedAt(row.data);
    const label = cell.firstChild as Text;
    const text = formatActivity(updated, at);
    if (label.data !== text) label.data = text;
    const title = updated === null ? '' : `last change ${formatUtcDateTime(updated)}`;
    if (cell.title !== title) cell.title = title;
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
    const all = new Set<string>();
    const seen = new Set<string>();
    const ordered: HTMLTableRowElement[] = [];
    const limit = spec.pageSize === undefined ? Infinity : spec.pageSize * pages;
    for (const item of sortRows(data, columns, sort, spec.tieBreak)) {
      const key = spec.rowKey(item);
      if (all.has(key)) continue; // a repeated key would share one row
      all.add(key);
      if (ordered.length >= limit) continue;
      seen.add(key);
      let row = rows.get(key);
      if (!row) {
        row = createRow(item);
        rows.set(key, row);
      }
      row.data = item;
      fill(row, at);
      ordered.push(row.tr);
    }
    reconcileRows(tbody, empty, rows, seen, ordered);

    const distinct = all.size;
    const paged = spec.pageSize !== undefined && distinct > spec.pageSize;
    footer.hidden = !paged;
    setText(shown, `${ordered.length.toLocaleString('en-US')} of ${distinct.toLocaleString('en-US')} shown`);
    more.hidden = ordered.length >= distinct;
    setText(more, `Show ${Math.min(spec.pageSize ?? 0, distinct - ordered.length).toLocaleString('en-US')} more`);
  }

  paint();

  return {
    render(next, nextCurrency) {
      data = next;
      currency = nextCurrency;
      paint();
    },
    clear() {
      data = [];
      pages = 1;
      paint();
    },
    tick(at) {
      for (const row of rows.values()) paintFreshness(row, at);
      // A table sorted by "updated" reorders only on data, not on the clock: ages move together.
    },
    reveal(key) {
      const row = rows.get(key);
      if (!row) return false;
      row.tr.scrollIntoView({ block: 'center', behavior: 'smooth' });
      row.tr.classList.remove('is-revealed');
      void row.tr.offsetWidth; // restart the highlight animation
      row.tr.classList.add('is-revealed');
      return true;
    },
  };
}
