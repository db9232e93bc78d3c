// The attribution panel: the model switcher, the creators under the chosen model, and all seven
// models side by side (revenue per creator per model, each creator's highest marked).
//
// The panel (data-testid="attribution-panel") carries `data-model`: the model of the figures on
// show (absent while none are). Rows (data-testid="attribution-row", `data-creator-id`) are kept
// per creator and moved, not rebuilt, so a refresh only touches text.

import { bestText, compareModels, creatorLabel, fallbackText, sortByRevenue } from './attributiondata';
import { scrollRegion } from './sorttable';
import { el, setText, reconcileRows } from './dom';
import { formatCount, formatCredit, formatMoney, formatMultiple, formatPercent, NO_DATA } from './format';
import { refreshedText } from './freshness';
import { STALE_AFTER_MS } from './kpis';
import { ATTRIBUTION_MODELS, isAttributionModel, modelLabel, modelPhrase, type AttributionModel } from './models';
import type { AttributionView, CreatorAttribution, EpochMs } from './types';

export interface AttributionPanel {
  /** Shows the model in the switcher without firing onChange. */
  setModel(model: string): void;
  /** Names the campaign's reporting model in the switcher ("Last touch · reporting"). */
  setReportingModel(model: string | null): void;
  render(view: AttributionView, currency: string, fetchedAt: EpochMs): void;
  /** A refresh failed; figures already shown stay. */
  failed(reason: string): void;
  /** A new model was chosen: the figures on show are another model's until the answer comes. */
  loading(): void;
  /** Back to empty (while another campaign loads). */
  clear(): void;
  /** Refreshes the freshness line; called every second. */
  tick(now: EpochMs): void;
}

type Col = 'name' | 'conversions' | 'revenue' | 'assisted_conversions' | 'cost' | 'roi' | 'roas' | 'cpa';

const COLUMNS: readonly { key: Col; label: string; text(c: CreatorAttribution, currency: string): string }[] = [
  { key: 'name', label: 'Creator', text: creatorLabel },
  { key: 'conversions', label: 'Conversions', text: (c) => formatCredit(c.conversions) },
  { key: 'revenue', label: 'Revenue', text: (c, cur) => formatMoney(c.revenue, cur) },
  { key: 'assisted_conversions', label: 'Assisted', text: (c) => formatCount(c.assisted_conversions) },
  { key: 'cost', label: 'Cost', text: (c, cur) => formatMoney(c.cost, cur) },
  { key: 'roi', label: 'ROI', text: (c) => formatPercent(c.roi) },
  { key: 'roas', label: 'ROAS', text: (c) => formatMultiple(c.roas) },
  { key: 'cpa', label: 'CPA', text: (c, cur) => formatMoney(c.cpa, cur) },
];

interface Row {
  tr: HTMLTableRowElement;
  cells: Map<Col, HTMLTableCellElement>;
}

