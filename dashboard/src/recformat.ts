// How the recommendations read (pure, unit-tested). Every item carries the figures it came from,
// so a manager can trace it back: each side's ROAS and conversions behind a budget shift, the value
// and the threshold behind a flag, the rate and the posts behind a posting window or a format.

import { kindLabel } from './alertformat';
import { formatCount, formatCredit, formatMoney, formatMoneyChange, formatMultiple, formatPercent } from './format';
import { modelPhrase } from './models';
import type { AudienceWindow, BudgetShift, CreatorRanking, FormatOutcome, FormatPerformance, PostingWindow, RecommendationFlag } from './types';

type Names = (creatorId: string) => string;

const collator = new Intl.Collator('en-US', { sensitivity: 'base', numeric: true });

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function plural(count: number, word: string): string {
  return `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;
}

function conversions(count: number): string {
  return `${formatCredit(count)} ${count === 1 ? 'conversion' : 'conversions'}`;
}

export interface ShiftDescription {
  /**
   * "Move $250.00 from Diego to Zara: about +$325.00 of revenue under last touch
   * (95% range −$40.00 to +$690.00), low confidence."
   */
  sentence: string;
  /** The figures behind it, one line each. */
  evidence: string[];
  confidence: string;
}

/** The budget shift as a sentence with its evidence; `model` names the model the money figures use. */
export function describeShift(
  shift: BudgetShift,
  names: Names,
  model: string,
  campaignCurrency: string,
): ShiftDescription {
  const currency = shift.currency || campaignCurrency;
  const from = names(shift.from_creator_id);
  const to = names(shift.to_creator_id);
  const confidence = typeof shift.confidence === 'string' && shift.confidence !== '' ? shift.confidence : 'unknown';
  const sentence =
    `Move ${formatMoney(shift.amount, currency)} from ${from} to ${to}: about ` +
    `${formatMoneyChange(shift.expected_revenue_change, currency)} of revenue under ${modelPhrase(model)} ` +
    `(95% range ${formatMoneyChange(shift.expected_revenue_change_low, currency)} to ` +
    `${formatMoneyChange(shift.expected_revenue_change_high, currency)}), ${confidence} confidence.`;

  const evidence = [
    `${from}: ROAS ${formatMultiple(shift.from_roas)} on ${conversions(shift.from_conversions)}`,
    `${to}: ROAS ${formatMultiple(shift.to_roas)} on ${conversions(shift.to_conversions)}`,
  ];
  // The expected change as arithmetic, when the server's figure is that product (it says so only in words).
  const gap = shift.to_roas - shift.from_roas;
  const product = shift.amount * gap;
  if (isNumber(product) && Math.abs(product - shift.expected_revenue_change) <= 0.01 * Math.max(1, Math.abs(product))) {
    const roas = `(${formatMultiple(shift.to_roas)} − ${formatMultiple(shift.from_roas)})`;
    const change = formatMoneyChange(shift.expected_revenue_change, currency);
    evidence.push(
      `${formatMoney(shift.amount, currency)} × ${roas} = ${change}, ` +
        "if each creator's return on extra spend stays at today's average",
    );
  }
  if (shift.expected_revenue_change_low <= 0) evidence.push('the 95% range includes no gain or a loss');
  const fewest = Math.min(shift.from_conversions, shift.to_conversions);
  evidence.push(`${confidence} confidence: the smaller side rests on ${conversions(fewest)}`);
  return { sentence, evidence, confidence };
}

export interface FlagDescription {
  label: string;
  /** "Diego Mensah: CPA $48.20 vs benchmark $25.00 (1.93×)". */
  text: string;
  /** The server's own sentence, when it adds something (unknown kinds). */
  message: string | null;
}

export function describeFlag(flag: RecommendationFlag, names: Names, currency: string): FlagDescription {
  const who = names(flag.creator_id);
  const label = kindLabel(flag.kind);
  if (flag.kind === 'cpa_above_benchmark' && isNumber(flag.value) && isNumber(flag.threshold)) {
    const times = flag.threshold > 0 ? ` (${formatMultiple(flag.value / flag.threshold)})` : '';
    const figures = `CPA ${formatMoney(flag.value, currency)} vs benchmark ${formatMoney(flag.threshold, currency)}`;
    return { label, text: `${who}: ${figures}${times}`, message: null };
  }
  const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });
  const value = isNumber(flag.value) ? number.format(flag.value) : '—';
  const threshold = isNumber(flag.threshold) ? number.format(flag.threshold) : '—';
  const message = typeof flag.message === 'string' && flag.message !== '' ? flag.message : null;
  return { label, text: `${who}: value ${value}, threshold ${threshold}`, message };
}

export type RankBy = 'roi' | 'cpa' | 'engagement_rate';

export const RANKINGS: readonly { by: RankBy; title: string }[] = [
  { by: 'roi', title: 'Highest ROI' },
  { by: 'cpa', title: 'Lowest CPA' },
  { by: 'engagement_rate', title: 'Highest engagement rate' },
];

export interface RankedEntry {
  creatorId: string;
  rank: number;
  value: number;
  /** Other creators with exactly this figure (the server breaks ties by id, which means nothing). */
  tiedWith: number;
}

const RANK_FIELD = { roi: 'roi_rank', cpa: 'cpa_rank', engagement_rate: 'engagement_rate_rank' } as const;

/** The best `count` creators by one figure, by the server's rank; creators it could not rank are left out. */
export function topRanked(ranking: readonly CreatorRanking[], by: RankBy, count = 3): RankedEntry[] {
  const rankField = RANK_FIELD[by];
  const ranked = ranking.filter((r) => isNumber(r[rankField]) && isNumber(r[by]));
  return ranked
    .slice()
    .sort((a, b) => a[rankField]! - b[rankField]! || collator.compare(a.creator_id, b.creator_id))
    .slice(0, count)
    .map((r) => ({
      creatorId: r.creator_id,
      rank: r[rankField]!,
      value: r[by]!,
      tiedWith: ranked.filter((o) => o !== r && o[by] === r[by]).length,
    }));
}

/**
 * The figure every ranked creator shares, when they all share one (ranks then only follow the ids);
 * null when they differ or fewer than two are ranked.
 */
export function sharedFigure(ranking: readonly CreatorRanking[], by: RankBy): { value: number; count: number } | null {
  const rankField = RANK_FIELD[by];
  const values = ranking.filter((r) => isNumber(r[rankField]) && isNumber(r[by])).map((r) => r[by]!);
  if (values.length < 2 || values.some((v) => v !== values[0])) return null;
  return { value: values[0]!, count: values.length };
}

/** "all 6 creators at -100.00% ROI". */
export function sharedText(shared: { value: number; count: number }, by: RankBy, currency: string): string {
  const entry = { creatorId: '', rank: 1, value: shared.value, tiedWith: 0 };
  return `all ${formatCount(shared.count)} creators tie at ${rankedText(entry, by, currency)}`;
}

/** "−100.00% ROI", "$12.40 per conversion", "4.20% engagement rate"; with "(tied with 5 others)". */
export function rankedText(entry: RankedEntry, by: RankBy, currency: string): string {
  const figure =
    by === 'roi'
      ? `${formatPercent(entry.value)} ROI`
      : by === 'cpa'
        ? `${formatMoney(entry.value, currency)} per conversion`
        : `${formatPercent(entry.value)} engagement rate`;
  const tie = entry.tiedWith > 0 ? ` (tied with ${plural(entry.tiedWith, 'other')})` : '';
  return `${figure}${tie}`;
}

/** One posting window per creator, by creator name. */
export function sortWindows(windows: readonly PostingWindow[], names: Names): PostingWindow[] {
  return [...windows].sort(
    (a, b) =>
      collator.compare(names(a.creator_id), names(b.creator_id)) || collator.compare(a.creator_id, b.creator_id),
  );
}

/** "4.20% engagement rate over 3 posts". */
export function rateOverPosts(rate: number | null, posts: number): string {
  return `${formatPercent(rate)} engagement rate over ${plural(posts, 'post')}`;
}

const PLATFORM_NAMES: Readonly<Record<string, string>> = {
  instagram: 'Instagram',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  facebook: 'Facebook',
  twitter: 'X (Twitter)',
  x: 'X',
  linkedin: 'LinkedIn',
  pinterest: 'Pinterest',
  snapchat: 'Snapchat',
  twitch: 'Twitch',
};

export function platformName(platform: string): string {
  const known = PLATFORM_NAMES[platform.toLowerCase()];
  if (known) return known;
  const words = platform.replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : platform;
}

/** "carousel_post" → "carousel post". */
export function formatName(format: string): string {
  return format.replace(/[_-]+/g, ' ').trim() || format;
}

export interface PlatformFormats {
  platform: string;
  /** The server's best format on this platform; null when none could be measured. */
  best: FormatPerformance | null;
  /** The other formats measured there, best first (for comparison). */
  others: FormatPerformance[];
}

/** Formats grouped by platform (platforms A–Z), each with its best and the rest by engagement rate. */
export function formatsByPlatform(formats: readonly FormatPerformance[]): PlatformFormats[] {
  const groups = new Map<string, FormatPerformance[]>();
  for (const f of formats) {
    const list = groups.get(f.platform) ?? [];
    list.push(f);
    groups.set(f.platform, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => collator.compare(platformName(a), platformName(b)))
    .map(([platform, list]) => {
      const best = list.find((f) => f.best) ?? null;
      const others = list
        .filter((f) => f !== best)
        .sort(
          (a, b) =>
            (b.engagement_rate ?? -1) - (a.engagement_rate ?? -1) ||
            collator.compare(a.content_format, b.content_format),
        );
      return { platform, best, others };
    });
}

/** "2.50 sales and $125.00 per 1,000 impressions (5 over 2 posts)": a format's credited outcomes in a segment. */
export function salesPerThousand(outcome: FormatOutcome, currency: string): string {
  const rate = typeof outcome.conversions_per_thousand === 'number' ? outcome.conversions_per_thousand.toFixed(2) : '—';
  const money = formatMoney(outcome.revenue_per_thousand, currency);
  const posts = outcome.posts === 1 ? '1 post' : `${outcome.posts} posts`;
  return `${rate} sales and ${money} per 1,000 impressions (${formatCredit(outcome.conversions)} over ${posts})`;
}

/**
 * "11.00% engage per impression (9.36%–12.64%) over 2 weeks · above the 8.33% of all hours": an audience window with its
 * interval, and whether it beats the creator's own rate beyond chance.
 */
export function audienceWindowText(window: AudienceWindow): string {
  const range = `${formatPercent(window.engagement_rate_low)}–${formatPercent(window.engagement_rate_high)}`;
  const weeks = window.weeks === 1 ? '1 week' : `${window.weeks} weeks`;
  const verdict = window.above_average
    ? `above the ${formatPercent(window.creator_rate)} of all hours`
    : `not surely above the ${formatPercent(window.creator_rate)} of all hours`;
  return `${formatPercent(window.engagement_rate)} engage per impression (${range}) over ${weeks} · ${verdict}`;
}
