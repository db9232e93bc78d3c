// What the creator view shows (issue 23, docs/design.md "Creator keys"), worked out from GET /api/me, /api/campaigns
// and …/creators/{creator}/view (pure, unit-tested). A creator's key reads only its own creator's view: nothing here
// names another creator or the campaign as a whole, and the brand's economics (cost, ROI, ROAS, CPA, EMV) are not in
// the answer to begin with. Numbers go through format.ts like every other panel's (en-US, the same in every browser);
// days are UTC, written yyyy-MM-dd as the server names statement periods.

import { formatAge, formatCount, formatCredit, formatMoney, formatPercent, formatShare, platformLabel } from './format';
import { modelPhrase } from './models';
import { lineViews, periodText, STATE_LABELS, utcDay, utcStamp, type LineView } from './statementsdata';
import type { Campaign, CreatorOwnFigures, CreatorView, EpochMs, Me, StatementState } from './types';

/** Said when the key's creator is in no campaign (the server lists only campaigns that have the creator). */
export const NO_CAMPAIGN = 'No campaign lists you yet. When a campaign adds you as one of its creators, it shows here.';

export const NO_POSTS = 'No posts yet: a post shows here once the campaign has counted an event on it.';

export const NO_DAYS = 'No days yet: nothing of yours has been counted so far.';

export const NO_STATEMENTS = 'No statements yet: a statement shows here for each period once it has been worked out.';

/** Said instead when the creator has no commission plan in the campaign. */
export const NO_PLAN = 'This campaign pays you no commission through CreatorStream, so there are no statements.';

/** What the statement figures mean, under the table: read-only, reviewed by the campaign's team. */
export const STATEMENTS_ABOUT =
  'Accrued = held + payable: held is waiting out the plan\u2019s hold (returns and refunds); payable is what the period owes you so far. ' +
  'The campaign\u2019s team reviews each draft; an approved statement is final. CreatorStream itself pays nobody.';

/** The creator a key belongs to, from GET /api/me; null for a manager's key (or an answer that names none). */
export function creatorOf(me: Pick<Me, 'creator'> | null | undefined): string | null {
  const creator = me?.creator;
  return typeof creator === 'string' && creator !== '' ? creator : null;
}

/** The campaign's currency, or USD when it names none (as the other panels do). */
export function currencyOf(view: Pick<CreatorView, 'currency'>): string {
  return view.currency || 'USD';
}

/** "Anna · Spring launch": whose view of which campaign. */
export function headingText(view: Pick<CreatorView, 'name' | 'creator_id' | 'campaign_name' | 'campaign_id'>): string {
  return `${view.name?.trim() || view.creator_id} \u00b7 ${view.campaign_name?.trim() || view.campaign_id}`;
}

/** "Your own figures in this campaign, to date, in USD · event time 2026-03-03 06:00 UTC"; before any event, no time. */
export function metaText(view: Pick<CreatorView, 'currency' | 'as_of'>): string {
  const base = `Your own figures in this campaign, to date, in ${currencyOf(view)}`;
  return view.as_of == null ? `${base} \u00b7 no events yet` : `${base} \u00b7 event time ${utcStamp(view.as_of)}`;
}

/** "Conversions and revenue are credited under last touch, the campaign’s reporting model." */
export function modelText(view: Pick<CreatorView, 'model'>): string {
  return `Conversions and revenue are credited under ${modelPhrase(view.model || 'last_touch')}, the campaign\u2019s reporting model.`;
}

/**
 * What the figures cover and when they last changed, for the freshness line (freshness.ts adds when they were fetched):
 * "to date · updated 5 min ago"; "to date · no data yet" before the creator has any figure.
 */
export function freshnessSpan(view: Pick<CreatorView, 'figures'> | null, now: EpochMs): string {
  return view === null ? 'to date' : `to date \u00b7 ${formatAge(view.figures?.updated_at, now)}`;
}

