// The outcomes panel: the funnel of the campaign or one creator, each creator's outcomes (conversion rate, AOV,
// leads, referral quality) and the campaign per platform and per content format, all to date under the page's model.
// Fetched from GET …/outcomes at once on a campaign or model change, then again on live updates at most once every
// OUTCOMES_REFRESH_MS, as the content table is.
//
// Tests find the funnel's stages as [data-testid=funnel-stage][data-stage=…] (count in [data-col=count], drop-off in
// [data-col=drop]), the outcome rows as [data-testid=outcome-row][data-creator-id=…] ('' for the campaign) and the
// breakdown rows as [data-testid=breakdown-row][data-kind=platform|format][data-name=…], each cell by [data-col=…].

import { getOutcomes } from './api';
import { el, setText } from './dom';
import { formatMoney, platformLabel } from './format';
import {
  BREAKDOWN_COLUMNS,
  dropOffText,
  formatLabel,
  funnelStages,
  OUTCOME_COLUMNS,
  type BreakdownColumn,
  type OutcomeColumn,
} from './outcomesdata';
import { createRestView } from './restview';
import type { BreakdownFigures, EpochMs, OutcomeRow, OutcomesView } from './types';

/** The shortest time between two refreshes prompted by live updates. */
export const OUTCOMES_REFRESH_MS = 15_000;

export interface OutcomesPanel {
  /** A new campaign or model: load now (a new campaign also resets the funnel's scope). */
  show(key: string, campaignId: string, model: string | null): void;
  /** A live update for this campaign arrived: refresh, throttled. */
  poke(campaignId: string): void;
  stop(): void;
  tick(now: EpochMs): void;
}

const CAMPAIGN_SCOPE = '';

/** A table that scrolls sideways on a narrow screen, reachable by keyboard (as the sortable tables are). */
export function scrollRegion(label: string, table: HTMLTableElement, className = 'table-scroll'): HTMLDivElement {
  return el('div', { className, attrs: { tabindex: '0', role: 'region', 'aria-label': label } }, table);
}

function headerRow(first: string, labels: readonly { key: string; label: string }[]): HTMLTableSectionElement {
  return el(
    'thead',
    {},
    el('tr', {}, el('th', { attrs: { scope: 'col' } }, first), ...labels.map((c) => el('th', { attrs: { scope: 'col', 'data-col': c.key } }, c.label))),
  );
}

function outcomeRow(row: OutcomeRow, currency: string, columns: readonly OutcomeColumn[]): HTMLTableRowElement {
  const name = row.creator_id === null ? 'Campaign' : row.name?.trim() || row.creator_id;
  return el(
    'tr',
    { testId: 'outcome-row', attrs: { 'data-creator-id': row.creator_id ?? '' }, className: row.creator_id === null ? 'is-total' : '' },
    el('th', { attrs: { scope: 'row' } }, name),
    ...columns.map((c) => el('td', { className: 'num', attrs: { 'data-col': c.key } }, c.text(row, currency))),
  );
}

function breakdownRow(kind: 'platform' | 'format', row: BreakdownFigures, currency: string, columns: readonly BreakdownColumn[]): HTMLTableRowElement {
  return el(
    'tr',
    { testId: 'breakdown-row', attrs: { 'data-kind': kind, 'data-name': row.name } },
    el('th', { attrs: { scope: 'row' } }, kind === 'platform' ? platformLabel(row.name) : formatLabel(row.name)),
    ...columns.map((c) => el('td', { className: 'num', attrs: { 'data-col': c.key } }, c.text(row, currency))),
  );
}

