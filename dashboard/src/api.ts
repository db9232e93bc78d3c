// REST client for /api (docs/design.md, "Serving"). Every call sends the key as `X-Api-Key`.

import type {
  AttributionView,
  AuthenticityView,
  Campaign,
  CampaignAlert,
  CampaignSnapshot,
  ComparisonView,
  ContentView,
  CreatorFigures,
  CreatorView,
  ErrorBody,
  EstimatesView,
  FlagReview,
  ForecastRequest,
  ForecastView,
  Me,
  OutcomesView,
  PublishingView,
  Recommendations,
  RosterView,
  StatementRow,
  StatementsAudit,
  StatementsView,
  SummaryWindow,
  TrendsView,
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

/** What went wrong, in words: an ApiError's reason (the server's, or "could not be reached"), or any error's message. */
export function errorReason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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

async function send(path: string, key: string, accept: string, signal?: AbortSignal, method = 'GET'): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { 'X-Api-Key': key, Accept: accept },
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
  return response;
}

async function getJson<T>(path: string, key: string, signal?: AbortSignal): Promise<T> {
  return (await (await send(path, key, 'application/json', signal)).json()) as T;
}

function campaignPath(campaignId: string, rest: string): string {
  return `/api/campaigns/${encodeURIComponent(campaignId)}/${rest}`;
}

function query(parameters: Record<string, string | null | undefined>): string {
  const pairs = Object.entries(parameters).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return pairs.length === 0 ? '' : `?${new URLSearchParams(pairs).toString()}`;
}

/** The campaigns this key may see. */
export function getCampaigns(key: string, signal?: AbortSignal): Promise<Campaign[]> {
  return getJson<Campaign[]>('/api/campaigns', key, signal);
}

/** Who holds this key: a creator's key (`creator` set) reads only its creator's own view (docs/design.md, "Creator keys"). */
export function getMe(key: string, signal?: AbortSignal): Promise<Me> {
  return getJson<Me>('/api/me', key, signal);
}

/** What `creatorId` sees of a campaign: their own figures, posts, days and statements (a creator's key: its own only). */
export function getCreatorView(key: string, campaignId: string, creatorId: string, signal?: AbortSignal): Promise<CreatorView> {
  return getJson<CreatorView>(campaignPath(campaignId, `creators/${encodeURIComponent(creatorId)}/view`), key, signal);
}

/** A short-lived token for the hub, so that the key itself never goes into the WebSocket URL. */
export async function getHubToken(key: string): Promise<{ token: string; expires_at: number }> {
  return (await (await send('/api/hub-token', key, 'application/json', undefined, 'POST')).json()) as {
    token: string;
    expires_at: number;
  };
}

/** One campaign's figures over a window, credited under `model` (null: the reporting model). */
export function getSummary(
  key: string,
  campaignId: string,
  window: SummaryWindow,
  model: string | null = null,
  signal?: AbortSignal,
): Promise<CampaignSnapshot> {
  return getJson<CampaignSnapshot>(campaignPath(campaignId, `summary${query({ window, model })}`), key, signal);
}

/** Each creator's figures on one platform over a window (no credit: it is per creator). */
export async function getCreatorsOnPlatform(
  key: string,
  campaignId: string,
  window: SummaryWindow,
  platform: string,
  signal?: AbortSignal,
): Promise<CreatorFigures[]> {
  const view = await getJson<{ rows: CreatorFigures[] }>(
    campaignPath(campaignId, `creators${query({ window, platform })}`),
    key,
    signal,
  );
  return Array.isArray(view.rows) ? view.rows : [];
}

/** The campaign's alerts, newest first (the full list; the snapshot carries only the latest 20). */
export function getAlerts(key: string, campaignId: string, signal?: AbortSignal): Promise<CampaignAlert[]> {
  return getJson<CampaignAlert[]>(campaignPath(campaignId, 'alerts'), key, signal);
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
  return getJson<AttributionView>(campaignPath(campaignId, `attribution${query({ model })}`), key, signal);
}

/** Rankings, flags, the budget shift, posting windows and formats, from the figures to date, under `model`. */
export function getRecommendations(
  key: string,
  campaignId: string,
  model: string | null = null,
  signal?: AbortSignal,
): Promise<Recommendations> {
  return getJson<Recommendations>(campaignPath(campaignId, `recommendations${query({ model })}`), key, signal);
}

