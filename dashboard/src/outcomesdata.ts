// The outcomes panel's figures in words (pure, unit-tested): the funnel's stages, and the columns of the
// creators' outcome table and of the platform and format breakdowns, from GET …/outcomes.

import { formatCount, formatCredit, formatMoney, formatMultiple, formatPercent, NO_DATA } from './format';
import type { BreakdownFigures, Funnel, OutcomeRow } from './types';

export type FunnelStageName = 'reached' | 'engaged' | 'clicked' | 'landed' | 'converted';

export interface FunnelStage {
  stage: FunnelStageName;
  label: string;
  count: number;
  /** Share of the stage before it that did not go on; null for the first stage and from an empty stage. */
  dropOff: number | null;
  /** This stage as a share of the reached users (the bar's width), 0 to 1. */
  ofReached: number;
}

const STAGE_LABELS: Readonly<Record<FunnelStageName, string>> = {
  reached: 'Reached',
  engaged: 'Engaged (authentic)',
  clicked: 'Clicked',
  landed: 'Landed on site',
  converted: 'Converted',
};

/**
 * The funnel's stages in order. Landed is shown only when the scope has site sessions; it sits off the chain (a user
 * converts whether or not a session was seen), so converted's drop-off is from clicked, as the server computes it.
 */
export function funnelStages(funnel: Funnel | null | undefined): FunnelStage[] {
  if (!funnel) return [];
  const reached = funnel.reached;
  const stage = (name: FunnelStageName, count: number, dropOff: number | null): FunnelStage => ({
    stage: name,
    label: STAGE_LABELS[name],
    count,
    dropOff,
    ofReached: reached > 0 ? Math.min(1, Math.max(0, count / reached)) : 0,
  });
  const stages = [
    stage('reached', funnel.reached, null),
    stage('engaged', funnel.engaged, funnel.drop_off?.engaged ?? null),
    stage('clicked', funnel.clicked, funnel.drop_off?.clicked ?? null),
  ];
  if (typeof funnel.landed === 'number') stages.push(stage('landed', funnel.landed, funnel.drop_off?.landed ?? null));
  stages.push(stage('converted', funnel.converted, funnel.drop_off?.converted ?? null));
  return stages;
}

/** "50.00% did not go on", or '' where there is no share to lose. */
export function dropOffText(dropOff: number | null): string {
  return dropOff === null ? '' : `${formatPercent(dropOff)} lost`;
}

/** Milliseconds as "2 min 05 s" or "45 s"; null → "—". */
export function formatDuration(ms: number | null | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return NO_DATA;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** Pages per visit with 1 decimal; null → "—". */
export function formatPages(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(1) : NO_DATA;
}

/** Where the visit figures come from, in words. */
export function referralSourceText(source: string | null | undefined): string {
  if (source === 'sessions') return 'site sessions';
  if (source === 'clicks') return 'click dwell';
  return NO_DATA;
}

export interface OutcomeColumn {
  key: string;
  label: string;
  text(row: OutcomeRow, currency: string): string;
}

/** The outcome table's columns after the name: conversions, leads and referral quality, each a figure of the report. */
export const OUTCOME_COLUMNS: readonly OutcomeColumn[] = [
  { key: 'conversion_rate', label: 'Conv. rate', text: (r) => formatPercent(r.conversion_rate) },
  { key: 'aov', label: 'AOV', text: (r, c) => formatMoney(r.aov, c) },
  { key: 'new_customers', label: 'New customers', text: (r) => formatCredit(r.new_customers) },
  { key: 'acquired', label: 'Customers acquired', text: (r) => formatCredit(r.customer_value?.acquired) },
  { key: 'returning', label: 'Returning', text: (r) => formatCredit(r.customer_value?.returning) },
  { key: 'repeat_rate_90', label: 'Repeat ≤ 90 d', text: (r) => formatPercent(r.customer_value?.within90_days.rate) },
  { key: 'cohort_revenue', label: 'Cohort revenue (180 d)', text: (r, c) => formatMoney(r.customer_value?.cohort_revenue, c) },
  { key: 'roi_with_customer_value', label: 'ROI with customer value', text: (r) => formatPercent(r.customer_value?.roi_with_customer_value) },
  { key: 'leads', label: 'Leads', text: (r) => formatCredit(r.leads) },
  { key: 'cost_per_lead', label: 'Cost / lead', text: (r, c) => formatMoney(r.cost_per_lead, c) },
  { key: 'qualified_leads', label: 'Qualified', text: (r) => formatCredit(r.qualified_leads) },
  { key: 'cost_per_qualified_lead', label: 'Cost / qualified', text: (r, c) => formatMoney(r.cost_per_qualified_lead, c) },
  { key: 'lead_to_won_rate', label: 'Lead → won', text: (r) => formatPercent(r.lead_to_won_rate) },
  { key: 'sessions', label: 'Visits', text: (r) => formatCount(r.sessions) },
  { key: 'bounce_rate', label: 'Bounce rate', text: (r) => formatPercent(r.bounce_rate) },
  { key: 'avg_time_on_site_ms', label: 'Time on site', text: (r) => formatDuration(r.avg_time_on_site_ms) },
  { key: 'pages_per_session', label: 'Pages / visit', text: (r) => formatPages(r.pages_per_session) },
  { key: 'quality_weighted_traffic', label: 'Quality visits', text: (r) => formatCredit(r.quality_weighted_traffic) },
  { key: 'referral_source', label: 'Visit data', text: (r) => referralSourceText(r.referral_source) },
];

export interface BreakdownColumn {
  key: string;
  label: string;
  text(row: BreakdownFigures, currency: string): string;
}

/** The breakdown tables' columns after the platform's or format's name. */
export const BREAKDOWN_COLUMNS: readonly BreakdownColumn[] = [
  { key: 'posts', label: 'Posts', text: (r) => formatCount(r.posts) },
  { key: 'impressions', label: 'Impressions', text: (r) => formatCount(r.impressions) },
  { key: 'clicks', label: 'Clicks', text: (r) => formatCount(r.clicks) },
  { key: 'ctr', label: 'CTR', text: (r) => formatPercent(r.ctr) },
  { key: 'conversions', label: 'Sales', text: (r) => formatCredit(r.conversions) },
  { key: 'revenue', label: 'Revenue', text: (r, c) => formatMoney(r.revenue, c) },
  { key: 'cost', label: 'Cost', text: (r, c) => formatMoney(r.cost, c) },
  { key: 'roi', label: 'ROI', text: (r) => formatPercent(r.roi) },
  { key: 'roas', label: 'ROAS', text: (r) => formatMultiple(r.roas) },
];

/** A format's wire name in words: "reel" → "Reel", "unknown" → "Not known yet". */
export function formatLabel(name: string): string {
  if (name === 'unknown') return 'Not known yet';
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : name;
}
