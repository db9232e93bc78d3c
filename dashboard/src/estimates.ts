// The estimates panel (docs/design.md, "Estimates"): the halo of untracked traffic after posts, promo-code uses that
// look leaked, and incrementality against a holdout. Every figure is labelled an estimate and shown with its 90 %
// interval; none is added to the measured figures on the rest of the page. Fetched from GET …/estimates on a campaign
// change, then again on live updates at most once every ESTIMATES_REFRESH_MS.
//
// Tests find: the label [data-testid=estimates-label]; [data-testid=halo-summary], [data-testid=halo-roi],
// [data-testid=halo-baseline], creators' rows [data-testid=halo-row][data-creator=…]; code leaks
// [data-testid=leak-row][data-creator=…][data-alerted=true|false]; [data-testid=lift-summary] and the tallies
// [data-testid=lift-cell-row][data-group=…]; cells by [data-col=…].

import { getEstimates } from './api';
import { el, setText } from './dom';
import { formatAgo, formatCount, formatMoney, formatUtcDateTime } from './format';
import {
  creatorRoiText,
  formatEstimate,
  haloBaselineText,
  haloRows,
  haloSummary,
  isMade,
  leakSignalsText,
  liftCells,
  liftSummary,
  orderLeaks,
  roiText,
  withoutLeaksText,
  type MadeEstimates,
} from './estimatesdata';
import { scrollRegion } from './outcomes';
import { createRestView } from './restview';
import type { EpochMs } from './types';

/** The shortest time between two refreshes prompted by live updates (the estimates move by the hour of event time). */
export const ESTIMATES_REFRESH_MS = 30_000;

export interface EstimatesPanel {
  show(key: string, campaignId: string, currency: string): void;
  poke(campaignId: string): void;
  stop(): void;
  tick(now: EpochMs): void;
}

function headings(...labels: string[]): HTMLTableSectionElement {
  return el('thead', {}, el('tr', {}, ...labels.map((h) => el('th', { attrs: { scope: 'col' } }, h))));
}

function cell(col: string, text: string): HTMLTableCellElement {
  return el('td', { className: 'num', attrs: { 'data-col': col } }, text);
}