/** Every post's figures over a window; conversions and revenue under `model` (to date only). */
export function getContent(
  key: string,
  campaignId: string,
  window: SummaryWindow,
  model: string | null,
  signal?: AbortSignal,
): Promise<ContentView> {
  return getJson<ContentView>(campaignPath(campaignId, `content${query({ window, model })}`), key, signal);
}

/** Engagement at risk, authenticity scores and flagged accounts: the campaign's, a creator's or a post's. */
export function getAuthenticity(
  key: string,
  campaignId: string,
  scope: { creatorId: string | null; contentId: string | null },
  signal?: AbortSignal,
): Promise<AuthenticityView> {
  const rest = `authenticity${query({ creator: scope.creatorId, content: scope.contentId })}`;
  return getJson<AuthenticityView>(campaignPath(campaignId, rest), key, signal);
}

export type ExportTable = 'creators' | 'content';
export type ExportFormat = 'csv' | 'arrow';

/** An export as a file: its bytes and the name the server gave it (Content-Disposition). */
export interface ExportFile {
  blob: Blob;
  fileName: string;
}

/** The file name in a Content-Disposition header, or null. */
export function fileNameOf(disposition: string | null): string | null {
  const match = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return match ? match[1]!.trim() : null;
}

/** What an export holds: the table as on screen (its window, model, platform filter and search words). */
export interface ExportOptions {
  table: ExportTable;
  format: ExportFormat;
  window: SummaryWindow;
  model: string | null;
  platform: string | null;
  /** The content table's search words ('' for none). */
  text: string;
}

/** GET …/export: the creator or content table as CSV or as an Arrow IPC stream, holding what the table shows. */
export async function getExport(key: string, campaignId: string, options: ExportOptions, signal?: AbortSignal): Promise<ExportFile> {
  const { table, format, window, model, platform, text } = options;
  const q = text.trim() === '' ? null : text.trim();
  const path = campaignPath(campaignId, `export${query({ table, format, window, model, platform, q })}`);
  const accept = format === 'csv' ? 'text/csv' : 'application/vnd.apache.arrow.stream';
  const response = await send(path, key, accept, signal);
  const fallback = `${campaignId}-${table}-${window}-${model ?? 'reporting'}.${format === 'csv' ? 'csv' : 'arrows'}`;
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('Content-Disposition')) ?? fallback };
}

/** The campaign's and each creator's outcomes to date, and its figures per platform and format, under `model`. */
export function getOutcomes(key: string, campaignId: string, model: string | null, signal?: AbortSignal): Promise<OutcomesView> {
  return getJson<OutcomesView>(campaignPath(campaignId, `outcomes${query({ model })}`), key, signal);
}

/** The long trend of the campaign (or one creator): hourly or daily periods and the rate drops judged on its hours. */
export function getTrends(
  key: string,
  campaignId: string,
  granularity: 'hour' | 'day',
  creatorId: string | null,
  signal?: AbortSignal,
): Promise<TrendsView> {
  return getJson<TrendsView>(campaignPath(campaignId, `trends${query({ granularity, creator: creatorId })}`), key, signal);
}

/** The last `days` complete days against the `days` before them. */
export function getTrendComparison(
  key: string,
  campaignId: string,
  days: number,
  creatorId: string | null,
  signal?: AbortSignal,
): Promise<ComparisonView> {
  return getJson<ComparisonView>(campaignPath(campaignId, `trends/compare${query({ days: String(days), creator: creatorId })}`), key, signal);
}

/** A campaign's posts, deliverables and compliance flags with their reviews. */
export function getPublishing(key: string, campaignId: string, signal?: AbortSignal): Promise<PublishingView> {
  return getJson<PublishingView>(campaignPath(campaignId, 'publishing'), key, signal);
}

/** A campaign's estimates beyond tracked links (halo, code leaks, incrementality), each with its interval. */
export function getEstimates(key: string, campaignId: string, signal?: AbortSignal): Promise<EstimatesView> {
  return getJson<EstimatesView>(campaignPath(campaignId, 'estimates'), key, signal);
}

