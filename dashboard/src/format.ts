// Pure formatting helpers: no DOM, no clock (the caller passes `now`), so they are unit-tested.

import type { EpochMs } from './types';

/** Shown wherever a value is null: "no data", as opposed to a real zero. */
export const NO_DATA = '—';

const LOCALE = 'en-US';

const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(LOCALE, {
  style: 'percent',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const plain2 = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const credit = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
const share1 = new Intl.NumberFormat(LOCALE, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const moneyByCurrency = new Map<string, Intl.NumberFormat | null>();

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** 1234567 → "1,234,567"; null → "—". */
export function formatCount(value: number | null | undefined): string {
  return isNumber(value) ? integer.format(value) : NO_DATA;
}

/** A ratio as a percentage with 2 decimals: 0.175 → "17.50%"; null → "—". */
export function formatPercent(ratio: number | null | undefined): string {
  return isNumber(ratio) ? percent.format(ratio) : NO_DATA;
}

/**
 * Conversion credit, which a shared model splits into fractions: 12.5 → "12.5", 3 → "3",
 * 0.333 → "0.3"; null → "—".
 */
export function formatCredit(value: number | null | undefined): string {
  return isNumber(value) ? credit.format(value) : NO_DATA;
}

/** A share with 1 decimal, for progress: 0.0247 → "2.5%"; null → "—". */
export function formatShare(ratio: number | null | undefined): string {
  return isNumber(ratio) ? share1.format(ratio) : NO_DATA;
}

/** Net sentiment in [−1, 1] with its sign: 0.25 → "+0.25", −0.5 → "−0.50", 0.004 → "0.00"; null → "—". */
export function formatSentiment(value: number | null | undefined): string {
  if (!isNumber(value)) return NO_DATA;
  const text = Math.abs(value).toFixed(2);
  if (text === '0.00') return text; // the sign of what rounds to zero is not shown
  return value > 0 ? `+${text}` : `−${text}`;
}

/** A multiple such as ROAS: 2.345 → "2.35×"; null → "—". */
export function formatMultiple(ratio: number | null | undefined): string {
  return isNumber(ratio) ? `${plain2.format(ratio)}×` : NO_DATA;
}

function moneyFormatter(code: string): Intl.NumberFormat | null {
  let formatter = moneyByCurrency.get(code);
  if (formatter === undefined) {
    try {
      formatter = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: code });
    } catch {
      formatter = null; // RangeError: not an ISO 4217 code
    }
    moneyByCurrency.set(code, formatter);
  }
  return formatter;
}

/**
 * Money in the campaign's currency: (1234.5, "USD") → "$1,234.50".
 * An unknown currency code still shows the amount, followed by the code.
 */
export function formatMoney(value: number | null | undefined, currency: string): string {
  if (!isNumber(value)) return NO_DATA;
  const code = currency.trim().toUpperCase();
  const formatter = moneyFormatter(code);
  return formatter ? formatter.format(value) : `${plain2.format(value)} ${code}`.trim();
}

/** A change of money, always signed: (325, "USD") → "+$325.00", (-40, "USD") → "−$40.00"; 0 → "$0.00". */
export function formatMoneyChange(value: number | null | undefined, currency: string): string {
  if (!isNumber(value)) return NO_DATA;
  const amount = formatMoney(Math.abs(value), currency);
  // Rounds to a cent: a change that shows as zero gets no sign.
  if (Math.round(Math.abs(value) * 100) === 0) return formatMoney(0, currency);
  return `${value < 0 ? '\u2212' : '+'}${amount}`;
}

/**
 * How long ago something happened: "3 s ago", "5 min ago", "2 h ago", "4 d ago"; "just now" under
 * a second, or for a time slightly in the future (the server's clock ahead of this one); "—" for null.
 */
export function formatAgo(at: EpochMs | null | undefined, now: EpochMs): string {
  if (!isNumber(at)) return NO_DATA;
  const seconds = Math.floor((now - at) / 1000);
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

/**
 * How long ago a figure changed: "updated 3 s ago", "updated 5 min ago", "updated 2 h ago",
 * "updated 4 d ago"; "no data yet" when it never did; "updated just now" for clock skew.
 */
export function formatAge(updatedAt: EpochMs | null | undefined, now: EpochMs): string {
  return isNumber(updatedAt) ? `updated ${formatAgo(updatedAt, now)}` : 'no data yet';
}

/** Accepts epoch milliseconds or an ISO-8601 string; anything else is null. */
export function toEpochMs(value: unknown): EpochMs | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value !== '') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}

/** A wall-clock time such as "14:03:07" (24 h; in the browser's zone unless one is given). */
export function formatClock(value: unknown, timeZone?: string): string {
  const ms = toEpochMs(value);
  if (ms === null) return NO_DATA;
  return new Intl.DateTimeFormat(LOCALE, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).format(ms);
}

const utcTime = new Intl.DateTimeFormat(LOCALE, {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});
const utcDate = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** A UTC minute such as "14:03"; "—" for anything that is not a time. */
export function formatUtcMinute(value: unknown): string {
  const ms = toEpochMs(value);
  return ms === null ? NO_DATA : utcTime.format(ms);
}

/**
 * An event-time window, end exclusive: "14:03–14:04 UTC". A window that ends on a later UTC day than
 * it starts (as a midnight-crossing one does) names the days: "Nov 21 23:58 – Nov 22 00:03 UTC".
 */
export function formatUtcRange(start: unknown, end: unknown): string {
  const from = toEpochMs(start);
  const to = toEpochMs(end);
  if (from === null && to === null) return NO_DATA;
  if (from === null || to === null) return `${formatUtcMinute(from ?? to)} UTC`;
  // An exclusive end at 00:00 still belongs to the day before.
  const sameDay = utcDate.format(from) === utcDate.format(Math.max(from, to - 1));
  return sameDay
    ? `${utcTime.format(from)}–${utcTime.format(to)} UTC`
    : `${utcDate.format(from)} ${utcTime.format(from)} – ${utcDate.format(to)} ${utcTime.format(to)} UTC`;
}

const PLATFORM_LABELS: Readonly<Record<string, string>> = {
  instagram: 'Instagram',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  facebook: 'Facebook',
  x: 'X',
  twitch: 'Twitch',
  blog: 'Blog',
  podcast: 'Podcast',
  other: 'Other',
};

/** A platform's wire name as people write it: "tiktok" → "TikTok"; an unknown one is shown as sent. */
export function platformLabel(platform: string | null | undefined): string {
  if (!platform) return NO_DATA;
  return PLATFORM_LABELS[platform] ?? platform;
}

/** A moment with its date and zone: "Nov 22, 08:33 UTC"; "—" for anything that is not a time. */
export function formatUtcDateTime(value: unknown): string {
  const ms = toEpochMs(value);
  return ms === null ? NO_DATA : `${utcDate.format(ms)}, ${utcTime.format(ms)} UTC`;
}

/**
 * A row's activity: "active now" when its figures changed in the last minute (under live traffic every creator is,
 * so an age in seconds said nothing), else how long it has been quiet: "quiet 5 min"; "no data yet" when never.
 */
export function formatActivity(updatedAt: EpochMs | null | undefined, now: EpochMs): string {
  if (!isNumber(updatedAt)) return 'no data yet';
  if (now - updatedAt < 60_000) return 'active now';
  return `quiet ${formatAgo(updatedAt, now).replace(/ ago$/, '')}`;
}
