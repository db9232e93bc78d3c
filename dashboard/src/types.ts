// Wire types of the CreatorStream REST API and SignalR hub (docs/design.md, "Serving").
// Field names are the server's snake_case; ratios are null when their denominator is 0.

/** Milliseconds since the Unix epoch. */
export type EpochMs = number;

/** Summary windows the server computes: rolling spans of event time, or the campaign to date. */
export type SummaryWindow = '5m' | '1h' | '24h' | 'campaign';

export interface Campaign {
  campaign_id: string;
  brand_id: string;
  name: string;
  currency: string;
}

export interface Engagements {
  like: number;
  comment: number;
  share: number;
  save: number;
  total: number;
}

/** What a scope's authentic comments said (docs/design.md, "Content"); absent from an older server. */
export interface CommentFigures {
  /** Comments with text, scored. */
  judged: number;
  positive: number;
  neutral: number;
  negative: number;
  /** (positive − negative) / judged, in [−1, 1]; null with none scored. */
  net_sentiment: number | null;
  meaningful: number;
  meaningful_share: number | null;
  brand_mentions: number;
}

/** Authentic shares of a post by hour since publication (docs/design.md, "Content", share velocity). */
export interface ShareVelocity {
  total: number;
  per_hour: number | null;
  peak_hour_shares: number;
  time_to_peak_hours: number | null;
  origin: 'published' | 'first_share' | null | string;
}

/**
 * A post's figures as its platform reported them (imported insights, docs/design.md "Collector"), beside the
 * event-level ones and never added to them. Reach does not add up over days: the largest day's is given.
 */
export interface PlatformReported {
  source: string;
  days: number;
  first_day: string;
  last_day: string;
  imported_at: EpochMs;
  impressions: number | null;
  reach_max_day: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
}

/** The figures shared by the campaign totals and each creator row. */
export interface Figures {
  impressions: number;
  reach: number;
  engagements: Engagements;
  authentic_engagements: number;
  /** Engagements judged inauthentic, when the server sends it (engagementsplit.ts). */
  inauthentic_engagements?: number | null;
  engagement_rate: number | null;
  clicks: number;
  ctr: number | null;
  emv: number | null;
  comments?: CommentFigures;
  /** When one of these figures last changed; null while nothing has arrived. */
  updated_at: EpochMs | null;
  /**
   * Credited under the campaign's reporting model, to date (docs/design.md, "Metrics" and 6). Null in the
   * rolling windows (credit is kept to date only) and for a ratio whose denominator is 0; absent
   * from an older server.
   */
  conversions?: number | null;
  revenue?: number | null;
  cost?: number | null;
  roi?: number | null;
  roas?: number | null;
  cpa?: number | null;
}

export interface CreatorFigures extends Figures {
  creator_id: string;
  name: string | null;
  /** Set on the rows of `creator_platforms`: the creator on one platform. */
  platform?: string | null;
}

/** The campaign on one platform (snapshot `platforms`; reach deduplicated within the platform). */
export interface PlatformFigures extends Figures {
  platform: string;
}

/** One event-time minute of the campaign's trend (the snapshot's `series`, oldest first). */
export interface SeriesPoint {
  /** Start of the UTC-aligned minute. */
  start: EpochMs;
  impressions: number;
  reach: number;
  engagements: number;
  authentic_engagements: number;
  clicks: number;
  /** Orders credited to the campaign (any model), in the order's minute; absent from an older server. */
  conversions?: number;
  /** Wall-clock time this minute last changed. */
  updated_at: EpochMs | null;
  /** Non-null when a late event changed this minute after its window had closed (a correction). */
  corrected_at: EpochMs | null;
}

