// What the estimates panel shows, worked out from GET …/estimates (pure, unit-tested; docs/design.md, "Estimates").
// Every figure here is an estimate: it is written "≈ estimate (low to high)" with its 90 % interval, never as a bare
// number, and none is ever added to the measured figures elsewhere on the page.

import { formatCount, formatMoney, formatMultiple, formatPercent, formatShare, formatUtcDateTime, NO_DATA } from './format';
import type { CodeLeakFigures, EstimateInterval, EstimatesView, HaloEstimate, HaloFigures, LiftEstimate } from './types';

/** The view of estimates that were made (as opposed to the answer that none were made yet). */
export type MadeEstimates = Extract<EstimatesView, { as_of: number }>;

export function isMade(view: EstimatesView): view is MadeEstimates {
  return 'as_of' in view;
}

/** How one figure reads: a count, money in the campaign's currency, a multiple (iROAS) or a percentage (ROI, shares). */
export type FigureKind = 'count' | 'money' | 'multiple' | 'percent' | 'share';

function formatOne(value: number, kind: FigureKind, currency: string): string {
  switch (kind) {
    case 'count':
      return formatCount(value);
    case 'money':
      return formatMoney(value, currency);
    case 'multiple':
      return formatMultiple(value);
    case 'percent':
      return formatPercent(value);
    case 'share':
      return formatShare(value);
  }
}

/**
 * "≈ 1,234 (900 to 1,560)": an estimate with its 90 % interval; "—" when there is none (not enough data). The
 * interval's ends are never hidden: a reader sees at once how sure the figure is.
 */
export function formatEstimate(interval: EstimateInterval | null | undefined, kind: FigureKind, currency = 'USD'): string {
  if (interval == null) return NO_DATA;
  const { estimate, low, high } = interval;
  return `≈ ${formatOne(estimate, kind, currency)} (${formatOne(low, kind, currency)} to ${formatOne(high, kind, currency)})`;
}

/** The halo's state in a sentence: what was estimated, or why not yet. */
export function haloSummary(halo: HaloEstimate, currency: string): string {
  if (halo.status !== 'estimated') return `Not enough data yet: ${halo.reason ?? 'the baseline is too thin'}.`;
  const c = halo.campaign;
  return [
    `This campaign's halo: ${formatEstimate(c.sessions, 'count')} untracked sessions`,
    `${formatEstimate(c.conversions, 'count')} unattributed orders`,
    `${formatEstimate(c.revenue, 'money', currency)} revenue`,
  ].join(' · ');
}

/** What the halo's baseline stands on, so a reader can judge it. */
export function haloBaselineText(halo: HaloEstimate): string {
  const spread = halo.dispersion > 1.05 ? `; hourly traffic varies ${halo.dispersion.toFixed(1)}× what chance alone would` : '';
  return (
    `Baseline: ${formatCount(halo.baseline_hours)} hours outside every post's ${halo.window_hours}-hour window ` +
    `(${formatCount(halo.baseline_sessions)} untracked sessions, ${formatCount(halo.baseline_conversions)} unattributed orders)${spread}. ` +
    `The windows held ${formatCount(halo.window_sessions)} sessions and ${formatCount(halo.window_conversions)} orders in all; ` +
    `the halo is what they held above the baseline.`
  );
}

/** "ROI 18.00% measured · ≈ 24.00% (20.00% to 28.00%) with the estimated halo"; null when neither is known. */
export function roiText(view: MadeEstimates): string | null {
  if (view.roi == null && view.roi_with_halo == null) return null;
  const measured = `ROI ${formatPercent(view.roi)} measured`;
  return view.roi_with_halo == null ? `${measured} · no halo estimate to add yet` : `${measured} · ${formatEstimate(view.roi_with_halo, 'percent')} with the estimated halo`;
}

export interface HaloRow {
  creatorId: string;
  figures: HaloFigures;
}

