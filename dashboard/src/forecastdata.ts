// What the forecast panel shows and sends, worked out from GET/POST …/forecast (pure, unit-tested; docs/design.md,
// "Forecasts"). Every projected figure is an estimate: written "≈ estimate (low to high)" with its 90 % interval, never
// added to the measured figures elsewhere on the page.

import { formatEstimate } from './estimatesdata';
import { formatCount, formatMoney, formatUtcDateTime } from './format';
import type { EpochMs, ForecastRequest, ForecastView } from './types';

const DAY_MS = 86_400_000;

/** The request at the pace to the goal's end: what the panel asks until someone proposes otherwise. */
export const AT_THE_PACE: ForecastRequest = { allocation: {}, until: null };

/** A creator's extra-spend field as typed, with the name the page shows for them. */
export interface SpendField {
  creatorId: string;
  name: string;
  text: string;
}

/** The form read into a request, or what is wrong with it in words. */
export type ParsedForm = { request: ForecastRequest } | { error: string };

/**
 * "2026-03-07" (a UTC day, as a date field gives it) → the end of that day, 2026-03-08T00:00Z: a projection "through"
 * a day includes it. Empty → null (the goal's end). Anything else → undefined.
 */
export function parseThroughDay(text: string): EpochMs | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = Date.UTC(year, month - 1, day);
  const back = new Date(start);
  // Date.UTC rolls 2026-02-30 over into March: such a day does not exist.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return start + DAY_MS;
}

/** The UTC day a horizon ends on, for the date field: the day before `until` when it falls on midnight. */
export function throughDay(until: EpochMs): string {
  return new Date(until - 1).toISOString().slice(0, 10);
}

/**
 * An amount as typed: "400", "1,250.50", " 0 "; blank is none. Only plain decimal numbers at least 0 are amounts
 * ("1e3", "-5", "$40" and "abc" are not).
 */
export function parseAmount(text: string): number | null | undefined {
  const trimmed = text.trim().replaceAll(',', '');
  if (trimmed === '') return null;
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** The form as a request: each creator's extra spend (blank and 0 left out) and the day to project through. */
export function parseForm(fields: readonly SpendField[], through: string): ParsedForm {
  const until = parseThroughDay(through);
  if (until === undefined) return { error: `The day to project through must be a date such as 2026-03-31, not "${through.trim()}".` };
  const allocation: Record<string, number> = {};
  for (const field of fields) {
    const amount = parseAmount(field.text);
    if (amount === undefined) return { error: `Extra spend for ${field.name} must be an amount of at least 0, such as 400 or 1,250.50, not "${field.text.trim()}".` };
    if (amount !== null && amount > 0) allocation[field.creatorId] = amount;
  }
  return { request: { allocation, until } };
}

/** What the figures shown answer, and what they stand on, in words. */
export function askedText(request: ForecastRequest, view?: ForecastView, nameOf: (creatorId: string) => string = (id) => id): string {
  const history = view?.basis === 'history';
  const pace = history ? 'At each creator\u2019s pace in earlier campaigns' : 'At the pace so far';
  const asked =
    Object.keys(request.allocation).length > 0
      ? 'Your proposed extra spend, projected.'
      : request.until === null
        ? `${pace}, to the goal\u2019s end.`
        : `${pace}, through the day chosen.`;
  if (!history) return asked;
  const left = view.not_projected.length === 0 ? '' : ` Not projected (no earlier campaign): ${view.not_projected.map(nameOf).join(', ')}; not in the sums.`;
  return `${asked} The campaign has less than a day of figures of its own, so this is projected as at its start from the brand\u2019s earlier campaigns (${view.earlier_campaigns.join(', ')}).${left}`;
}

/** Whether the server refused because the campaign names no end: the panel then asks for a day to project through. */
export function needsEnd(reason: string): boolean {
  return reason.includes('has no end date');
}

/** What is still to be paid by the horizon's end: the extra spend proposed and the commission on the projected revenue. */
export function additionalCost(view: ForecastView): number {
  return view.creators.reduce((sum, c) => sum + c.additional_cost, 0);
}

/** "Through Mar 7 (UTC), 72 hours after the newest event (Mar 5, 00:00 UTC), under last touch: …" */
export function forecastSummary(view: ForecastView): string {
  const conversions = `${formatEstimate(view.additional_conversions, 'count')} more conversions`;
  const revenue =
    view.additional_revenue === null ? 'revenue not projected (no sale yet to value orders by)' : `${formatEstimate(view.additional_revenue, 'money', view.currency)} more revenue`;
  const from = view.basis === 'history' ? `from the campaign\u2019s start (${formatUtcDateTime(view.as_of)})` : `after the newest event (${formatUtcDateTime(view.as_of)})`;
  return (
    `Through ${throughDay(view.until)} (UTC), ${formatCount(view.hours_left)} hours ${from}, ` +
    `credited under ${view.model.replaceAll('_', ' ')}: ${conversions} and ${revenue}; ${formatEstimate(view.conversions, 'count')} conversions in all by then.`
  );
}

/**
 * What is still to be paid and what is left to spend: "With $400.00 of extra spend: $820.00 more in all, with the
 * commission on the projected revenue · budget left $1,200.00."
 */
export function spendText(view: ForecastView): string {
  const money = (v: number) => formatMoney(v, view.currency);
  const budget = view.budget_remaining === null ? 'the goal names no budget' : `budget left ${money(view.budget_remaining)}`;
  const cost = money(additionalCost(view));
  const pace = view.basis === 'history' ? 'At the earlier campaigns\u2019 pace' : 'At the pace so far';
  if (view.allocated === 0) return `${pace}: ${cost} more in commission on the projected revenue · ${budget}.`;
  return `With ${money(view.allocated)} of extra spend: ${cost} more in all, with the commission on the projected revenue · ${budget}.`;
}

/** A creator's revenue still to come, or why it is not projected. */
export function revenueText(revenue: ForecastView['additional_revenue'], currency: string): string {
  return revenue === null ? 'no sale yet' : formatEstimate(revenue, 'money', currency);
}