export interface CampaignSnapshot {
  campaign_id: string;
  name: string;
  currency: string;
  window: SummaryWindow | string;
  generated_at: EpochMs;
  watermark: EpochMs | null;
  /** The campaign's reporting model, e.g. "last_touch". */
  reporting_model?: string;
  /** The model behind conversions, revenue, cost, returns and the goal here (the one asked for). */
  model?: string;
  /** The hub's number for this snapshot: the next update's `base` (absent from the REST summary). */
  seq?: number;
  /** The campaign's platforms (the hub sends these names instead of `platforms`). */
  platform_names?: string[];
  /** Progress against the campaign's goal, to date; null in rolling windows and when there is no goal. */
  goal?: GoalProgress | null;
  totals: Figures;
  creators: CreatorFigures[];
  /** The campaign per platform, for the leaderboard's platform filter. */
  platforms?: PlatformFigures[];
  /** Each creator on each platform they posted on (no credit or cost: those are per creator). */
  creator_platforms?: CreatorFigures[];
  /** The campaign's last 60 one-minute buckets, whatever the window; minutes without events are absent. */
  series?: SeriesPoint[];
  /** The most recent alerts (20), newest first; they overlap the hub's live `alert` messages. */
  alerts?: CampaignAlert[];
}

/**
 * An alert, from the snapshot, the hub's `alert` message or GET /api/campaigns/{id}/alerts.
 * `alert_id` is stable, so the same alert from two sources is shown once. Fields are typed as the
 * page tolerates them: it checks everything before use.
 */
export interface CampaignAlert {
  alert_id?: string;
  kind: string;
  campaign_id?: string;
  creator_id: string | null;
  content_id: string | null;
  /** Event-time window the alert names: epoch ms, or an ISO-8601 string (the page accepts either). */
  window_start: EpochMs | string | null;
  window_end: EpochMs | string | null;
  /**
   * Wall-clock time the server raised it; for an alert judged when read (CPA, goal pace, rate drops), the end of its
   * window in event time (docs/design.md, "Alerts judged when read").
   */
  detected_at?: EpochMs | string | null;
  /** Kind-specific figures, e.g. `{scope, observed, expected, std_dev, z_score, ratio}` for spikes. */
  details: unknown;
}

/** Where the campaign stands against its goal (snapshot `goal`, recommendations `goal`). */
export interface GoalProgress {
  /** "sales", "awareness", … */
  type: string;
  /** The figure the target is set on: revenue, conversions, reach, impressions, engagements, clicks, emv, roas, roi. */
  kpi: string;
  /** Null while its baseline is not known (a benchmarking period not over, a named campaign with no figures). */
  target: number | null;
  current: number | null;
  /** current / target; null when either is unmeasured. */
  progress: number | null;
  baseline: number | null;
  /** Where the baseline comes from: "value", "campaign" (a named earlier campaign) or "first_days" (a benchmarking period). */
  baseline_source?: string | null;
  baseline_campaign?: string | null;
  /** When the benchmarking period ends. */
  baseline_until?: EpochMs | null;
  /** Share of the goal's dated period gone, 0 to 1; absent or null without dates. */
  elapsed?: number | null;
  /** "ahead", "on_pace" or "behind"; null when it cannot be judged (no dates, not started, reach). */
  pace?: string | null;
  /** Where an accumulating KPI is heading by the end, with a 95 % interval (docs/design.md, "Goals"). */
  projection?: { value: number; low: number; high: number } | null;
}

/** Conversion credit and value under one model. */
export interface CreditSums {
  conversions: number;
  revenue: number;
}

/** One creator in GET /api/campaigns/{id}/attribution: the chosen model, and every model side by side. */
export interface CreatorAttribution {
  creator_id: string;
  name: string | null;
  conversions: number;
  revenue: number;
  assisted_conversions: number;
  /** Cost, ROI, ROAS and CPA as if the chosen model were the reporting one (commission follows credited revenue). */
  cost: number | null;
  roi: number | null;
  roas: number | null;
  cpa: number | null;
  by_model: Partial<Record<string, CreditSums>>;
}

/** GET /api/campaigns/{id}/attribution?model=… (campaign to date). */
export interface AttributionView {
  campaign_id: string;
  model: string;
  reporting_model: string;
  /** The data-driven model has too few conversions and credits as linear does. */
  data_driven_fallback: boolean;
  conversions: number;
  revenue: number;
  creators: CreatorAttribution[];
}

export interface CreatorRanking {
  creator_id: string;
  roi: number | null;
  cpa: number | null;
  engagement_rate: number | null;
  /** 1 = best; null when the figure is unmeasured. */
  roi_rank: number | null;
  cpa_rank: number | null;
  engagement_rate_rank: number | null;
}

