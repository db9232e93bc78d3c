// How an alert reads (pure, unit-tested). Known detail keys get sentences; any other key is shown
// as plain "key: value" text, so a new server field is visible without a dashboard change.

import { alertStart, alertTime, isOngoing } from './alertmodel';
import { formatAgo, formatMoney, formatPercent, formatShare, formatUtcDateTime, formatUtcRange, NO_DATA } from './format';
import { goalKpiLabel } from './goal';
import { reasonLabel } from './reasons';
import type { CampaignAlert, EpochMs } from './types';

const KIND_LABELS: Readonly<Record<string, string>> = {
  engagement_spike: 'Engagement spike',
  engagement_drop: 'Engagement drop',
  inauthentic_engagement: 'Inauthentic engagement',
  cpa_above_benchmark: 'CPA above benchmark',
  goal_off_pace: 'Goal off pace',
  ctr_drop: 'Click-through rate drop',
  conversion_rate_drop: 'Conversion rate drop',
  deliverable_missing: 'Deliverable missing',
  negative_sentiment_spike: 'Negative sentiment spike',
  code_leak: 'Promo code leak (estimate)',
};

/** Colour family of a kind: good news, a fall, a problem, or unknown. */
export type AlertTone = 'up' | 'down' | 'bad' | 'neutral';

const KIND_TONES: Readonly<Record<string, AlertTone>> = {
  engagement_spike: 'up',
  engagement_drop: 'down',
  inauthentic_engagement: 'bad',
  cpa_above_benchmark: 'bad',
  goal_off_pace: 'bad',
  ctr_drop: 'down',
  conversion_rate_drop: 'down',
  deliverable_missing: 'bad',
  negative_sentiment_spike: 'bad',
  code_leak: 'bad',
};

/** Detail keys of an inauthentic-engagement alert that go into its sentence. */
const INAUTHENTIC_KEYS = new Set(['share_suspicious', 'suspicious_engagements', 'engagements', 'accounts', 'top_reasons']);
/** Detail keys that spikes and drops put into sentences (the rest are listed as key: value). */
const SPIKE_KEYS = new Set(['scope', 'observed', 'expected', 'std_dev', 'z_score', 'ratio', 'retracted', 'retracted_at']);

/**
 * A spike the server withdrew: half or more of what it counted was later judged inauthentic (docs/design.md,
 * "Spikes"). It keeps its id, so it replaces the alert it withdraws.
 */
function isRetracted(details: Record<string, unknown> | null): boolean {
  return details?.retracted === true;
}
/** Likewise for CPA alerts; `message` repeats the figures in words, so it is dropped when they are shown. */
const CPA_KEYS = new Set(['cpa', 'benchmark', 'message']);
/** Detail keys of a goal_off_pace alert that go into its sentence. */
const GOAL_KEYS = new Set(['kpi', 'target', 'current', 'elapsed', 'projection', 'projection_high']);
/** Detail keys of a negative sentiment spike that go into its sentence (docs/design.md, "Content"). */
const SENTIMENT_KEYS = new Set(['scope', 'observed', 'expected', 'std_dev', 'z_score', 'comments', 'negative_share', 'usual_negative_share', 'retracted', 'retracted_at']);

/** "12 negative comments vs 2 usual · 60.0% of 20 comments, usually 10.0%"; null without the counts. */
export function sentimentFigures(details: Record<string, unknown>): string | null {
  const { observed, expected, comments, negative_share: share, usual_negative_share: usual } = details;
  if (!isNumber(observed) || !isNumber(expected)) return null;
  const parts = [`${number.format(observed)} negative comments in a minute vs ${number.format(expected)} usual`];
  if (isNumber(share) && isNumber(comments)) {
    parts.push(`${formatShare(share)} of ${number.format(comments)} comments${isNumber(usual) ? `, usually ${formatShare(usual)}` : ''}`);
  }
  if (isRetracted(details)) parts.push('retracted: most of those comments were later judged inauthentic');
  return parts.join(' · ');
}

/** Detail keys of a rate drop that go into its sentence (docs/design.md, "Trends"). */
const DROP_KEYS = new Set([
  'rate',
  'baseline_rate',
  'relative_drop',
  'z',
  'numerator',
  'denominator',
  'baseline_numerator',
  'baseline_denominator',
]);

