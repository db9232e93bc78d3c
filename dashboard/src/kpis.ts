// KPI cards: the campaign totals, with one freshness line for the block.

import { el, setText } from './dom';
import { formatAge, formatCount, formatCredit, formatMoney, formatMultiple, formatPercent, NO_DATA } from './format';
import { splitText } from './engagementsplit';
import { modelPhrase } from './models';
import type { EpochMs, Figures } from './types';

/** A figure older than this is shown as stale (muted), not hidden. */
export const STALE_AFTER_MS = 60_000;

/** The second line of a credited figure in a rolling window, where the server sends null. */
export const TO_DATE_ONLY = 'to date only';

/** What a render knows beyond the figures. */
export interface KpiContext {
  /** The model behind conversions, revenue and returns (the snapshot's `reporting_model`). */
  reportingModel?: string | undefined;
  /** True in a rolling window: credited figures are kept to date only, so they read "—". */
  rolling?: boolean;
}

interface KpiDefinition {
  /** Used in data-testid="kpi-{id}". */
  id: string;
  label: string;
  value(totals: Figures, currency: string): string;
  /** A second line that explains or breaks down the figure. */
  detail?(totals: Figures, context: KpiContext): string;
  /** Conversions and money credited by attribution: to date only. */
  credited?: boolean;
}