export interface RecommendationFlag {
  creator_id: string;
  /** e.g. "cpa_above_benchmark". */
  kind: string;
  value: number;
  threshold: number;
  message: string;
}

export interface BudgetShift {
  from_creator_id: string;
  to_creator_id: string;
  amount: number;
  currency: string;
  from_roas: number;
  to_roas: number;
  from_conversions: number;
  to_conversions: number;
  expected_revenue_change: number;
  /** The 95% range of the expected change. */
  expected_revenue_change_low: number;
  expected_revenue_change_high: number;
  confidence: 'low' | 'medium' | 'high' | string;
  rationale: string;
}

export interface PostingWindow {
  creator_id: string;
  /** 0 = Monday 00:00 UTC. */
  hour_of_week: number;
  /** "Tuesday 18:00 UTC". */
  label: string;
  engagement_rate: number;
  posts: number;
}

export interface FormatPerformance {
  platform: string;
  content_format: string;
  engagement_rate: number | null;
  posts: number;
  best: boolean;
}

/** An hour of the week when a creator's audience is responsive, from the audience's own events. */
export interface AudienceWindow {
  creator_id: string;
  hour_of_week: number;
  label: string;
  weeks: number;
  impressions: number;
  authentic_engagements: number;
  authentic_clicks: number;
  engagement_rate: number;
  engagement_rate_low: number;
  engagement_rate_high: number;
  click_rate: number;
  creator_rate: number;
  above_average: boolean;
}

/** A format's credited outcomes in one audience segment (a creator's, or a platform's), to date. */
export interface FormatOutcome {
  segment: 'creator' | 'platform' | 'country' | string;
  segment_id: string;
  content_format: string;
  posts: number;
  impressions: number;
  clicks: number;
  conversions: number;
  revenue: number;
  conversions_per_thousand: number | null;
  revenue_per_thousand: number | null;
  /** The segment's best by conversions per impression among formats with at least 1,000 impressions. */
  best: boolean;
}

/** Advice for one creator from measured figures (kind brief_format), with the two formats' figures. */
export interface CreatorSuggestion {
  creator_id: string;
  kind: string;
  format: string;
  compared_with: string;
  ratio: number | null;
  /** The permutation test's one-sided p (posts moved between the two formats). */
  p_value: number;
  evidence: FormatOutcome;
  compared_evidence: FormatOutcome;
  message: string;
}

/** GET /api/campaigns/{id}/recommendations (campaign to date, under the reporting model). */
export interface Recommendations {
  model: string;
  ranking: CreatorRanking[];
  flags: RecommendationFlag[];
  budget_shift: BudgetShift | null;
  /** Why there is no budget shift, when there is none. */
  budget_shift_note: string | null;
  posting_windows: PostingWindow[];
  /** When each creator's audience responds (hours of its own events); absent from an older server. */
  audience_windows?: AudienceWindow[];
  content_formats: FormatPerformance[];
  /** Formats by credited conversions per creator and per platform; absent from an older server. */
  format_outcomes?: FormatOutcome[];
  /** Creator-specific advice with its evidence; absent from an older server. */
  suggestions?: CreatorSuggestion[];
  goal: GoalProgress | null;
}

/** One post in GET /api/campaigns/{id}/content (and the content export). */
export interface ContentRow {
  content_id: string;
  creator_id: string;
  creator_name: string | null;
  platform: string;
  content_format: string | null;
  impressions: number;
  reach: number;
  engagements: Engagements;
  authentic_engagements: number;
  engagement_rate: number | null;
  clicks: number;
  ctr: number | null;
  saves: number;
  shares: number;
  /** Credited to the post under the chosen model, to date; null in the rolling windows. */
  conversions: number | null;
  revenue: number | null;
  emv: number | null;
  comments?: CommentFigures;
  /** To date whatever the window; null before the post has a record (absent from an older server). */
  share_velocity?: ShareVelocity | null;
  /** Imported insights, to date whatever the window; null without any (absent from an older server). */
  platform_reported?: PlatformReported | null;
  updated_at: EpochMs | null;
}

