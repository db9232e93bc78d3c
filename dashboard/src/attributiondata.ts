// The attribution answer shaped for the panel, the model comparison and the cost/revenue bars
// (pure, unit-tested).

import { ATTRIBUTION_MODELS, modelPhrase, type AttributionModel } from './models';
import type { AttributionView, CreatorAttribution } from './types';

const collator = new Intl.Collator('en-US', { sensitivity: 'base', numeric: true });

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function creatorLabel(creator: Pick<CreatorAttribution, 'creator_id' | 'name'>): string {
  return creator.name?.trim() || creator.creator_id;
}

/** Highest credited revenue first; ties by conversions, then name, then id. A repeated id is kept once. */
export function sortByRevenue(creators: readonly CreatorAttribution[]): CreatorAttribution[] {
  const seen = new Set<string>();
  const unique = creators.filter((c) => !seen.has(c.creator_id) && seen.add(c.creator_id));
  return unique.sort(
    (a, b) =>
      (b.revenue || 0) - (a.revenue || 0) ||
      (b.conversions || 0) - (a.conversions || 0) ||
      collator.compare(creatorLabel(a), creatorLabel(b)) ||
      collator.compare(a.creator_id, b.creator_id),
  );
}

/** The plain statement shown when the data-driven model credits as linear does; null when it does not. */
export function fallbackText(view: Pick<AttributionView, 'data_driven_fallback'>): string | null {
  return view.data_driven_fallback ? 'data-driven needs more conversions: showing linear' : null;
}

export interface ComparisonRow {
  creatorId: string;
  name: string;
  /** Credited revenue per model (null when the server sent none for that model). */
  revenue: Record<AttributionModel, number | null>;
  conversions: Record<AttributionModel, number | null>;
  /** The models under which this creator is credited the most revenue (several on a tie; none when all are 0). */
  best: AttributionModel[];
}

export interface Comparison {
  rows: ComparisonRow[];
  /** Revenue summed over the creators listed, per model. */
  totals: Record<AttributionModel, number>;
}

function perModel<T>(value: (model: AttributionModel) => T): Record<AttributionModel, T> {
  return Object.fromEntries(ATTRIBUTION_MODELS.map((m) => [m, value(m)])) as Record<AttributionModel, T>;
}

/** Revenue per creator under each of the seven models, each creator's best model(s) marked; rows in the given order. */
export function compareModels(creators: readonly CreatorAttribution[]): Comparison {
  const rows = creators.map((creator): ComparisonRow => {
    const revenue = perModel((m) => {
      const value = creator.by_model?.[m]?.revenue;
      return isNumber(value) ? value : null;
    });
    const conversions = perModel((m) => {
      const value = creator.by_model?.[m]?.conversions;
      return isNumber(value) ? value : null;
    });
    const values = ATTRIBUTION_MODELS.map((m) => revenue[m]).filter(isNumber);
    const max = values.length > 0 ? Math.max(...values) : 0;
    // A cent apart is a tie: the models' sums are computed separately and may differ in the last bits.
    const best = max > 0 ? ATTRIBUTION_MODELS.filter((m) => isNumber(revenue[m]) && max - revenue[m]! < 0.005) : [];
    return { creatorId: creator.creator_id, name: creatorLabel(creator), revenue, conversions, best };
  });
  const totals = perModel((m) => rows.reduce((sum, row) => sum + (row.revenue[m] ?? 0), 0));
  return { rows, totals };
}

/** "Highest under linear and time decay" (the title of a row's marked cells). */
export function bestText(best: readonly AttributionModel[]): string {
  if (best.length === 0) return 'no revenue credited under any model yet';
  if (best.length === ATTRIBUTION_MODELS.length) return 'the same under every model';
  const names = best.map(modelPhrase);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `highest under ${list}`;
}

export interface CostRevenueBar {
  creatorId: string;
  name: string;
  cost: number | null;
  revenue: number;
  roas: number | null;
  /** Bar lengths as shares (0 to 1) of the largest cost or revenue shown, so all bars share one scale. */
  costShare: number;
  revenueShare: number;
}

/** Cost and credited revenue per creator on one scale, in the order given. */
export function costRevenueBars(creators: readonly CreatorAttribution[]): CostRevenueBar[] {
  const largest = Math.max(
    0,
    ...creators.map((c) => (isNumber(c.cost) ? Math.max(0, c.cost) : 0)),
    ...creators.map((c) => (isNumber(c.revenue) ? Math.max(0, c.revenue) : 0)),
  );
  const share = (value: number | null) => (largest > 0 && isNumber(value) ? Math.max(0, value) / largest : 0);
  return creators.map((c) => ({
    creatorId: c.creator_id,
    name: creatorLabel(c),
    cost: isNumber(c.cost) ? c.cost : null,
    revenue: isNumber(c.revenue) ? c.revenue : 0,
    roas: isNumber(c.roas) ? c.roas : null,
    costShare: share(c.cost),
    revenueShare: share(c.revenue),
  }));
}