/**
 * An alert judged when read that no longer holds (docs/design.md, "Alerts judged when read"): the hub pushes it once
 * more with `resolved: true`, and it keeps its id, so it replaces the alert it ends.
 */
function isResolved(details: Record<string, unknown> | null): boolean {
  return details?.resolved === true;
}
const RESOLVED_KEYS = new Set(['resolved', 'resolved_at']);

const MAX_VALUE_CHARS = 160;
const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** "engagement_spike" → "Engagement spike"; an unknown "bot_ring" → "Bot ring". */
export function kindLabel(kind: unknown): string {
  if (typeof kind !== 'string') return 'Alert';
  const known = KIND_LABELS[kind];
  if (known) return known;
  const words = kind.replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Alert';
}

export function kindTone(kind: unknown): AlertTone {
  return (typeof kind === 'string' && KIND_TONES[kind]) || 'neutral';
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function plainText(value: unknown): string {
  if (value === null || value === undefined) return NO_DATA;
  if (typeof value === 'number') return Number.isFinite(value) ? number.format(value) : String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    const isObject = (entry: unknown) => typeof entry === 'object' && entry !== null;
    return value.map((entry) => (isObject(entry) ? JSON.stringify(entry) : plainText(entry))).join(', ');
  }
  return JSON.stringify(value);
}