export interface HeadlineView {
  /** Used in data-testid="creator-kpi-{id}". */
  id: string;
  label: string;
  value: string;
  detail: string;
}

/** The headline cards: the creator's audience figures, then conversions and revenue with the model named. */
export function headlines(view: Pick<CreatorView, 'figures' | 'currency' | 'model'>): HeadlineView[] {
  const f = view.figures;
  const credited = `credited under ${modelPhrase(view.model || 'last_touch')}`;
  return [
    { id: 'impressions', label: 'Impressions', value: formatCount(f.impressions), detail: 'times your posts were shown' },
    { id: 'reach', label: 'Reach', value: formatCount(f.reach), detail: 'distinct people, across platforms' },
    { id: 'engagements', label: 'Engagements', value: formatCount(f.engagements), detail: 'authentic ones, which the campaign counts' },
    { id: 'engagement-rate', label: 'Engagement rate', value: formatPercent(f.engagement_rate), detail: 'engagements / reach' },
    { id: 'clicks', label: 'Clicks', value: formatCount(f.clicks), detail: 'on your tracked links' },
    { id: 'ctr', label: 'CTR', value: formatPercent(f.ctr), detail: 'clicks / impressions' },
    { id: 'conversions', label: 'Conversions', value: formatCredit(f.conversions), detail: credited },
    { id: 'revenue', label: 'Revenue', value: formatMoney(f.revenue, currencyOf(view)), detail: `${currencyOf(view)}, ${credited}` },
  ];
}

/** A table column: the key is the cell's data-col. */
export interface Column {
  key: string;
  label: string;
}

export const POST_COLUMNS: readonly Column[] = [
  { key: 'platform', label: 'Platform' },
  { key: 'impressions', label: 'Impressions' },
  { key: 'reach', label: 'Reach' },
  { key: 'engagements', label: 'Engagements' },
  { key: 'engagement_rate', label: 'Eng. rate' },
  { key: 'clicks', label: 'Clicks' },
  { key: 'ctr', label: 'CTR' },
  { key: 'conversions', label: 'Conversions' },
  { key: 'revenue', label: 'Revenue' },
];

export interface PostRowView {
  contentId: string;
  /** Keyed by POST_COLUMNS' keys. */
  cells: Record<string, string>;
}

/** Ordinal, as the server orders ids (no locale: the same order everywhere). */
function ordinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The creator's posts, most impressions first (ties by content id), each cell as shown. */
export function postRows(view: Pick<CreatorView, 'posts' | 'currency'>): PostRowView[] {
  const currency = currencyOf(view);
  return [...(view.posts ?? [])]
    .sort((a, b) => b.impressions - a.impressions || ordinal(a.content_id ?? '', b.content_id ?? ''))
    .map((p: CreatorOwnFigures) => ({
      contentId: p.content_id ?? '',
      cells: {
        platform: platformLabel(p.platform),
        impressions: formatCount(p.impressions),
        reach: formatCount(p.reach),
        engagements: formatCount(p.engagements),
        engagement_rate: formatPercent(p.engagement_rate),
        clicks: formatCount(p.clicks),
        ctr: formatPercent(p.ctr),
        conversions: formatCredit(p.conversions),
        revenue: formatMoney(p.revenue, currency),
      },
    }));
}

/**
 * A day's `conversions` are the orders any model credits to the creator, each counted once, on the day of the order
 * (the trends' count): not the headline's, which are credited under the reporting model (and may be fractions). The
 * column says so, or a day showing 2 beside a headline of 1 would read as a mistake.
 */
export const DAY_COLUMNS: readonly Column[] = [
  { key: 'impressions', label: 'Impressions' },
  { key: 'engagements', label: 'Engagements' },
  { key: 'clicks', label: 'Clicks' },
  { key: 'conversions', label: 'Orders' },
];

export const DAYS_NOTE = 'UTC days, newest first \u00b7 orders: each order any model credits to you, counted once';

