// Wire types of the CreatorStream REST API and SignalR hub (DESIGN.md section 8).
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

/** The figures shared by the campaign totals and each creator row. */
export interface Figures {
  impressions: number;
  reach: number;
  engagements: Engagements;
  authentic_engagements: number;
  engagement_rate: number | null;
  clicks: number;
  ctr: number | null;
  emv: number | null;
  /** When one of these figures last changed; null while nothing has arrived. */
  updated_at: EpochMs | null;
}

export interface CreatorFigures extends Figures {
  creator_id: string;
  name: string | null;
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
  totals: Figures;
  creators: CreatorFigures[];
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
  /** Wall-clock time the server raised it. */
  detected_at?: EpochMs | string | null;
  /** Kind-specific figures, e.g. `{scope, observed, expected, std_dev, z_score, ratio}` for spikes. */
  details: unknown;
}

/** The error body of a 4xx/5xx REST response. */
export interface ErrorBody {
  error?: string;
  reason?: string;
}

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';