/** GET /api/campaigns/{id}/content?window=…&model=… */
export interface ContentView {
  campaign_id: string;
  window: string;
  model: string;
  currency: string;
  generated_at: EpochMs;
  rows: ContentRow[];
}

/** One account the authenticity classifier judged bot-like, with why (reason code → engagements). */
export interface FlaggedAccount {
  account_id: string;
  /** 0 to 1: how sure the classifier is. */
  suspicion: number;
  reason_counts: Record<string, number>;
  engagements_flagged: number;
  last_seen_ts: EpochMs;
}

/** GET /api/campaigns/{id}/authenticity?creator=…&content=… (to date). */
export interface AuthenticityView {
  campaign_id: string;
  creator_id: string | null;
  content_id: string | null;
  engagements: number;
  authentic_engagements: number;
  engagement_at_risk: number;
  /** Judged inauthentic, when the server sends it (engagementsplit.ts). */
  inauthentic_engagements?: number | null;
  /** Each creator's authentic share of engagements; null before any engagement. */
  authenticity_scores: Record<string, number | null>;
  flagged_accounts: FlaggedAccount[];
}

/** The hub's `update`: a patch (patch.ts) from snapshot number `base` to `seq` of one view. */
export interface SnapshotUpdate {
  campaign_id: string;
  window: string;
  model: string;
  base: number;
  seq: number;
  generated_at: EpochMs;
  patch: object | null;
}

/** The error body of a 4xx/5xx REST response. */
export interface ErrorBody {
  error?: string;
  reason?: string;
}

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** Distinct users at each funnel stage, each having passed every earlier one (docs/design.md, "Outcomes", funnel). */
export interface Funnel {
  reached: number;
  engaged: number;
  clicked: number;
  /** Clicked users with a joined site session; null when the scope has no site sessions (off the chain). */
  landed: number | null;
  converted: number;
  /** Per step, the share of the stage before it that did not go on; null from an empty stage. */
  drop_off: { engaged: number | null; clicked: number | null; landed: number | null; converted: number | null };
}

/** One conversion kind of a scope: orders credited under any model and their value, and the credit under the chosen model. */
export interface KindOutcome {
  kind: string;
  orders: number;
  value: number;
  conversions: number;
  revenue: number;
  new_customers: number;
}

/** The campaign's (creator_id null) or a creator's outcomes to date, under the chosen model. */
export interface OutcomeRow {
  creator_id: string | null;
  name: string | null;
  funnel: Funnel | null;
  conversions_by_kind: KindOutcome[];
  conversion_rate: number | null;
  conversion_rate_reach: number | null;
  aov: number | null;
  new_customers: number;
  leads: number;
  cost_per_lead: number | null;
  qualified_leads: number;
  cost_per_qualified_lead: number | null;
  won_leads: number;
  lead_to_won_rate: number | null;
  /** "sessions" (site sessions joined to clicks), "clicks" (the clicks' dwell and pages), or null: no visit data. */
  referral_source: string | null;
  /** Purchases' customers: acquired, returning, repeats and cohort revenue (docs/design.md, "Customer value"); absent from an older server. */
  customer_value?: CustomerValue | null;
  sessions: number;
  bounce_rate: number | null;
  avg_time_on_site_ms: number | null;
  pages_per_session: number | null;
  quality_weighted_traffic: number | null;
}

/** A platform's or content format's figures to date (posts' sums, credit under the model, allocated cost). */
export interface BreakdownFigures {
  name: string;
  posts: number;
  impressions: number;
  /** Null in a format's row: reach does not add up over posts. */
  reach: number | null;
  engagements: number;
  authentic_engagements: number;
  clicks: number;
  ctr: number | null;
  conversions: number;
  revenue: number;
  cost: number;
  roi: number | null;
  roas: number | null;
}

/** GET /api/campaigns/{id}/outcomes?model=… (campaign to date). */
export interface OutcomesView {
  campaign_id: string;
  model: string;
  currency: string;
  campaign: OutcomeRow;
  creators: OutcomeRow[];
  platforms: BreakdownFigures[];
  formats: BreakdownFigures[];
  unallocated_cost: number | null;
}