export function createAttributionPanel(
  panel: HTMLElement,
  select: HTMLSelectElement,
  onChange: (model: AttributionModel) => void,
  now: () => EpochMs = Date.now,
): AttributionPanel {
  const options = new Map<AttributionModel, HTMLOptionElement>();
  for (const model of ATTRIBUTION_MODELS) {
    const option = el('option', { attrs: { value: model } }, modelLabel(model));
    options.set(model, option);
    select.append(option);
  }
  select.addEventListener('change', () => {
    if (isAttributionModel(select.value)) onChange(select.value);
  });

  const summary = el('p', { className: 'attribution-summary', testId: 'attribution-summary' });
  const fallback = el('p', {
    className: 'attribution-fallback',
    testId: 'attribution-fallback',
    attrs: { role: 'note' },
  });
  fallback.hidden = true;

  // The creators under the chosen model.
  const tbody = el('tbody');
  const empty = el(
    'tr',
    { className: 'empty-row' },
    el('td', { attrs: { colspan: String(COLUMNS.length) } }, 'No attribution figures yet.'),
  );
  const table = el(
    'table',
    { className: 'data-table attribution-table', testId: 'attribution-table' },
    el('caption', { className: 'visually-hidden' }, 'Creators under the chosen model, highest revenue first'),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...COLUMNS.map((c) =>
          el(
            'th',
            { className: c.key === 'name' ? 'text' : 'num', attrs: { scope: 'col', 'data-col': c.key } },
            c.label,
          ),
        ),
      ),
    ),
    tbody,
  );
  const rows = new Map<string, Row>();

  // All seven models side by side.
  const compareHead = el('tr');
  const compareBody = el('tbody');
  const compareFoot = el('tfoot');
  const compareTable = el(
    'table',
    { className: 'data-table comparison-table', testId: 'model-comparison' },
    el('caption', { className: 'visually-hidden' }, 'Revenue credited to each creator under each model'),
    el('thead', {}, compareHead),
    compareBody,
    compareFoot,
  );

  const freshness = el('p', { className: 'freshness', testId: 'attribution-freshness' }, 'loading…');
  panel.append(
    el(
      'div',
      { className: 'panel-body' },
      summary,
      fallback,
      scrollRegion(table, 'Creators under the chosen model'),
      el(
        'h3',
        { className: 'panel-subtitle' },
        'All models side by side',
        el('span', { className: 'panel-note' }, 'revenue credited, to date; each creator’s highest marked'),
      ),
      scrollRegion(compareTable, 'Revenue under each model'),
      freshness,
    ),
  );

  let currency = 'USD';
  let fetchedAt: EpochMs | null = null;
  let failure: string | null = null;

  function createRow(creatorId: string): Row {
    const tr = el('tr', { testId: 'attribution-row' });
    tr.dataset.creatorId = creatorId;
    const cells = new Map<Col, HTMLTableCellElement>();
    for (const column of COLUMNS) {
      const cell =
        column.key === 'name'
          ? el('th', { className: 'text', attrs: { scope: 'row', 'data-col': column.key } })
          : el('td', { className: 'num', attrs: { 'data-col': column.key } });
      cells.set(column.key, cell);
      tr.append(cell);
    }
    return { tr, cells };
  }

  function paintRows(creators: readonly CreatorAttribution[]): void {
    const seen = new Set<string>();
    const ordered: HTMLTableRowElement[] = [];
    for (const creator of sortByRevenue(creators)) {
      seen.add(creator.creator_id);
      let row = rows.get(creator.creator_id);
      if (!row) {
        row = createRow(creator.creator_id);
        rows.set(creator.creator_id, row);
      }
      for (const column of COLUMNS) setText(row.cells.get(column.key)!, column.text(creator, currency));
      ordered.push(row.tr);
    }
    reconcileRows(tbody, empty, rows, seen, ordered);
  }

  function paintComparison(view: AttributionView | null): void {
    const chosen = view?.model ?? null;
    compareHead.replaceChildren(
      el('th', { className: 'text', attrs: { scope: 'col' } }, 'Creator'),
      ...ATTRIBUTION_MODELS.map((m) =>
        el(
          'th',
          { className: `num${m === chosen ? ' is-chosen' : ''}`, attrs: { scope: 'col', 'data-model': m } },
          modelLabel(m),
          m === 'data_driven' && view?.data_driven_fallback
            ? el('span', { className: 'column-note' }, 'as linear')
            : null,
        ),
      ),
    );
    if (!view || view.creators.length === 0) {
      compareBody.replaceChildren(
        el(
          'tr',
          { className: 'empty-row' },
          el('td', { attrs: { colspan: String(ATTRIBUTION_MODELS.length + 1) } }, 'No attribution figures yet.'),
        ),
      );
      compareFoot.replaceChildren();
      return;
    }
    const comparison = compareModels(sortByRevenue(view.creators));
    compareBody.replaceChildren(
      ...comparison.rows.map((row) =>
        el(
          'tr',
          { testId: 'comparison-row', attrs: { 'data-creator-id': row.creatorId, 'data-best': row.best.join(' ') } },
          el('th', { className: 'text', attrs: { scope: 'row' } }, row.name),
          ...ATTRIBUTION_MODELS.map((m) => {
            // Marked only where the models disagree: a row equal under all seven has no best.
            const best = row.best.includes(m) && row.best.length < ATTRIBUTION_MODELS.length;
            const credit = row.conversions[m];
            const title = `${credit === null ? NO_DATA : formatCredit(credit)} conversions under ${modelPhrase(m)}`;
            return el(
              'td',
              {
                className: `num${m === chosen ? ' is-chosen' : ''}${best ? ' is-best' : ''}`,
                attrs: { 'data-model': m, title: best ? `${title} · ${bestText(row.best)}` : title },
              },
              formatMoney(row.revenue[m], currency),
              best ? el('span', { className: 'visually-hidden' }, ` (${bestText(row.best)})`) : null,
            );
          }),
        ),
      ),
    );
    compareFoot.replaceChildren(
      el(
        'tr',
        {},
        el('th', { className: 'text', attrs: { scope: 'row' } }, 'All creators'),
        ...ATTRIBUTION_MODELS.map((m) =>
          el(
            'td',
            { className: `num${m === chosen ? ' is-chosen' : ''}` },
            formatMoney(comparison.totals[m], currency),
          ),
        ),
      ),
    );
  }

  function paintFreshness(at: EpochMs): void {
    setText(freshness, refreshedText(fetchedAt, at, failure));
    freshness.classList.toggle('is-stale', failure !== null || (fetchedAt !== null && at - fetchedAt > STALE_AFTER_MS));
  }

  const api: AttributionPanel = {
    setModel(model) {
      if (isAttributionModel(model)) select.value = model;
    },
    setReportingModel(model) {
      for (const [m, option] of options) setText(option, m === model ? `${modelLabel(m)} · reporting` : modelLabel(m));
    },
    render(view, nextCurrency, at) {
      currency = nextCurrency;
      fetchedAt = at;
      failure = null;
      panel.dataset.model = view.model;
      if (isAttributionModel(view.model)) select.value = view.model;
      panel.setAttribute('aria-busy', 'false');
      api.setReportingModel(view.reporting_model);
      const model = modelPhrase(view.model);
      const reporting =
        view.model === view.reporting_model
          ? 'the campaign’s reporting model'
          : `the campaign reports under ${modelPhrase(view.reporting_model)}; ` +
            `cost and returns here are as if it reported under ${model}`;
      setText(
        summary,
        `${formatCredit(view.conversions)} ${view.conversions === 1 ? 'conversion' : 'conversions'} and ` +
          `${formatMoney(view.revenue, currency)} of revenue credited under ${model} (${reporting}).`,
      );
      const note = fallbackText(view);
      setText(fallback, note ?? '');
      fallback.hidden = note === null;
      paintRows(view.creators);
      paintComparison(view);
      paintFreshness(now());
    },
    failed(reason) {
      failure = reason;
      panel.setAttribute('aria-busy', 'false');
      paintFreshness(now());
    },
    loading() {
      delete panel.dataset.model;
      panel.setAttribute('aria-busy', 'true');
    },
    clear() {
      fetchedAt = null;
      failure = null;
      delete panel.dataset.model;
      setText(summary, '');
      fallback.hidden = true;
      api.setReportingModel(null);
      paintRows([]);
      paintComparison(null);
      paintFreshness(now());
    },
    tick(at) {
      paintFreshness(at);
    },
  };
  api.clear();
  return api;
}
