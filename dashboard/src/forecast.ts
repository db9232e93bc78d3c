// The forecast panel (docs/design.md, "Forecasts"): each creator's conversions and revenue still to come by the
// campaign's end (or a chosen day) at their pace so far, and the same under a proposed extra spend per creator, with
// 90 % intervals and how each was fitted. Fetched from GET …/forecast on a campaign or model change, then again on live
// updates at most once every FORECAST_REFRESH_MS; a proposal is POSTed, and stays the question asked until cleared.
//
// Tests find: [data-testid=forecast-label], [data-testid=forecast-state], [data-testid=forecast-summary],
// [data-testid=forecast-spend], [data-testid=forecast-method], creators' rows [data-testid=forecast-row][data-creator=…]
// with cells by [data-col=…] and the extra-spend field [data-testid=forecast-extra]; the form's
// [data-testid=forecast-through], [data-testid=forecast-submit], [data-testid=forecast-clear] (the extra spend only) and its refusals
// [data-testid=forecast-error] (role=alert). The form's data-campaign names the campaign it asks about: set once the panel
// has been cleared for it, so a day typed from then on is kept.

import { ApiError, AuthError, errorReason, getForecast } from './api';
import { el, setText } from './dom';
import { formatEstimate } from './estimatesdata';
import { formatCount, formatMoney, NO_DATA } from './format';
import { AT_THE_PACE, askedText, forecastSummary, needsEnd, parseForm, revenueText, spendText, type SpendField } from './forecastdata';
import { scrollRegion } from './outcomes';
import { createRestView } from './restview';
import type { CreatorForecast, EpochMs, ForecastRequest, ForecastView } from './types';

/** The shortest time between two refreshes prompted by live updates (a projection moves by the hour of event time). */
export const FORECAST_REFRESH_MS = 30_000;

export interface ForecastPanel {
  /** A new campaign (the proposal is cleared) or model (the proposal stays): load now. */
  show(key: string, campaignId: string, model: string | null): void;
  poke(campaignId: string): void;
  stop(): void;
  tick(now: EpochMs): void;
}

/** The server's answer, or its reason for making none (409: too early; 400: the question must change). */
type Answer = { view: ForecastView } | { reason: string };

const COLUMNS = ['Creator', 'Conversions to date', 'More to come (est.)', 'Revenue to come (est.)', 'Extra spend', 'Still to pay (est.)', 'How it was fitted'];

