// KPI cards: the campaign totals, with one freshness line for the block.

import { el, setText } from './dom';
import { formatAge, formatCount, formatMoney, formatPercent, NO_DATA } from './format';
import type { EpochMs, Figures } from './types';

/** A figure older than this is shown as stale (muted), not hidden. */
export const STALE_AFTER_MS = 60_000;

interface KpiDefinition {
  /** Used in data-testid="kpi-{id}". */
  id: string;
  label: string;
  value(totals: Figures, currency: string): string;
  /** A second line that explains or breaks down the figure. */
  detail?(totals: Figures): string;
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
    id: 'engagement-rate',
    label: 'Engagement rate',
    value: (t) => formatPercent(t.engagement_rate),
    detail: () => 'authentic engagements / reach',
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

export interface KpiPanel {
  render(totals: Figures, currency: string): void;
  /** Back to "no data" (while another campaign loads). */
  clear(): void;
  /** Refreshes the freshness line; called every second. */
  tick(now: EpochMs): void;
}

export function createKpiPanel(container: HTMLElement, now: () => EpochMs = Date.now): KpiPanel {
  const values = new Map<string, HTMLElement>();
  const details = new Map<string, HTMLElement>();
  const grid = el('div', { className: 'kpi-grid' });

  for (const kpi of KPIS) {
    const value = el('p', { className: 'kpi-value', testId: `kpi-${kpi.id}` }, NO_DATA);
    const detail = el('p', { className: 'kpi-detail' });
    values.set(kpi.id, value);
    details.set(kpi.id, detail);
    grid.append(el('article', { className: 'kpi-card' }, el('h3', { className: 'kpi-label' }, kpi.label), value, detail));
  }

  const freshness = el('p', { className: 'freshness', testId: 'kpi-freshness' }, 'no data yet');
  container.replaceChildren(grid, freshness);

  let updatedAt: EpochMs | null = null;

  return {
    render(totals, currency) {
      for (const kpi of KPIS) {
        setText(values.get(kpi.id)!, kpi.value(totals, currency));
        setText(details.get(kpi.id)!, kpi.detail?.(totals) ?? '');
      }
      updatedAt = totals.updated_at;
      this.tick(now());
    },
    clear() {
      for (const kpi of KPIS) {
        setText(values.get(kpi.id)!, NO_DATA);
        setText(details.get(kpi.id)!, '');
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