/** One hour or day of the campaign's (or a creator's) long trend. */
export interface TrendPeriod {
  start: EpochMs;
  end: EpochMs;
  impressions: number;
  engagements: number;
  authentic_engagements: number;
  clicks: number;
  authentic_clicks: number;
  conversions: number;
  ctr: number | null;
  authentic_ctr: number | null;
  /** Orders per authentic click. */
  conversion_rate: number | null;
  /** The period's authentic comments with text, and net sentiment over them; absent from an older server. */
  comments_judged?: number;
  comments_positive?: number;
  comments_negative?: number;
  net_sentiment?: number | null;
}

/** A click-through or conversion rate drop judged on the hourly series (docs/design.md, "Trends"). */
export interface RateDropView {
  kind: 'ctr_drop' | 'conversion_rate_drop' | string;
  creator_id: string | null;
  window_start: EpochMs;
  window_end: EpochMs;
  rate: number;
  baseline_rate: number;
  relative_drop: number;
  z: number;
}

/** GET /api/campaigns/{id}/trends?granularity=…&creator=… */
export interface TrendsView {
  campaign_id: string;
  creator_id: string | null;
  granularity: 'hour' | 'day' | string;
  from: EpochMs;
  to: EpochMs;
  as_of: EpochMs | null;
  periods: TrendPeriod[];
  drops: RateDropView[];
}

/** A rate in two periods and whether the change is beyond chance. */
export interface RateChangeView {
  current: number | null;
  previous: number | null;
  change: number | null;
  z: number | null;
  significant: boolean;
}

/** GET /api/campaigns/{id}/trends/compare?days=N: the last N complete days against the N before them. */
export interface ComparisonView {
  campaign_id: string;
  creator_id: string | null;
  days: number;
  as_of: EpochMs | null;
  current: TrendPeriod;
  previous: TrendPeriod;
  ctr: RateChangeView;
  conversion_rate: RateChangeView;
}

/** A post as the content tracker knows it (docs/design.md, "Content"); null members when no report came. */
export interface PublishedPost {
  campaign_id: string;
  creator_id: string;
  platform: string;
  content_id: string;
  content_format?: string | null;
  published_at?: EpochMs | null;
  last_action?: string | null;
  updated_at?: EpochMs | null;
  deleted_at?: EpochMs | null;
  disclosure?: 'label' | 'caption' | 'buried' | 'missing' | null;
  shares: { total: number; per_hour?: number | null; peak_hour_shares?: number; time_to_peak_hours?: number | null; origin?: string | null };
}

export interface Deliverable {
  deliverable_id: string;
  creator_id: string;
  platform: string;
  format?: string | null;
  count: number;
  due: EpochMs;
  posted: number;
  content_ids: string[];
  completed_at?: EpochMs | null;
  status: 'due' | 'posted' | 'posted_late' | 'late';
}

export interface ComplianceFlag {
  flag_id: string;
  kind: 'disclosure_missing' | 'disclosure_buried' | 'link_mismatch' | 'untracked_post';
  creator_id: string;
  platform: string;
  content_id: string;
  raised_at: EpochMs;
  cleared_at?: EpochMs | null;
  summary: string;
}

export interface FlagReview {
  flag_id: string;
  state: 'open' | 'acknowledged' | 'dismissed';
  by?: string | null;
  at?: EpochMs | null;
  reason?: string | null;
}

export interface ReviewedFlag {
  flag: ComplianceFlag;
  review: FlagReview;
}

/** GET /api/campaigns/{id}/publishing. */
export interface PublishingView {
  campaign_id: string;
  summary: { posts_reported: number; posts_deleted: number; deliverables_by_status: Record<string, number>; flags_standing: Record<string, number>; flags_cleared: number };
  posts: PublishedPost[];
  deliverables: Deliverable[];
  compliance_flags: ReviewedFlag[];
}

/** An estimate with its 90 % interval (docs/design.md, "Estimates"): never shown as a bare number. */
export interface EstimateInterval {
  estimate: number;
  low: number;
  high: number;
}