export function createForecastPanel(
  container: HTMLElement,
  note: HTMLElement,
  nameOf: (creatorId: string) => string,
  refused: (reason: string) => void,
  now: () => EpochMs = Date.now,
): ForecastPanel {
  let model: string | null = null;
  let asked: ForecastRequest = AT_THE_PACE;
  /** The goal's end, once an answer to the goal's end told it: a day chosen past it is projected to it. */
  let goalEnd: EpochMs | null = null;
  /** Why an accepted proposal stopped holding on a refresh (the budget left shrank, its day passed); shown once. */
  let lapsed: string | null = null;
  const refusal = (error: unknown): string | null =>
    error instanceof ApiError && !(error instanceof AuthError) && (error.status === 400 || error.status === 409) ? error.message : null;
  const view = createRestView<Answer>(
    async (key, campaignId) => {
      try {
        return { view: await getForecast(key, campaignId, asked, model) };
      } catch (error) {
        const reason = refusal(error);
        if (reason === null) throw error;
        if (Object.keys(asked.allocation).length === 0) return { reason };
        // A proposal that held when sent no longer does: back to the pace, to the same day, saying why.
        lapsed = reason;
        asked = { allocation: {}, until: asked.until };
        try {
          return { view: await getForecast(key, campaignId, asked, model) };
        } catch (again) {
          const second = refusal(again);
          if (second === null) throw again;
          return { reason: second };
        }
      }
    },
    FORECAST_REFRESH_MS,
    () => paint(),
    refused,
    now,
  );

  const label = el(
    'p',
    { className: 'estimate-label', testId: 'forecast-label' },
    el('strong', {}, 'Projections, not measurements. '),
    'Each is written ≈ estimate (low to high), a 90 % interval, from the pace measured; none is added to the measured figures on this page.',
  );
  const state = el('p', { className: 'section-note', testId: 'forecast-state' });
  const summary = el('p', { className: 'panel-summary', testId: 'forecast-summary' });
  const spend = el('p', { className: 'section-note', testId: 'forecast-spend' });
  const table = el('table', { className: 'data-table', testId: 'forecast-creators' });
  const method = el('p', { className: 'section-note', testId: 'forecast-method' });
  const through = el('input', { testId: 'forecast-through', attrs: { type: 'date', 'aria-describedby': 'forecast-through-hint' } });
  const submit = el('button', { className: 'export-button', testId: 'forecast-submit', attrs: { type: 'submit' } }, 'Project');
  const clear = el('button', { className: 'export-button', testId: 'forecast-clear', attrs: { type: 'button' } }, 'Clear the extra spend');
  const error = el('p', { className: 'form-error', testId: 'forecast-error', attrs: { role: 'alert' } });
  const form = el(
    'form',
    { className: 'forecast-form', testId: 'forecast-form', attrs: { 'aria-label': 'Propose extra spend' } },
    el('label', { className: 'table-filter' }, el('span', {}, 'Project through (UTC day)'), through),
    el('span', { className: 'section-note', attrs: { id: 'forecast-through-hint' } }, 'blank: the goal\u2019s end (never past it)'),
    submit,
    clear,
    error,
    scrollRegion('Projection by creator', table),
  );
  container.replaceChildren(label, state, summary, spend, form, method);

  // Rows outlive repaints and the extra-spend fields outlive even a refusal, so what someone typed survives a live
  // refresh; only another campaign or key clears them.
  const rows = new Map<string, { row: HTMLTableRowElement; extra: HTMLInputElement }>();
  const inputs = new Map<string, HTMLInputElement>();
  let rowSignature = '';
  let busy = false;

  function cell(col: string, className = 'num'): HTMLTableCellElement {
    return el('td', { className, attrs: { 'data-col': col } });
  }

  function buildRows(creators: readonly CreatorForecast[]): void {
    const signature = creators.map((c) => c.creator_id).join('\u001f');
    if (signature === rowSignature) return;
    rowSignature = signature;
    rows.clear();
    for (const c of creators) {
      const extra =
        inputs.get(c.creator_id) ??
        el('input', { className: 'amount-field', testId: 'forecast-extra', attrs: { type: 'text', inputmode: 'decimal', autocomplete: 'off', 'aria-label': `Extra spend for ${nameOf(c.creator_id)}` } });
      inputs.set(c.creator_id, extra);
      const row = el(
        'tr',
        { testId: 'forecast-row', attrs: { 'data-creator': c.creator_id } },
        el('th', { attrs: { scope: 'row' } }, nameOf(c.creator_id)),
        cell('conversions_to_date'),
        cell('additional_conversions'),
        cell('additional_revenue'),
        el('td', { attrs: { 'data-col': 'extra_spend' } }, extra),
        cell('additional_cost'),
        cell('fit', 'fit-text'),
      );
      rows.set(c.creator_id, { row, extra });
    }
    table.replaceChildren(
      el('caption', {}, 'Each creator\u2019s conversions and revenue still to come, credited under the page\u2019s model'),
      el('thead', {}, el('tr', {}, ...COLUMNS.map((h) => el('th', { attrs: { scope: 'col' } }, h)))),
      el('tbody', {}, ...[...rows.values()].map((r) => r.row)),
    );
  }

  function paintRows(made: ForecastView): void {
    buildRows(made.creators);
    for (const c of made.creators) {
      const row = rows.get(c.creator_id)!.row;
      const text = (col: string, value: string) => setText(row.querySelector(`[data-col=${col}]`)!, value);
      text('conversions_to_date', made.basis === 'history' ? NO_DATA : formatCount(c.conversions_to_date));
      text('additional_conversions', formatEstimate(c.additional_conversions, 'count'));
      text('additional_revenue', revenueText(c.additional_revenue, made.currency));
      text('additional_cost', formatMoney(c.additional_cost, made.currency));
      text('fit', c.fit);
    }
  }

  function clearFigures(): void {
    for (const p of [summary, spend, method]) setText(p, '');
    rows.clear();
    rowSignature = '';
    table.replaceChildren();
  }

  function paint(): void {
    const answer = view.answer;
    if (answer === null || 'reason' in answer) {
      const reason = answer === null ? '' : answer.reason;
      setText(state, reason === '' ? '' : needsEnd(reason) ? 'This campaign names no end: choose a day to project through.' : `No projection: ${reason}.`);
      clearFigures();
    } else {
      const made = answer.view;
      if (asked.until === null) goalEnd = made.until;
      setText(state, askedText(asked, made, nameOf));
      setText(summary, forecastSummary(made));
      setText(spend, spendText(made));
      setText(method, `How: ${made.method}`);
      paintRows(made);
    }
    if (lapsed !== null) {
      setText(error, `Your proposal no longer holds: ${lapsed}. Shown at the pace instead; your amounts are kept.`);
      lapsed = null;
    }
    paintNote(now());
  }

  function paintNote(at: EpochMs): void {
    setText(note, view.freshness(at, 'projected'));
  }

  function setBusy(next: boolean): void {
    busy = next;
    submit.disabled = next;
    clear.disabled = next;
  }

  /** Sends `request`: refused, the reason shows and the figures stay; accepted, it becomes the question the panel asks. */
  async function propose(request: ForecastRequest): Promise<void> {
    const key = view.key;
    const campaignId = view.campaignId;
    if (key === null || campaignId === null || busy) return;
    setBusy(true);
    try {
      await getForecast(key, campaignId, request, model);
    } catch (failure) {
      setBusy(false);
      if (view.campaignId !== campaignId || view.key !== key) return; // another campaign is shown now
      if (failure instanceof AuthError) refused(failure.message);
      else setText(error, `Not projected: ${errorReason(failure)}.`);
      return;
    }
    if (view.campaignId !== campaignId || view.key !== key) return setBusy(false); // another campaign or key is shown now
    asked = request;
    setText(error, '');
    await view.reload();
    setBusy(false);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields: SpendField[] = [...rows].map(([creatorId, r]) => ({ creatorId, name: nameOf(creatorId), text: r.extra.value }));
    const parsed = parseForm(fields, through.value);
    if ('error' in parsed) {
      setText(error, parsed.error);
      return;
    }
    const until = parsed.request.until;
    void propose({ ...parsed.request, until: until !== null && goalEnd !== null ? Math.min(until, goalEnd) : until });
  });

  // Back to the pace, to the same day: a campaign with no end still needs one.
  clear.addEventListener('click', () => {
    for (const r of rows.values()) r.extra.value = '';
    void propose({ allocation: {}, until: asked.until });
  });

  function reset(): void {
    asked = AT_THE_PACE;
    goalEnd = null;
    lapsed = null;
    through.value = '';
    setText(error, '');
    setBusy(false);
    clearFigures();
    inputs.clear();
  }

  return {
    show(key, campaignId, nextModel) {
      if (campaignId !== view.campaignId || key !== view.key) reset();
      model = nextModel;
      view.show(key, campaignId);
      form.dataset.campaign = campaignId;
    },
    poke: (id) => view.poke(id),
    stop() {
      view.stop();
      reset();
      delete form.dataset.campaign;
    },
    tick(at) {
      paintNote(at);
    },
  };
}
