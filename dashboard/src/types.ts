// Wire types of the CreatorStream REST API and SignalR hub (DESIGN.md section 8).
// Field names are the server's snake_case; ratios are null when their denominator is 0.

/** Milliseconds since the Unix epoch. */
export type EpochMs = number;

/** Summary windows the server computes; the page shows `campaign` (campaign to date) for now. */
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

export interface CampaignSnapshot {
  campaign_id: string;
  name: string;
  currency: string;
  window: SummaryWindow | string;
  generated_at: EpochMs;
  watermark: EpochMs | null;
  totals: Figures;
  creators: CreatorFigures[];
}

/** An alert pushed by the hub; only the fields the page reads are typed. */
export interface CampaignAlert {
  kind: string;
  campaign_id?: string;
  creator_id: string | null;
  content_id: string | null;
  /** Epoch ms, or an ISO-8601 string: the page accepts either. */
  window_start: EpochMs | string | null;
  window_end: EpochMs | string | null;
  details: unknown;
}

/** The error body of a 4xx/5xx REST response. */
export interface ErrorBody {
  error?: string;
  reason?: string;
}

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';
