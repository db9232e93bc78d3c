// REST client for /api (DESIGN.md section 8). Every call sends the key as `X-Api-Key`.

import type {
  AttributionView,
  Campaign,
  CampaignAlert,
  CampaignSnapshot,
  ErrorBody,
  Recommendations,
  SummaryWindow,
} from './types';

/** Any failed call; `status` is 0 when the server was not reached at all. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** 401 or 403: the key is missing, wrong, or may not see this. `message` is the server's reason. */
export class AuthError extends ApiError {
  constructor(message: string, status: number) {
    super(message, status);
    this.name = 'AuthError';
  }
}

async function reasonOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as ErrorBody | null;
    const reason = body?.reason ?? body?.error;
    if (typeof reason === 'string' && reason !== '') return reason;
  } catch {
    // Not JSON (a proxy's error page, say): fall back to the status line.
  }
  return `${response.status} ${response.statusText}`.trim();
}

async function getJson<T>(path: string, key: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { 'X-Api-Key': key, Accept: 'application/json' },
      cache: 'no-store',
      signal: signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('The server could not be reached.', 0);
  }
  if (response.status === 401 || response.status === 403) {
    throw new AuthError(await reasonOf(response), response.status);
  }
  if (!response.ok) throw new ApiError(await reasonOf(response), response.status);
  return (await response.json()) as T;
}

/** The campaigns this key may see. */
export function getCampaigns(key: string, signal?: AbortSignal): Promise<Campaign[]> {
  return getJson<Campaign[]>('/api/campaigns', key, signal);
}

/** One campaign's figures over a window. */
export function getSummary(
  key: string,
  campaignId: string,
  window: SummaryWindow,
  signal?: AbortSignal,
): Promise<CampaignSnapshot> {
  const path = `/api/campaigns/${encodeURIComponent(campaignId)}/summary?window=${encodeURIComponent(window)}`;
  return getJson<CampaignSnapshot>(path, key, signal);
}

/** The campaign's alerts, newest first (the full list; the snapshot carries only the latest 20). */
export function getAlerts(key: string, campaignId: string, signal?: AbortSignal): Promise<CampaignAlert[]> {
  return getJson<CampaignAlert[]>(`/api/campaigns/${encodeURIComponent(campaignId)}/alerts`, key, signal);
}

/**
 * The campaign's attribution to date under one model (all seven side by side in `by_model`);
 * without a model, under the campaign's reporting model.
 */
export function getAttribution(
  key: string,
  campaignId: string,
  model: string | null,
  signal?: AbortSignal,
): Promise<AttributionView> {
  const query = model ? `?model=${encodeURIComponent(model)}` : '';
  return getJson<AttributionView>(`/api/campaigns/${encodeURIComponent(campaignId)}/attribution${query}`, key, signal);
}

/** Rankings, flags, the budget shift, posting windows and formats, from the figures to date. */
export function getRecommendations(key: string, campaignId: string, signal?: AbortSignal): Promise<Recommendations> {
  return getJson<Recommendations>(`/api/campaigns/${encodeURIComponent(campaignId)}/recommendations`, key, signal);
}
