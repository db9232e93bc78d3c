// The campaign goal in words and as a bar width (pure, unit-tested).

import { formatCount, formatCredit, formatMultiple, formatPercent, formatShare, formatUtcDateTime, NO_DATA } from './format';
import type { GoalProgress } from './types';

const KPI_LABELS: Readonly<Record<string, string>> = {
  revenue: 'Revenue',
  conversions: 'Conversions',
  reach: 'Reach',
  impressions: 'Impressions',
  engagements: 'Authentic engagements',
  clicks: 'Clicks',
  emv: 'EMV',
  roas: 'ROAS',
  roi: 'ROI',
};

/** "revenue" → "Revenue"; an unknown "saves" → "Saves". */
export function goalKpiLabel(kpi: string): string {
  const known = KPI_LABELS[kpi];
  if (known) return known;
  const words = kpi.replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Goal';
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * A figure and its target in the KPI's own unit: "1,234 of 50,000 USD", "12.5 of 400",
 * "1.20× of 3.00×". Amounts reached are rounded down, so a goal never reads as met before it is.
 */
function amounts(goal: GoalProgress, currency: string): string {
  const current = isNumber(goal.current) ? goal.current : null;
  const whole = current === null ? NO_DATA : formatCount(Math.floor(current));
  switch (goal.kpi) {
    case 'revenue':
    case 'emv':
      return `${whole} of ${formatCount(goal.target)} ${currency}`;
    case 'conversions': {
      const credit = current === null ? NO_DATA : formatCredit(Math.floor(current * 10) / 10);
      return `${credit} of ${formatCredit(goal.target)}`;
    }
    case 'roas':
      return `${formatMultiple(current)} of ${formatMultiple(goal.target)}`;
    case 'roi':
      return `${formatPercent(current)} of ${formatPercent(goal.target)}`;
    default:
      return `${whole} of ${formatCount(goal.target)}`;
  }
}

/** The share of the target reached, with 1 decimal; a goal not yet met never reads as 100.0%. */
export function goalShare(progress: number | null | undefined): string {
  if (!isNumber(progress)) return NO_DATA;
  if (progress < 1 && progress >= 0.9995) return formatShare(0.999);
  return formatShare(progress);
}

/** "Revenue 1,234 of 50,000 USD (2.5%)"; "Clicks 640 · target set once its baseline is known" before it is. */
export function goalText(goal: GoalProgress, currency: string): string {
  if (!isNumber(goal.target)) {
    const current = isNumber(goal.current) ? formatCount(Math.floor(goal.current)) : NO_DATA;
    return `${goalKpiLabel(goal.kpi)} ${current} · target set once its baseline is known`;
  }
  return `${goalKpiLabel(goal.kpi)} ${amounts(goal, currency)} (${goalShare(goal.progress)})`;
}

/** Where the baseline comes from, in words: "baseline: the first 7 days (until Apr 8, 00:00 UTC)", "baseline: campaign winter". */
export function baselineText(goal: GoalProgress): string {
  const value = isNumber(goal.baseline) ? ` ${formatCount(goal.baseline)}` : '';
  if (goal.baseline_source === 'first_days') {
    const until = isNumber(goal.baseline_until) ? ` until ${formatUtcDateTime(goal.baseline_until)}` : '';
    return `baseline${value} from the benchmarking period${until}`;
  }
  if (goal.baseline_source === 'campaign') return `baseline${value} from campaign ${goal.baseline_campaign ?? ''}`.trim();
  return isNumber(goal.baseline) ? `baseline ${formatCount(goal.baseline)}` : '';
}

const PACE_WORDS: Readonly<Record<string, string>> = { ahead: 'ahead of pace', on_pace: 'on pace', behind: 'behind pace' };

/**
 * The second line: the goal's type, whether it is met, its pace with the projection's 95 % range when the goal is
 * dated, and the baseline when there is one.
 */
export function goalDetail(goal: GoalProgress): string {
  const parts: string[] = [];
  const type = goal.type.replace(/[_-]+/g, ' ').trim();
  if (type) parts.push(`${type} goal`);
  if (isNumber(goal.progress) && goal.progress >= 1) parts.push('target reached');
  const pace = goal.pace ? PACE_WORDS[goal.pace] : undefined;
  if (pace) parts.push(pace);
  const projection = goal.projection;
  if (projection && isNumber(projection.low) && isNumber(projection.high)) {
    parts.push(`heading for ${formatCount(Math.floor(projection.low))}–${formatCount(Math.floor(projection.high))} by the end`);
  }
  if (isNumber(goal.elapsed)) parts.push(`${formatShare(goal.elapsed)} of the period gone`);
  const baseline = baselineText(goal);
  if (baseline) parts.push(baseline);
  return parts.join(' · ');
}

/** The bar's filled share, 0 to 1 (a target beyond reach fills nothing; past it, the bar is full). */
export function goalFill(progress: number | null | undefined): number {
  if (!isNumber(progress)) return 0;
  return Math.min(1, Math.max(0, progress));
}