/** Estimated halo sessions, orders and revenue; null figures: not enough data. */
export interface HaloFigures {
  sessions: EstimateInterval | null;
  conversions: EstimateInterval | null;
  revenue: EstimateInterval | null;
}

export interface HaloEstimate {
  status: 'estimated' | 'not_enough_data';
  reason?: string | null;
  method: string;
  window_hours: number;
  half_life_hours: number;
  baseline_hours: number;
  baseline_sessions: number;
  baseline_conversions: number;
  dispersion: number;
  window_sessions: number;
  window_conversions: number;
  window_revenue: number;
  campaign: HaloFigures;
  creators: Record<string, HaloFigures>;
  posts: { creator_id: string; content_id: string; published_at: EpochMs; impressions: number; halo: HaloFigures }[];
}

export interface CodeLeakFigures {
  creator_id: string;
  uses: number;
  revenue: number;
  suspicious_uses: number;
  suspicious_revenue: number;
  suspicious_share: EstimateInterval;
  signals: { no_touch: number; coupon_referrer: number; foreign_country: number; off_pattern: number };
  alerted: boolean;
  direct_conversions?: number | null;
  direct_revenue?: number | null;
  direct_conversions_without_leaks?: number | null;
  direct_revenue_without_leaks?: number | null;
}

export interface LiftCell {
  conversions: number;
  revenue: number;
}

export interface LiftEstimate {
  status: 'estimated' | 'not_enough_data';
  reason?: string | null;
  method: string;
  holdout: string;
  start: EpochMs;
  end?: EpochMs | null;
  exposed_baseline: LiftCell;
  exposed_campaign: LiftCell;
  held_out_baseline: LiftCell;
  held_out_campaign: LiftCell;
  unassigned: number;
  lift?: EstimateInterval | null;
  incremental_conversions?: EstimateInterval | null;
  incremental_revenue?: EstimateInterval | null;
  iroas?: EstimateInterval | null;
}

/** GET /api/campaigns/{id}/estimates: made (`as_of` set), or not made yet (`status: not_made_yet`). */
export type EstimatesView =
  | {
      label: 'estimate';
      as_of: EpochMs;
      updated_at?: EpochMs | null;
      halo: HaloEstimate;
      roi?: number | null;
      roi_with_halo?: EstimateInterval | null;
      creator_roi?: Record<string, { roi?: number | null; roi_with_halo?: EstimateInterval | null }>;
      code_leaks: CodeLeakFigures[];
      incrementality?: LiftEstimate | null;
    }
  | { label: 'estimate'; status: 'not_made_yet'; reason: string; campaign_id: string };

/** Where a commission statement stands with the people who review it; an approved one is final. */
export type StatementState = 'draft' | 'approved' | 'rejected';

/** A rule's kind in a statement; `correction` carries changes to approved earlier periods since their approval. */
export type StatementLineKind = 'flat' | 'percent' | 'tiers' | 'bounty' | 'correction';

/** One rule's figures in a statement: accrued = held + payable. */
export interface StatementLine {
  kind: StatementLineKind;
  /** What the figure stands on, in words ("10% of credited revenue"). */
  basis: string;
  accrued: number;
  held: number;
  payable: number;
}

/** One decision on a statement, as in a statement's row and in the audit trail. */
export interface StatementDecision {
  statement_id: string;
  creator_id: string;
  /** The period's first day, yyyy-MM-dd (UTC). */
  period: string;
  action: 'approve' | 'reject';
  from: StatementState;
  to: StatementState;
  /** Who decided: the approver key's holder. */
  by: string;
  /** When (wall clock). */
  at: EpochMs;
  reason: string | null;
  /** The first 12 hex digits of the deciding key's hash. */
  key_id: string | null;
  /** What was payable when decided, corrections included. */
  payable: number;
}

/** A creator's commission statement for one period: a draft for people to review; nothing is ever paid from it. */
export interface StatementRow {
  /** "anna|2026-03-02": the creator and the period's first day. */
  statement_id: string;
  creator_id: string;
  /** The period's first day, yyyy-MM-dd (UTC). */
  period: string;
  period_start: EpochMs;
  /** Exclusive. */
  period_end: EpochMs;
  /** The event time the figures hold at. */
  as_of: EpochMs;
  state: StatementState;
  accrued: number;
  held: number;
  payable: number;
  lines: StatementLine[];
  /** The latest decision; null for a draft. */
  decision: StatementDecision | null;
}