export interface DayRowView {
  /** The UTC day, "2026-03-02". */
  day: string;
  cells: Record<string, string>;
  /** The day's impressions as a share of the busiest day's, in [0, 1], for its bar (0 when no day had any). */
  share: number;
  /** The bar in words, for a screen reader: "50.0% of your busiest day's impressions". */
  barLabel: string;
}

function shareOf(value: number, most: number): number {
  return most > 0 ? Math.min(Math.max(value / most, 0), 1) : 0;
}

/** The creator's days, newest first (the server sends them oldest first), each with its bar's length. */
export function dayRows(view: Pick<CreatorView, 'days'>): DayRowView[] {
  const days = [...(view.days ?? [])].sort((a, b) => b.start - a.start);
  const most = Math.max(0, ...days.map((d) => d.impressions));
  return days.map((d) => ({
    day: utcDay(d.start),
    cells: {
      impressions: formatCount(d.impressions),
      engagements: formatCount(d.engagements),
      clicks: formatCount(d.clicks),
      conversions: formatCount(d.orders),
    },
    share: shareOf(d.impressions, most),
    barLabel: `${formatShare(shareOf(d.impressions, most))} of your busiest day\u2019s impressions`,
  }));
}

export interface CreatorStatementRowView {
  /** The period's first day, yyyy-MM-dd. */
  period: string;
  periodText: string;
  state: StatementState;
  stateLabel: string;
  accrued: string;
  held: string;
  payable: string;
  lines: LineView[];
}

/** The creator's statements, oldest period first (corrections flow forward), amounts in the campaign's currency. */
export function creatorStatementRows(view: Pick<CreatorView, 'statements' | 'currency'>): CreatorStatementRowView[] {
  const currency = currencyOf(view);
  return [...(view.statements ?? [])]
    .sort((a, b) => a.period_start - b.period_start)
    .map((s) => ({
      period: s.period,
      periodText: periodText(s),
      state: s.state,
      stateLabel: STATE_LABELS[s.state] ?? s.state,
      accrued: formatMoney(s.accrued, currency),
      held: formatMoney(s.held, currency),
      payable: formatMoney(s.payable, currency),
      lines: lineViews(s, currency),
    }));
}

function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * "2 statements, figures as of 2026-03-03 06:00 UTC (event time): 2 drafts awaiting review, 0 approved." (the rejected
 * named only when there are some); null when there is none (NO_STATEMENTS stands in).
 */
export function statementsSummary(view: Pick<CreatorView, 'statements'>): string | null {
  const rows = view.statements ?? [];
  if (rows.length === 0) return null;
  const count = (state: StatementState) => rows.filter((r) => r.state === state).length;
  const parts = [
    `${counted(count('draft'), 'draft', 'drafts')} awaiting review`,
    count('rejected') > 0 ? `${count('rejected')} rejected` : null,
    `${count('approved')} approved`,
  ].filter((p): p is string => p !== null);
  const asOf = Math.max(...rows.map((r) => r.as_of));
  const when = Number.isFinite(asOf) ? `, figures as of ${utcStamp(asOf)} (event time)` : '';
  return `${counted(rows.length, 'statement', 'statements')}${when}: ${parts.join(', ')}.`;
}

/** The server's reason for refusing the view (403), said as such: the key stays, another campaign may still open. */
export function refusalText(reason: string): string {
  const text = reason.trim();
  return `The server refused your view of this campaign${text === '' ? '.' : `: ${text}${/[.!?]$/.test(text) ? '' : '.'}`}`;
}

/** The campaign to open: the one the hash names when the key covers it, else the first listed; null when none is. */
export function pickCampaign(campaigns: readonly Campaign[], fromHash: string | null): Campaign | null {
  return campaigns.find((c) => c.campaign_id === fromHash) ?? campaigns[0] ?? null;
}

/** The hash of the creator view: the campaign only (no window or model: the view has neither to choose). */
export function creatorHash(campaignId: string): string {
  return `#${new URLSearchParams({ campaign: campaignId }).toString()}`;
}