export function createEstimatesPanel(
  container: HTMLElement,
  note: HTMLElement,
  nameOf: (creatorId: string) => string,
  refused: (reason: string) => void,
  now: () => EpochMs = Date.now,
): EstimatesPanel {
  let currency = 'USD';
  const view = createRestView(getEstimates, ESTIMATES_REFRESH_MS, () => paint(), refused, now);

  const label = el(
    'p',
    { className: 'estimate-label', testId: 'estimates-label' },
    el('strong', {}, 'Estimates, not measurements. '),
    'Each figure is written ≈ estimate (low to high), a 90 % interval, and none is added to the measured figures on this page.',
  );
  const state = el('p', { className: 'section-note', testId: 'estimates-state' });
  const haloText = el('p', { className: 'panel-summary', testId: 'halo-summary' });
  const roi = el('p', { className: 'section-note', testId: 'halo-roi' });
  const baseline = el('p', { className: 'section-note', testId: 'halo-baseline' });
  const haloTable = el('table', { className: 'data-table', testId: 'halo-creators' });
  const leakTable = el('table', { className: 'data-table', testId: 'code-leaks' });
  const liftText = el('p', { className: 'panel-summary', testId: 'lift-summary' });
  const liftTable = el('table', { className: 'data-table', testId: 'lift-cells' });
  container.replaceChildren(
    label,
    state,
    el('h3', {}, 'Estimated halo after posts'),
    haloText,
    roi,
    baseline,
    scrollRegion('Estimated halo by creator', haloTable),
    el('h3', {}, 'Promo-code uses that look leaked'),
    scrollRegion('Code uses by creator', leakTable),
    el('h3', {}, 'Incrementality against the holdout'),
    liftText,
    scrollRegion('Orders by group and period', liftTable),
  );

  function paintHalo(view: MadeEstimates): void {
    const halo = view.halo;
    setText(haloText, haloSummary(halo, currency));
    setText(roi, roiText(view) ?? '');
    setText(baseline, haloBaselineText(halo));
    const rows = haloRows(halo);
    haloTable.replaceChildren(
      el('caption', {}, 'Each creator\u2019s share of the halo, by their posts\u2019 exposure'),
      headings('Creator', 'Sessions (est.)', 'Orders (est.)', 'Revenue (est.)', 'ROI measured → with halo (est.)'),
      el(
        'tbody',
        {},
        ...(rows.length === 0
          ? [el('tr', {}, el('td', { attrs: { colspan: '5' } }, halo.status === 'estimated' ? 'No post fell in the hours read yet.' : 'Not enough data yet.'))]
          : rows.map((r) =>
              el(
                'tr',
                { testId: 'halo-row', attrs: { 'data-creator': r.creatorId } },
                el('th', { attrs: { scope: 'row' } }, nameOf(r.creatorId)),
                cell('sessions', formatEstimate(r.figures.sessions, 'count')),
                cell('conversions', formatEstimate(r.figures.conversions, 'count')),
                cell('revenue', formatEstimate(r.figures.revenue, 'money', currency)),
                cell('roi', creatorRoiText(view, r.creatorId)),
              ),
            )),
      ),
    );
  }

  function paintLeaks(view: MadeEstimates): void {
    const leaks = orderLeaks(view.code_leaks);
    const money = (v: number) => formatMoney(v, currency);
    leakTable.replaceChildren(
      el('caption', {}, 'Uses of each creator\u2019s codes, and the direct model with and without the suspicious ones'),
      headings('Creator', 'Uses', 'Suspicious', 'Suspicious share (est.)', 'Signs', 'Direct orders', 'Direct revenue'),
      el(
        'tbody',
        {},
        ...(leaks.length === 0
          ? [el('tr', {}, el('td', { attrs: { colspan: '7' } }, 'No promo code used yet.'))]
          : leaks.map((l) =>
              el(
                'tr',
                { testId: 'leak-row', className: l.alerted ? 'is-flagged' : '', attrs: { 'data-creator': l.creator_id, 'data-alerted': String(l.alerted) } },
                el('th', { attrs: { scope: 'row' } }, nameOf(l.creator_id), l.alerted ? el('span', { className: 'leak-badge' }, 'leak flagged') : ''),
                cell('uses', formatCount(l.uses)),
                cell('suspicious_uses', formatCount(l.suspicious_uses)),
                cell('suspicious_share', formatEstimate(l.suspicious_share, 'share')),
                el('td', { attrs: { 'data-col': 'signals' } }, leakSignalsText(l)),
                cell('direct_conversions', withoutLeaksText(l.direct_conversions, l.direct_conversions_without_leaks, (v) => formatCount(v))),
                cell('direct_revenue', withoutLeaksText(l.direct_revenue, l.direct_revenue_without_leaks, money)),
              ),
            )),
      ),
    );
  }

  function paintLift(view: MadeEstimates): void {
    const lift = view.incrementality ?? null;
    setText(liftText, liftSummary(lift, currency));
    liftTable.replaceChildren(
      ...(lift === null
        ? []
        : [
            el('caption', {}, `Orders by group, before the campaign and during it${lift.unassigned > 0 ? ` (${formatCount(lift.unassigned)} orders in neither group)` : ''}`),
            headings('Group', 'Baseline period', 'Campaign period'),
            el(
              'tbody',
              {},
              ...liftCells(lift).map((c) =>
                el(
                  'tr',
                  { testId: 'lift-cell-row', attrs: { 'data-group': c.group } },
                  el('th', { attrs: { scope: 'row' } }, c.group),
                  cell('baseline', formatCount(c.baseline)),
                  cell('campaign', formatCount(c.campaign)),
                ),
              ),
            ),
          ]),
    );
  }

  function paint(): void {
    const made = view.answer;
    if (made === null || !isMade(made)) {
      setText(state, made === null ? '' : `Not made yet: ${made.reason}.`);
      for (const p of [haloText, roi, baseline, liftText]) setText(p, '');
      for (const t of [haloTable, leakTable, liftTable]) t.replaceChildren();
      paintNote(now());
      return;
    }
    setText(state, `The halo reads complete hours of site traffic up to ${formatUtcDateTime(made.as_of)} (event time); code uses and the holdout's orders count to the newest order.`);
    paintHalo(made);
    paintLeaks(made);
    paintLift(made);
    paintNote(now());
  }

  function paintNote(at: EpochMs): void {
    const made = view.answer;
    setText(note, view.freshness(at, made !== null && isMade(made) && made.updated_at != null ? `made ${formatAgo(made.updated_at, at)}` : 'to date'));
  }

  return {
    show(nextKey, nextCampaign, nextCurrency) {
      currency = nextCurrency;
      view.show(nextKey, nextCampaign);
    },
    poke: (id) => view.poke(id),
    stop: () => view.stop(),
    tick(at) {
      paintNote(at);
    },
  };
}