export function createOutcomesPanel(
  container: HTMLElement,
  note: HTMLElement,
  refused: (reason: string) => void,
  now: () => EpochMs = Date.now,
): OutcomesPanel {
  let model: string | null = null;
  const figures = createRestView((key, campaignId) => getOutcomes(key, campaignId, model), OUTCOMES_REFRESH_MS, () => paint(), refused, now);

  const scope = el('select', { testId: 'funnel-scope', attrs: { 'aria-label': 'Funnel of' } });
  scope.addEventListener('change', () => paintFunnel());
  const funnelList = el('ol', { className: 'funnel', testId: 'funnel' });
  const funnelNote = el('p', { className: 'funnel-note' });
  const outcomeTable = el('table', { className: 'data-table outcome-table', testId: 'outcome-table' });
  const platformTable = el('table', { className: 'data-table breakdown-table', testId: 'breakdown-platforms' });
  const formatTable = el('table', { className: 'data-table breakdown-table', testId: 'breakdown-formats' });
  const unallocated = el('p', { className: 'section-note', testId: 'breakdown-unallocated' });
  container.replaceChildren(
    el(
      'div',
      { className: 'outcomes-funnel' },
      el('h3', {}, 'Funnel', ' ', el('label', { className: 'table-filter' }, el('span', {}, 'of'), scope)),
      funnelList,
      funnelNote,
    ),
    el('h3', {}, 'Outcomes per creator'),
    scrollRegion('Outcomes per creator', outcomeTable),
    el('h3', {}, 'By platform'),
    scrollRegion('Figures by platform', platformTable),
    el('h3', {}, 'By content format'),
    scrollRegion('Figures by content format', formatTable),
    unallocated,
  );

  function paintScopes(view: OutcomesView): void {
    const current = scope.value;
    const options: [string, string][] = [[CAMPAIGN_SCOPE, 'the whole campaign'], ...view.creators.map((c): [string, string] => [c.creator_id ?? '', c.name?.trim() || (c.creator_id ?? '')])];
    const signature = options.map((o) => o.join('\u001e')).join('\u001f');
    if (scope.dataset.signature !== signature) {
      scope.dataset.signature = signature;
      scope.replaceChildren(...options.map(([value, label]) => el('option', { attrs: { value } }, label)));
    }
    scope.value = options.some(([value]) => value === current) ? current : CAMPAIGN_SCOPE;
  }

  function paintFunnel(): void {
    const view = figures.answer;
    const chosen = scope.value;
    const row = view === null ? null : chosen === CAMPAIGN_SCOPE ? view.campaign : view.creators.find((c) => c.creator_id === chosen) ?? null;
    const stages = funnelStages(row?.funnel);
    funnelList.dataset.scope = chosen;
    funnelList.replaceChildren(
      ...stages.map((s) => {
        const bar = el('span', { className: 'funnel-bar', attrs: { 'aria-hidden': 'true' } });
        bar.style.width = `${(s.ofReached * 100).toFixed(2)}%`;
        return el(
          'li',
          { className: `funnel-stage is-${s.stage}`, testId: 'funnel-stage', attrs: { 'data-stage': s.stage } },
          el('span', { className: 'funnel-label' }, s.label),
          el('span', { className: 'funnel-track' }, bar),
          el('span', { className: 'num', attrs: { 'data-col': 'count' } }, s.count.toLocaleString('en-US')),
          el('span', { className: 'funnel-drop', attrs: { 'data-col': 'drop' } }, dropOffText(s.dropOff)),
        );
      }),
    );
    setText(
      funnelNote,
      stages.length === 0
        ? 'No funnel yet.'
        : 'Distinct users; each stage counts those who passed every stage before it. Converted is out of clicked, whether a site visit was seen or not.',
    );
  }

  function paint(): void {
    const view = figures.answer;
    if (view === null) {
      funnelList.replaceChildren();
      outcomeTable.replaceChildren();
      platformTable.replaceChildren();
      formatTable.replaceChildren();
      setText(unallocated, '');
      paintNote(now());
      return;
    }
    const currency = view.currency || 'USD';
    paintScopes(view);
    paintFunnel();
    outcomeTable.replaceChildren(
      el('caption', { className: 'visually-hidden' }, 'Outcomes to date of the campaign and each creator'),
      headerRow('Creator', OUTCOME_COLUMNS),
      el('tbody', {}, outcomeRow(view.campaign, currency, OUTCOME_COLUMNS), ...view.creators.map((r) => outcomeRow(r, currency, OUTCOME_COLUMNS))),
    );
    platformTable.replaceChildren(
      headerRow('Platform', BREAKDOWN_COLUMNS),
      el('tbody', {}, ...view.platforms.map((r) => breakdownRow('platform', r, currency, BREAKDOWN_COLUMNS))),
    );
    formatTable.replaceChildren(
      headerRow('Format', BREAKDOWN_COLUMNS),
      el('tbody', {}, ...view.formats.map((r) => breakdownRow('format', r, currency, BREAKDOWN_COLUMNS))),
    );
    const rest = view.unallocated_cost;
    setText(
      unallocated,
      typeof rest === 'number' && rest > 0
        ? `Cost no post carries yet (fixed costs of creators without a post, commission on credit that names no post): ${formatMoney(rest, currency)}`
        : '',
    );
    paintNote(now());
  }

  function paintNote(at: EpochMs): void {
    setText(note, figures.freshness(at, `to date · ${figures.answer?.model?.replace(/_/g, ' ') ?? 'reporting model'}`));
  }

  return {
    show(nextKey, nextCampaign, nextModel) {
      if (nextCampaign !== figures.campaignId || nextKey !== figures.key) scope.value = CAMPAIGN_SCOPE;
      model = nextModel;
      figures.show(nextKey, nextCampaign);
    },
    poke: (id) => figures.poke(id),
    stop: () => figures.stop(),
    tick(at) {
      paintNote(at);
    },
  };
}