/** "12.00% → ≈ 18.00% (14.00% to 22.00%)": a creator's measured ROI, then with their share of the halo; "—" for either unknown. */
export function creatorRoiText(view: MadeEstimates, creatorId: string): string {
  const roi = view.creator_roi?.[creatorId];
  return `${formatPercent(roi?.roi)} → ${formatEstimate(roi?.roi_with_halo, 'percent')}`;
}

/** One row per creator with a halo, the largest estimated revenue first (then sessions, then the creator's id). */
export function haloRows(halo: HaloEstimate): HaloRow[] {
  return Object.entries(halo.creators)
    .map(([creatorId, figures]) => ({ creatorId, figures }))
    .sort(
      (a, b) =>
        (b.figures.revenue?.estimate ?? 0) - (a.figures.revenue?.estimate ?? 0) ||
        (b.figures.sessions?.estimate ?? 0) - (a.figures.sessions?.estimate ?? 0) ||
        (a.creatorId < b.creatorId ? -1 : a.creatorId > b.creatorId ? 1 : 0),
    );
}

/** Creators whose code uses were flagged first, then by suspicious uses, then by the creator's id. */
export function orderLeaks(leaks: readonly CodeLeakFigures[]): CodeLeakFigures[] {
  return [...leaks].sort(
    (a, b) => Number(b.alerted) - Number(a.alerted) || b.suspicious_uses - a.suspicious_uses || (a.creator_id < b.creator_id ? -1 : a.creator_id > b.creator_id ? 1 : 0),
  );
}

/** "4 no touch · 12 coupon site · 0 foreign · 1 off pattern": how many uses showed each sign (a use may show several). */
export function leakSignalsText(leak: CodeLeakFigures): string {
  const s = leak.signals;
  return `${formatCount(s.no_touch)} no touch · ${formatCount(s.coupon_referrer)} coupon site · ${formatCount(s.foreign_country)} foreign · ${formatCount(s.off_pattern)} off pattern`;
}

/** "38 → 26": the direct model's figure with and without the suspicious uses; "—" when the credit gives none. */
export function withoutLeaksText(withLeaks: number | null | undefined, withoutLeaks: number | null | undefined, format: (v: number) => string): string {
  if (withLeaks == null || withoutLeaks == null) return NO_DATA;
  return `${format(withLeaks)} → ${format(withoutLeaks)}`;
}

/** The holdout's state in a sentence: no holdout declared, not enough data (why), or the estimate. */
export function liftSummary(lift: LiftEstimate | null | undefined, currency: string): string {
  if (lift == null) return 'No holdout declared in the campaign file: incrementality needs one (countries or a hashed share of the audience).';
  const period = `${formatUtcDateTime(lift.start)} to ${lift.end == null ? 'now' : formatUtcDateTime(lift.end)}`;
  if (lift.status !== 'estimated') return `Holdout ${lift.holdout}, ${period}. Not enough data yet: ${lift.reason ?? 'the interval is still too wide'}.`;
  return [
    `Holdout ${lift.holdout}, ${period}`,
    `lift ${formatEstimate(lift.lift, 'percent')}`,
    `${formatEstimate(lift.incremental_conversions, 'count')} incremental orders`,
    `${formatEstimate(lift.incremental_revenue, 'money', currency)} incremental revenue`,
    `iROAS ${formatEstimate(lift.iroas, 'multiple')}`,
    ...(lift.reason ? [`${lift.reason}`] : []), // an estimate made in part: why the rest is not
  ].join(' · ');
}

/** The four tallies the lift is worked out from, as rows: group, baseline period, campaign period. */
export function liftCells(lift: LiftEstimate): { group: string; baseline: number; campaign: number }[] {
  return [
    { group: 'Exposed', baseline: lift.exposed_baseline.conversions, campaign: lift.exposed_campaign.conversions },
    { group: 'Held out', baseline: lift.held_out_baseline.conversions, campaign: lift.held_out_campaign.conversions },
  ];
}