/** A detail value as short plain text: numbers grouped, lists joined, objects as JSON, long text cut. */
export function detailValue(value: unknown): string {
  const text = plainText(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** "std_dev" → "std dev". */
function detailLabel(key: string): string {
  return key.replace(/[_-]+/g, ' ').trim() || key;
}

export interface AlertDescription {
  label: string;
  tone: AlertTone;
  /** The creator's display name (or id), or "campaign-wide". */
  creator: string;
  /** "post post-1", "all posts" for a creator-wide alert, or null when the alert names no post. */
  post: string | null;
  /** The event-time window: "14:03–14:04 UTC". */
  window: string;
  /**
   * For spikes and drops: "observed 120 vs expected 12.5 ± 3.5 · z-score 30.4 · 9.6× expected";
   * for CPA alerts: "CPA $48.20 vs benchmark $30.00 (1.61×)".
   */
  figures: string | null;
  /** Every other detail as "key: value". */
  extras: string[];
}

function spikeFigures(details: Record<string, unknown>): string | null {
  const parts: string[] = [];
  const { observed, expected, std_dev: stdDev, z_score: z, ratio } = details;
  if (isNumber(observed) && isNumber(expected)) {
    const spread = isNumber(stdDev) ? ` ± ${number.format(stdDev)}` : '';
    parts.push(`observed ${number.format(observed)} vs expected ${number.format(expected)}${spread}`);
  } else if (isNumber(observed)) {
    parts.push(`observed ${number.format(observed)}`);
  }
  if (isNumber(z)) parts.push(`z-score ${number.format(z)}`);
  if (isNumber(ratio)) parts.push(`${number.format(ratio)}× expected`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

function cpaFigures(details: Record<string, unknown>, currency: string): string | null {
  const { cpa, benchmark } = details;
  if (!isNumber(cpa) || !isNumber(benchmark)) return null;
  const times = benchmark > 0 ? ` (${number.format(cpa / benchmark)}×)` : '';
  return `CPA ${formatMoney(cpa, currency)} vs benchmark ${formatMoney(benchmark, currency)}${times}`;
}

/** "Revenue 4,200 of 10,000 at 60% of the period · heading for 6,100 (at most 7,000)". */
function goalFigures(details: Record<string, unknown>): string | null {
  const { kpi, target, current, elapsed, projection, projection_high: high } = details;
  if (typeof kpi !== 'string' || !isNumber(current) || !isNumber(target)) return null;
  const parts = [`${goalKpiLabel(kpi)} ${number.format(current)} of ${number.format(target)}`];
  if (isNumber(elapsed)) parts[0] += ` at ${formatPercent(elapsed)} of the period`;
  if (isNumber(projection)) {
    parts.push(`heading for ${number.format(projection)}${isNumber(high) ? ` (at most ${number.format(high)})` : ''}`);
  }
  return parts.join(' · ');
}

/** Detail keys of a code_leak alert that go into its sentence (docs/design.md, "Estimates"). */
const LEAK_KEYS = new Set(['uses', 'suspicious_uses', 'suspicious_share', 'suspicious_revenue', 'no_touch', 'coupon_referrer', 'foreign_country', 'off_pattern', 'estimate']);

/** "9 of 20 code uses look leaked (45.0%, $540.00) · 9 from coupon sites · an estimate"; null without the counts. */
export function leakFigures(details: Record<string, unknown>, currency: string): string | null {
  const { uses, suspicious_uses: suspicious, suspicious_share: share, suspicious_revenue: revenue } = details;
  if (!isNumber(uses) || !isNumber(suspicious)) return null;
  const extra = [isNumber(share) ? formatShare(share) : null, isNumber(revenue) ? formatMoney(revenue, currency) : null].filter((p) => p !== null);
  const parts = [`${number.format(suspicious)} of ${number.format(uses)} code uses look leaked${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`];
  const signs: [string, string][] = [
    ['no_touch', 'with no touch of the creator'],
    ['coupon_referrer', 'from coupon sites'],
    ['foreign_country', 'from outside the audience\'s countries'],
    ['off_pattern', 'long after the latest post'],
  ];
  for (const [key, words] of signs) {
    const n = details[key];
    if (isNumber(n) && n > 0) parts.push(`${number.format(n)} ${words}`);
  }
  parts.push('an estimate, not a measurement');
  return parts.join(' · ');
}

/** "CTR 1.2% (12 of 1,000) vs 3.0% (90 of 3,000) the week before · down 60% · z −4.1". */
function dropFigures(kind: unknown, details: Record<string, unknown>): string | null {
  const { rate, baseline_rate: baseline, relative_drop: drop, z } = details;
  if (!isNumber(rate) || !isNumber(baseline)) return null;
  const name = kind === 'ctr_drop' ? 'CTR' : 'Conversion rate';
  const counts = (k: unknown, n: unknown) => (isNumber(k) && isNumber(n) ? ` (${number.format(k)} of ${number.format(n)})` : '');
  const parts = [
    `${name} ${formatPercent(rate)}${counts(details.numerator, details.denominator)} vs ${formatPercent(baseline)}` +
      `${counts(details.baseline_numerator, details.baseline_denominator)} before`,
  ];
  if (isNumber(drop)) parts.push(`down ${formatPercent(drop)}`);
  if (isNumber(z)) parts.push(`z ${number.format(z)}`);
  return parts.join(' · ');
}

function inauthenticFigures(details: Record<string, unknown>): string | null {
  const { share_suspicious: share, suspicious_engagements: suspicious, engagements, accounts, top_reasons: top } = details;
  if (!isNumber(suspicious) || !isNumber(engagements)) return null;
  const parts = [`${number.format(suspicious)} of ${number.format(engagements)} engagements suspicious`];
  if (isNumber(share)) parts[0] += ` (${formatPercent(share)})`;
  if (isNumber(accounts)) parts[0] += ` from ${number.format(accounts)} accounts`;
  if (Array.isArray(top) && top.length > 0) parts.push(`mostly ${top.map(reasonLabel).join(', ')}`);
  return parts.join(' · ');
}

/** Sentences for the details this page knows, and the keys they used up. */
function knownFigures(
  kind: unknown,
  details: Record<string, unknown>,
  currency: string,
): { figures: string | null; used: ReadonlySet<string> } {
  if (kind === 'engagement_spike' || kind === 'engagement_drop') {
    return { figures: spikeFigures(details), used: SPIKE_KEYS };
  }
  if (kind === 'negative_sentiment_spike') {
    const figures = sentimentFigures(details);
    if (figures !== null) return { figures, used: SENTIMENT_KEYS };
  }
  if (kind === 'inauthentic_engagement') {
    const figures = inauthenticFigures(details);
    if (figures !== null) return { figures, used: INAUTHENTIC_KEYS };
  }
  if (kind === 'cpa_above_benchmark') {
    const figures = cpaFigures(details, currency);
    if (figures !== null) return { figures, used: CPA_KEYS };
  }
  if (kind === 'goal_off_pace') {
    const figures = goalFigures(details);
    if (figures !== null) return { figures, used: GOAL_KEYS };
  }
  if (kind === 'code_leak') {
    const figures = leakFigures(details, currency);
    if (figures !== null) return { figures, used: LEAK_KEYS };
  }
  if (kind === 'ctr_drop' || kind === 'conversion_rate_drop') {
    const figures = dropFigures(kind, details);
    if (figures !== null) return { figures, used: DROP_KEYS };
  }
  return { figures: null, used: new Set() };
}

/**
 * @param creatorName resolves a creator id to a display name.
 * @param currency the campaign's, for money in details (CPA).
 */
export function describeAlert(
  alert: CampaignAlert,
  creatorName: (creatorId: string) => string,
  currency = 'USD',
): AlertDescription {
  const details = alert.details;
  const isRecord = typeof details === 'object' && details !== null && !Array.isArray(details);
  const record = isRecord ? (details as Record<string, unknown>) : null;
  const known = record ? knownFigures(alert.kind, record, currency) : { figures: null, used: new Set<string>() };

  const extras: string[] = [];
  if (record) {
    for (const [key, value] of Object.entries(record)) {
      if (!known.used.has(key) && !RESOLVED_KEYS.has(key)) extras.push(`${detailLabel(key)}: ${detailValue(value)}`);
    }
  } else if (details !== null && details !== undefined) {
    extras.push(detailValue(details));
  }

  const creatorId = typeof alert.creator_id === 'string' && alert.creator_id !== '' ? alert.creator_id : null;
  const contentId = typeof alert.content_id === 'string' && alert.content_id !== '' ? alert.content_id : null;
  const retracted = isRetracted(record);
  const retractedAt = retracted && isNumber(record?.retracted_at) ? ` ${formatUtcDateTime(record.retracted_at)}` : '';
  const resolved = !retracted && isResolved(record);
  const resolvedAt = resolved && isNumber(record?.resolved_at) ? ` ${formatUtcDateTime(record.resolved_at)}` : '';
  return {
    label: retracted
      ? `${kindLabel(alert.kind)} (retracted)`
      : resolved
        ? `${kindLabel(alert.kind)} (no longer holds)`
        : kindLabel(alert.kind),
    tone: retracted || resolved ? 'neutral' : kindTone(alert.kind),
    creator: creatorId ? creatorName(creatorId) : 'campaign-wide',
    post: contentId !== null ? `post ${contentId}` : record?.scope === 'creator' ? 'all posts' : null,
    window: formatUtcRange(alert.window_start, alert.window_end),
    figures: retracted
      ? [`retracted${retractedAt}: most of it was later judged inauthentic`, known.figures].filter((part) => part !== null).join(' · ')
      : resolved
        ? [`no longer holds${resolvedAt}; when last judged`, known.figures].filter((part) => part !== null).join(': ')
        : known.figures,
    extras,
  };
}

/**
 * When the alert began, whether it goes on, and when it was last raised: "since Nov 22, 08:33 UTC · ongoing ·
 * updated 7 s ago", or "Nov 22, 08:33 UTC · ended · raised 5 min ago". `eventNow` is the newest event time
 * (the snapshot's watermark), null while unknown.
 */
export function timingText(alert: CampaignAlert, now: EpochMs, eventNow: EpochMs | null): string {
  const start = alertStart(alert);
  const raised = alertTime(alert);
  const ongoing = isOngoing(alert, eventNow);
  const began = start === null ? 'start unknown' : `${ongoing ? 'since ' : ''}${formatUtcDateTime(start)}`;
  const state = ongoing === null ? null : ongoing ? 'ongoing' : 'ended';
  const last = raised === null ? null : `${ongoing ? 'updated' : 'raised'} ${formatAgo(raised, now)}`;
  return [began, state, last].filter((part) => part !== null).join(' · ');
}

/** "detected 3 min ago" (kept for callers that show only when an alert was last raised). */
export function detectedText(alert: CampaignAlert, now: EpochMs): string {
  const at = alertTime(alert);
  return at === null ? 'detection time unknown' : `detected ${formatAgo(at, now)}`;
}