/**
 * The campaign projected to the request's end under `model` (null: the reporting model): GET at the pace, POST with a
 * proposed allocation (docs/design.md, "Forecasts"). A 409 (too early to project) or 400 (the request must change) is
 * an ApiError with the server's reason.
 */
export function getForecast(key: string, campaignId: string, request: ForecastRequest, model: string | null, signal?: AbortSignal): Promise<ForecastView> {
  if (Object.keys(request.allocation).length === 0) {
    const until = request.until === null ? null : String(request.until);
    return getJson<ForecastView>(campaignPath(campaignId, `forecast${query({ until, model })}`), key, signal);
  }
  const body: Record<string, unknown> = { allocation: request.allocation };
  if (request.until !== null) body.until = request.until;
  if (model !== null) body.model = model;
  return postJson<ForecastView>(campaignPath(campaignId, 'forecast'), key, body);
}

/** The brand's roster across the campaigns this key reads: renew, expand or conclude per creator, with the evidence. */
export function getRoster(key: string, brandId: string, signal?: AbortSignal): Promise<RosterView> {
  return getJson<RosterView>(`/api/brands/${encodeURIComponent(brandId)}/roster`, key, signal);
}

/**
 * POSTs `body` as JSON and reads the JSON answer. A status in `refusedOn` throws AuthError (the key itself is refused:
 * the page asks for another); any other failure an ApiError with the server's reason.
 */
async function postJson<T>(path: string, key: string, body: unknown, refusedOn: readonly number[] = [401, 403]): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'X-Api-Key': key, Accept: 'application/json', 'Content-Type': 'application/json' },
      cache: 'no-store',
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError('The server could not be reached.', 0);
  }
  if (refusedOn.includes(response.status)) throw new AuthError(await reasonOf(response), response.status);
  if (!response.ok) throw new ApiError(await reasonOf(response), response.status);
  return (await response.json()) as T;
}

/**
 * Acknowledges, dismisses (with a reason) or reopens a compliance flag, as `by`, from the state `from` the page showed
 * (409 when someone acted since); the server's reason on a refusal.
 */
export function postReview(
  key: string,
  campaignId: string,
  flagId: string,
  review: { action: 'acknowledge' | 'dismiss' | 'reopen'; by: string; from: string; reason?: string },
): Promise<FlagReview> {
  return postJson<FlagReview>(campaignPath(campaignId, `compliance/${encodeURIComponent(flagId)}`), key, review);
}

/** A campaign's commission statements (drafts for review: nothing is paid), whether this key may decide on them. */
export function getStatements(key: string, campaignId: string, signal?: AbortSignal): Promise<StatementsView> {
  return getJson<StatementsView>(campaignPath(campaignId, 'statements'), key, signal);
}

/** Every decision on the campaign's statements, oldest first. */
export function getStatementsAudit(key: string, campaignId: string, signal?: AbortSignal): Promise<StatementsAudit> {
  return getJson<StatementsAudit>(campaignPath(campaignId, 'statements/audit'), key, signal);
}

/** A decision on a statement as sent: the payable amount the page showed (409 if it changed since) and, to reject, why. */
export interface StatementDecisionRequest {
  action: 'approve' | 'reject';
  payable: number;
  reason?: string;
}

/**
 * Approves or rejects a creator's statement for the period starting `period` (yyyy-MM-dd); the updated row. A 403
 * (a key that may read statements but not decide on them) is an ApiError, not a refused key: the page stays; 401 is.
 */
export function postStatementDecision(
  key: string,
  campaignId: string,
  creatorId: string,
  period: string,
  decision: StatementDecisionRequest,
): Promise<StatementRow> {
  const path = campaignPath(campaignId, `statements/${encodeURIComponent(creatorId)}/${encodeURIComponent(period)}/${decision.action}`);
  const body = decision.reason === undefined ? { payable: decision.payable } : { payable: decision.payable, reason: decision.reason };
  return postJson<StatementRow>(path, key, body, [401]);
}

/** GET …/statements.csv: the statements as a CSV file (fetched with the key in its header, never in a URL). */
export async function getStatementsCsv(key: string, campaignId: string, signal?: AbortSignal): Promise<ExportFile> {
  const response = await send(campaignPath(campaignId, 'statements.csv'), key, 'text/csv', signal);
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('Content-Disposition')) ?? `${campaignId}-statements.csv` };
}