function plural(count: number, word: string): string {
  return `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;
}

const KPIS: readonly KpiDefinition[] = [
  { id: 'impressions', label: 'Impressions', value: (t) => formatCount(t.impressions) },
  {
    id: 'reach',
    label: 'Reach',
    value: (t) => formatCount(t.reach),
    detail: () => 'distinct people, across platforms',
  },
  {
    id: 'engagements',
    label: 'Engagements',
    value: (t) => formatCount(t.engagements.total),
    detail: (t) =>
      [
        plural(t.engagements.like, 'like'),
        plural(t.engagements.comment, 'comment'),
        plural(t.engagements.share, 'share'),
        plural(t.engagements.save, 'save'),
      ].join(' · '),
  },
  {
    id: 'authentic-engagements',
    label: 'Authentic engagements',
    value: (t) => formatCount(t.authentic_engagements),
    detail: (t) =>
      t.engagements.total > 0
        ? `${formatPercent(t.authentic_engagements / t.engagements.total)} of engagements`
        : 'not flagged as bot-like',
  },
  {
    // Engagement not (yet) counted authentic: judged inauthentic, or not judged yet (engagementsplit.ts). The card
    // names both causes until the server tells them apart; then its line splits in two.
    id: 'engagement-at-risk',
    label: 'Not counted authentic',
    value: (t) => formatCount(t.engagements.total - t.authentic_engagements),
    detail: (t) =>
      t.engagements.total > 0
        ? splitText({ total: t.engagements.total, authentic: t.authentic_engagements, inauthentic: t.inauthentic_engagements })
        : 'judged inauthentic or awaiting judgement; kept out of the rates',
  },
  {
    id: 'engagement-rate',
    label: 'Authentic engagement rate',
    value: (t) => formatPercent(t.engagement_rate),
    // Authentic is the headline; every engagement (bought ones too) over reach beside it shows what was left out.
    detail: (t) =>
      t.reach > 0
        ? `authentic engagements / reach · all engagements ${formatPercent(t.engagements.total / t.reach)}`
        : 'authentic engagements / reach',
  },
  { id: 'clicks', label: 'Clicks', value: (t) => formatCount(t.clicks) },
  { id: 'ctr', label: 'CTR', value: (t) => formatPercent(t.ctr), detail: () => 'clicks / impressions' },
  {
    id: 'emv',
    label: 'EMV',
    value: (t, currency) => formatMoney(t.emv, currency),
    detail: () => 'earned media value',
  },
];

/** Conversions and returns, credited under the reporting model (docs/design.md, "Metrics"). */
const CREDITED_KPIS: readonly KpiDefinition[] = (
  [
  {
    id: 'conversions',
    label: 'Conversions',
    value: (t) => formatCredit(t.conversions),
    detail: (_t, c) => `credited under ${modelPhrase(c.reportingModel || 'last_touch')}`,
  },
  {
    id: 'revenue',
    label: 'Revenue',
    value: (t, currency) => formatMoney(t.revenue, currency),
    detail: () => 'attributed conversion value',
  },
  {
    id: 'cost',
    label: 'Cost',
    value: (t, currency) => formatMoney(t.cost, currency),
    detail: () => 'fees, product, shipping, commission',
  },
  { id: 'roi', label: 'ROI', value: (t) => formatPercent(t.roi), detail: () => '(revenue − cost) / cost' },
  { id: 'roas', label: 'ROAS', value: (t) => formatMultiple(t.roas), detail: () => 'revenue / cost' },
  {
    id: 'cpa',
    label: 'CPA',
    value: (t, currency) => formatMoney(t.cpa, currency),
    detail: () => 'cost per conversion',
  },
  ] satisfies KpiDefinition[]
).map((kpi) => ({ ...kpi, credited: true }));

export interface KpiPanel {
  render(totals: Figures, currency: string, context?: KpiContext): void;
  /** Back to "no data" (while another campaign loads). */
  clear(): void;
  /** Refreshes the freshness line; called every second. */
  tick(now: EpochMs): void;
}

export function createKpiPanel(container: HTMLElement, now: () => EpochMs = Date.now): KpiPanel {
  const values = new Map<string, HTMLElement>();
  const details = new Map<string, HTMLElement>();
  const grid = el('div', { className: 'kpi-grid' });
  const creditedGrid = el('div', { className: 'kpi-grid kpi-grid-credited' });
  const cards = new Map<string, HTMLElement>();

  for (const kpi of [...KPIS, ...CREDITED_KPIS]) {
    const value = el('p', { className: 'kpi-value', testId: `kpi-${kpi.id}` }, NO_DATA);
    const detail = el('p', { className: 'kpi-detail' });
    values.set(kpi.id, value);
    details.set(kpi.id, detail);
    const label = el('h3', { className: 'kpi-label' }, kpi.label);
    const card = el('article', { className: 'kpi-card' }, label, value, detail);
    cards.set(kpi.id, card);
    (kpi.credited ? creditedGrid : grid).append(card);
  }

  const creditedNote = el('p', { className: 'kpi-subhead', testId: 'kpi-credited-note' });
  const freshness = el('p', { className: 'freshness', testId: 'kpi-freshness' }, 'no data yet');
  container.replaceChildren(grid, creditedNote, creditedGrid, freshness);

  function noteFor(context: KpiContext): string {
    const model = modelPhrase(context.reportingModel || 'last_touch');
    return context.rolling
      ? `Conversions and returns: credit is kept to date only, so this window has none (see Campaign to date)`
      : `Conversions and returns, credited under ${model}, to date`;
  }
  setText(creditedNote, noteFor({}));

  let updatedAt: EpochMs | null = null;

  return {
    render(totals, currency, context = {}) {
      for (const kpi of [...KPIS, ...CREDITED_KPIS]) {
        const value = kpi.value(totals, currency);
        // In a rolling window the server has no credit to give: say why the card is empty.
        const toDateOnly = kpi.credited === true && context.rolling === true && value === NO_DATA;
        setText(values.get(kpi.id)!, value);
        setText(details.get(kpi.id)!, toDateOnly ? TO_DATE_ONLY : (kpi.detail?.(totals, context) ?? ''));
        cards.get(kpi.id)!.classList.toggle('is-to-date-only', toDateOnly);
      }
      setText(creditedNote, noteFor(context));
      updatedAt = totals.updated_at;
      this.tick(now());
    },
    clear() {
      for (const kpi of [...KPIS, ...CREDITED_KPIS]) {
        setText(values.get(kpi.id)!, NO_DATA);
        setText(details.get(kpi.id)!, '');
        cards.get(kpi.id)!.classList.remove('is-to-date-only');
      }
      updatedAt = null;
      this.tick(now());
    },
    tick(at) {
      setText(freshness, formatAge(updatedAt, at));
      freshness.classList.toggle('is-stale', updatedAt !== null && at - updatedAt > STALE_AFTER_MS);
    },
  };
}
