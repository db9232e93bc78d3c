// Cost versus credited revenue per creator under the chosen model: two CSS bars each, on one scale,
// with the amounts as text beside them (the bars only repeat what the text says).
//
// The panel (data-testid="cost-revenue") carries `data-model`; rows are data-testid="cost-revenue-row"
// with `data-creator-id`. Bar widths are set through the CSSOM, which `style-src 'self'` allows.

import { costRevenueBars, sortByRevenue } from './attributiondata';
import { el, setText } from './dom';
import { formatMoney, formatMultiple } from './format';
import { modelPhrase } from './models';
import type { AttributionView } from './types';

export interface CostRevenueChart {
  render(view: AttributionView, currency: string): void;
  clear(): void;
}

function bar(kind: 'cost' | 'revenue', share: number, amount: string): HTMLElement {
  const fill = el('span', { className: `bar-fill bar-${kind}` });
  fill.style.width = `${(share * 100).toFixed(2)}%`;
  return el(
    'div',
    { className: 'bar-line', attrs: { 'data-kind': kind } },
    el('span', { className: 'bar-label' }, kind === 'cost' ? 'cost' : 'revenue'),
    el('span', { className: 'bar-track', attrs: { 'aria-hidden': 'true' } }, fill),
    el('span', { className: 'bar-amount' }, amount),
  );
}

export function createCostRevenueChart(panel: HTMLElement, modelNote: HTMLElement): CostRevenueChart {
  const list = el('ul', { className: 'bar-list' });
  const empty = el('p', { className: 'panel-empty' }, 'No cost or revenue figures yet.');
  const legend = el(
    'p',
    { className: 'bar-legend' },
    el('span', { className: 'swatch swatch-cost', attrs: { 'aria-hidden': 'true' } }),
    'cost',
    el('span', { className: 'swatch swatch-revenue', attrs: { 'aria-hidden': 'true' } }),
    'credited revenue',
  );
  panel.append(el('div', { className: 'panel-body' }, legend, list, empty));

  const api: CostRevenueChart = {
    render(view, currency) {
      panel.dataset.model = view.model;
      setText(modelNote, `under ${modelPhrase(view.model)} · to date · one scale for all bars`);
      const bars = costRevenueBars(sortByRevenue(view.creators));
      list.replaceChildren(
        ...bars.map((b) =>
          el(
            'li',
            { className: 'bar-row', testId: 'cost-revenue-row', attrs: { 'data-creator-id': b.creatorId } },
            el(
              'p',
              { className: 'bar-head' },
              el('span', { className: 'bar-name' }, b.name),
              el('span', { className: 'bar-roas' }, b.roas === null ? 'ROAS —' : `ROAS ${formatMultiple(b.roas)}`),
            ),
            bar('cost', b.costShare, formatMoney(b.cost, currency)),
            bar('revenue', b.revenueShare, formatMoney(b.revenue, currency)),
          ),
        ),
      );
      empty.hidden = bars.length > 0;
    },
    clear() {
      delete panel.dataset.model;
      setText(modelNote, '');
      list.replaceChildren();
      empty.hidden = false;
    },
  };
  api.clear();
  return api;
}