/** GET /api/campaigns/{id}/statements. */
export interface StatementsView {
  campaign_id: string;
  currency: string;
  /** The event time the figures hold at; null before the stream made any. */
  as_of: EpochMs | null;
  /** When (wall clock) the stream made them. */
  updated_at: EpochMs | null;
  /** Whether the key presented is an approver key. */
  can_approve: boolean;
  creators_with_plans: string[];
  statements: StatementRow[];
}

/** GET /api/campaigns/{id}/statements/audit: every decision, oldest first. */
export interface StatementsAudit {
  campaign_id: string;
  entries: StatementDecision[];
}

/** GET /api/me: who holds the key presented. */
export interface Me {
  /** The key's holder as the key file names them; null when it names nobody. */
  name: string | null;
  role: 'viewer' | 'approver';
  /** The creator a creator's key belongs to; null for a key that reads whole campaigns (a manager's). */
  creator: string | null;
  can_approve: boolean;
}

/**
 * A creator's own figures to date, or one of their posts' (with `content_id` and `platform`): engagements are the
 * authentic ones the campaign counts; conversions and revenue are credited under the campaign's reporting model.
 */
export interface CreatorOwnFigures {
  content_id: string | null;
  platform: string | null;
  impressions: number;
  reach: number;
  engagements: number;
  engagement_rate: number | null;
  clicks: number;
  ctr: number | null;
  /** Null for a post whose content id more than one post shares. */
  conversions: number | null;
  revenue: number | null;
  updated_at: EpochMs | null;
}

/** One UTC day of a creator (reach is not kept per day). */
export interface CreatorDay {
  start: EpochMs;
  /** Exclusive. */
  end: EpochMs;
  impressions: number;
  engagements: number;
  clicks: number;
  /** Orders any model credits to the creator, each once, on the order's day (not the headline's credited conversions). */
  orders: number;
}

/** One of a creator's commission statements as they see it: a manager's row without the ids and who decided (read-only). */
export type CreatorStatement = Omit<StatementRow, 'statement_id' | 'creator_id' | 'decision'>;

/**
 * GET /api/campaigns/{id}/creators/{creator}/view: what a creator sees of one campaign, their own figures, posts, days
 * and statements, and nothing of any other creator (docs/design.md, "Creator keys").
 */
export interface CreatorView {
  campaign_id: string;
  campaign_name: string;
  currency: string;
  creator_id: string;
  name: string;
  /** The campaign's reporting model, which conversions and revenue are credited under. */
  model: string;
  /** Whether the creator has a commission plan in this campaign (absent from an older server). */
  has_commission_plan?: boolean;
  /** When (wall clock) the server made the answer. */
  generated_at: EpochMs;
  /** The campaign's newest event time; null before any event. */
  as_of: EpochMs | null;
  figures: CreatorOwnFigures;
  posts: CreatorOwnFigures[];
  /** UTC days, oldest first, at most 92. */
  days: CreatorDay[];
  statements: CreatorStatement[];
}

/** One creator's projection to the horizon's end (docs/design.md, "Forecasts"); every projected figure has its 90 % interval. */
export interface CreatorForecast {
  creator_id: string;
  /** The proposed spend on top of what the creator is paid already. */
  extra_spend: number;
  /** Impressions the rest of the period would bring, relative to the pace (1 without extra spend). */
  impression_multiplier: number;
  /** The audience size fitted to impressions and reach; null when no repeat showing was measured. */
  audience: number | null;
  response: EstimateInterval;
  hours_measured: number;
  orders: number;
  dispersion: number;
  conversions_to_date: number;
  revenue_to_date: number;
  additional_conversions: EstimateInterval;
  /** Null when no order value is known yet (no sale in the campaign). */
  additional_revenue: EstimateInterval | null;
  conversions: EstimateInterval;
  revenue: EstimateInterval | null;
  /** The extra spend and the commission on the revenue still to come (its estimate). */
  additional_cost: number;
  /** How the projection was fitted, in words. */
  fit: string;
}

/** GET or POST /api/campaigns/{id}/forecast: the campaign projected to `until` under a proposed allocation. */
export interface ForecastView {
  campaign_id: string;
  model: string;
  currency: string;
  /** 'campaign': from its own pace so far; 'history': before a day of figures, from its creators' earlier campaigns of the brand. */
  basis: 'campaign' | 'history';
  /** The earlier campaigns a 'history' projection stands on. */
  earlier_campaigns: string[];
  /** Creators a 'history' projection could not project (no earlier campaign): not in the sums. */
  not_projected: string[];
  /** Where the projection starts: the campaign's newest event ('history': the campaign's start). */
  as_of: EpochMs;
  until: EpochMs;
  hours_left: number;
  /** The goal's budget less the cost to date; null when the goal names no budget. */
  budget_remaining: number | null;
  allocated: number;
  creators: CreatorForecast[];
  additional_conversions: EstimateInterval;
  additional_revenue: EstimateInterval | null;
  conversions: EstimateInterval;
  revenue: EstimateInterval | null;
  method: string;
}

/** What the forecast panel asks: extra spend by creator (none: at the pace) and the horizon's end (null: the goal's end). */
export interface ForecastRequest {
  allocation: Record<string, number>;
  until: EpochMs | null;
}

/** The figures a roster suggestion rests on, pooled over the creator's campaigns in one currency (docs/design.md, "Roster"). */
export interface RosterEvidence {
  currency: string;
  campaigns: number;
  /** Campaigns of another currency, not converted and not pooled. */
  left_out: string[];
  conversions: EstimateInterval;
  revenue: EstimateInterval | null;
  revenue_total: number;
  cost: number;
  /** (revenue − cost) / cost at the ends of revenue's interval; null without cost or a bound on revenue. */
  roi: EstimateInterval | null;
  cpa: number | null;
  engagements_judged: number;
  authentic_share: EstimateInterval | null;
}

/** One creator's figures in one campaign, credited under that campaign's own reporting model. */
export interface RosterCampaign {
  campaign_id: string;
  campaign_name: string;
  currency: string;
  model: string;
  first_event_ts: EpochMs | null;
  last_event_ts: EpochMs | null;
  fixed_cost: number;
  commission_rate: number;
  conversions: number;
  revenue: number;
  reach: number;
  authentic_engagements: number;
  inauthentic_engagements: number;
  cost: number;
  roi: number | null;
  cpa: number | null;
  authentic_share: number | null;
}

/** What to do with a creator at the next campaign: expand, renew or conclude, how sure, why, and the evidence. */
export interface RosterSuggestion {
  creator_id: string;
  name: string;
  action: 'expand' | 'renew' | 'conclude';
  /** high: holds at 99 %; medium: at 90 %; low: a renewal because nothing clears. */
  confidence: 'high' | 'medium' | 'low';
  reasons: string[];
  evidence: RosterEvidence;
  /** The creator's campaigns, oldest first. */
  history: RosterCampaign[];
}

/** GET /api/brands/{brand}/roster: the brand's creators across the campaigns the key reads. */
export interface RosterView {
  generated_at: EpochMs;
  roster: {
    brand_id: string;
    as_of: EpochMs | null;
    /** The campaigns read: those of the brand this key covers. */
    campaigns: string[];
    creators: RosterSuggestion[];
  };
}

/** Repeat buyers among a scope's acquired customers within one window, their share of those acquired, and their revenue. */
export interface RepeatFigures {
  customers: number;
  rate: number | null;
  revenue: number;
}

/** What a scope's purchases did for the brand's customers, under the page's model (docs/design.md, "Customer value"). */
export interface CustomerValue {
  acquired: number;
  acquired_revenue: number;
  returning: number;
  within30_days: RepeatFigures;
  within90_days: RepeatFigures;
  within180_days: RepeatFigures;
  /** The acquiring purchases' revenue and the acquired customers' repeat revenue within 180 days. */
  cohort_revenue: number;
  /** ROI with each repeat purchase counted for whoever acquired its customer; null without cost. */
  roi_with_customer_value: number | null;
}
