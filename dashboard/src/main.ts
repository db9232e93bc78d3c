// Composition: wires the key, the REST calls, the hub and the views together.
// Views only render; this file owns the state (which key, which campaign and window, latest snapshot).

import './styles.css';
import { createAlertList, type EvidenceLink } from './alerts';
import { AuthError, errorReason, getAlerts, getCampaigns, getCreatorsOnPlatform, getMe, getSummary } from './api';
import { createAttributionPanel } from './attribution';
import { createAuthenticityPanel } from './authenticity';
import { createContentPanel } from './content';
import { platformsOf } from './contentdata';
import { createCostRevenueChart } from './costrevenue';
import { createConversationPanel } from './conversation';
import { createEstimatesPanel } from './estimates';
import { createForecastPanel } from './forecast';
import { createRosterPanel } from './roster';
import { createCreatorTable, displayName } from './creators';
import { createCreatorView } from './creatorview';
import { creatorOf } from './creatorviewdata';
import { createExportLinks, type ExportContext } from './exportlinks';
import { afterPaint, byId, el, setText } from './dom';
import { createGoalBar } from './goalbar';
import { hashForView, viewFromHash } from './hash';
import { CampaignHub } from './hub';
import { createInsights } from './insights';
import { createKeyForm } from './keyform';
import { createKpiPanel } from './kpis';
import { createLongTrendPanel } from './longtrend';
import { modelPhrase, type AttributionModel } from './models';
import { createOutcomesPanel } from './outcomes';
import { createPublishingPanel } from './publishing';
import { createPlatformFilter } from './platformfilter';
import { createRecommendationsPanel } from './recommendations';
import { forgetKey, loadKey, saveKey, takeKeyFromUrl } from './session';
import { createStatementsPanel } from './statements';
import { createStatusView } from './status';
import { createThrottle } from './throttle';
import { createTrendPanel } from './trend';
import type {
  Campaign,
  CampaignAlert,
  CampaignSnapshot,
  ConnectionStatus,
  CreatorFigures,
  GoalProgress,
  Me,
  SummaryWindow,
} from './types';
import { createWindowSelect } from './windowselect';
import { DEFAULT_WINDOW, windowHeading } from './windows';

/** Wait before asking for the campaign list again when the server could not answer. */
const CAMPAIGNS_RETRY_MS = 5000;

/** The leaderboard on one platform comes from REST (the hub carries the campaign's rows only): refreshed this often at most. */
const PLATFORM_REFRESH_MS = 10_000;

const select = byId<HTMLSelectElement>('campaign-select');
const picker = byId('campaign-picker');
const dashboard = byId('dashboard');
const message = byId('page-message');
const campaignTitle = byId('campaign-name');
const campaignMeta = byId('campaign-meta');
const kpiHeading = byId('kpi-heading');
const kpiWindowNote = byId('kpi-window-note');
const creatorsWindow = byId('creators-window');
const modelPicker = byId('model-picker');
const modelCue = byId('model-cue');
const kpiSection = byId('kpis').closest<HTMLElement>('section')!;
const creatorsPanel = byId('creators-panel');
const contentPanel = byId('content-panel');
const attributionNote = byId('attribution-note');
const statusPill = byId('connection-status');

const status = createStatusView(statusPill, byId('connection-banner'));
const kpis = createKpiPanel(byId('kpis'));
const goalBar = createGoalBar(byId('goal'));
const creators = createCreatorTable(byId('creators'));
const conversation = createConversationPanel(byId('conversation-body'), byId('conversation-note'));
const creatorPlatform = createPlatformFilter('creator-platform', () => {
  state.platformRows = null;
  paintCreators();
  platformRefresh.cancel();
  platformRefresh.now();
});
const creatorsExport = (): ExportContext | null =>
  state.key === null || state.campaignId === null
    ? null
    : { key: state.key, campaignId: state.campaignId, window: state.window, model: state.model, platform: creatorPlatform.value(), text: '' };
const contentExport = (): ExportContext | null =>
  state.key === null || state.campaignId === null
    ? null
    : { key: state.key, campaignId: state.campaignId, window: state.window, model: state.model, ...content.filters() };
byId('creators-tools').append(
  creatorPlatform.element,
  createExportLinks('creators', creatorsExport, (reason) => askForKey(reason)),
);
const content = createContentPanel(byId('content'), byId('content-note'), byId('content-tools'), (reason) =>
  askForKey(reason),
);
byId('content-tools').append(createExportLinks('content', contentExport, (reason) => askForKey(reason)));
const trend = createTrendPanel(byId('trend'));
const longTrend = createLongTrendPanel(byId('long-trend'), byId('long-trend-body'), byId('long-trend-note'), (reason) => askForKey(reason));
const outcomes = createOutcomesPanel(byId('outcomes-body'), byId('outcomes-note'), (reason) => askForKey(reason));
const publishing = createPublishingPanel(byId('publishing-body'), byId('publishing-note'), (reason) => askForKey(reason));
const estimates = createEstimatesPanel(byId('estimates-body'), byId('estimates-note'), (id) => nameOf(id), (reason) => askForKey(reason));
const forecast = createForecastPanel(byId('forecast-body'), byId('forecast-note'), (id) => nameOf(id), (reason) => askForKey(reason));
const roster = createRosterPanel(byId('roster-body'), byId('roster-note'), (reason) => askForKey(reason));
const statements = createStatementsPanel(byId('statements-body'), byId('statements-note'), (id) => nameOf(id), (reason) => askForKey(reason));
const creatorNames = new Map<string, string>();
const nameOf = (id: string) => creatorNames.get(id) ?? insights.nameOf(id) ?? id;
const attribution = createAttributionPanel(byId('attribution'), byId<HTMLSelectElement>('model-select'), (model) =>
  selectModel(model, 'push'),
);
const recommendations = createRecommendationsPanel(byId('recommendations'), byId('recommendations-note'), nameOf);
const insights = createInsights({
  attribution,
  costRevenue: createCostRevenueChart(byId('cost-revenue'), byId('cost-revenue-note')),
  recommendations,
  goal: (goal) => {
    state.toDateGoal = goal;
    paintGoal();
  },
  refused: (reason) => askForKey(reason),
});
const authenticityPanel = byId('authenticity');
const authenticity = createAuthenticityPanel(authenticityPanel, byId('authenticity-note'), nameOf, (reason) =>
  askForKey(reason),
);
const alerts = createAlertList(
  byId('alerts'),
  nameOf,
  () => state.campaigns.find((c) => c.campaign_id === state.campaignId)?.currency || 'USD',
  evidenceFor,
  byId('alert-announcer'),
);
const windowSelect = createWindowSelect(byId('window-picker'), byId<HTMLSelectElement>('window-select'), (next) => {
  if (state.campaignId !== null) selectView(state.campaignId, next, 'push');
});
// A creator's key sees its own view only (issue 23): no hub, no campaign-wide call, which would be refused anyway.
const creatorView = createCreatorView(byId('creator-view'), (reason) => askForKey(reason));
const keyForm = createKeyForm(
  byId('key-panel'),
  byId<HTMLFormElement>('key-form'),
  byId<HTMLInputElement>('key-input'),
  byId('key-error'),
  (key) => {
    saveKey(key);
    void begin(key);
  },
);

const state = {
  key: null as string | null,
  campaigns: [] as Campaign[],
  campaignId: null as string | null,
  window: DEFAULT_WINDOW as SummaryWindow,
  /** The model chosen in the attribution switcher; null = the campaign's reporting model. */
  model: null as AttributionModel | null,
  snapshot: null as CampaignSnapshot | null,
  /** The goal from the recommendations (always to date): shown while a rolling window is. */
  toDateGoal: null as GoalProgress | null,
  hub: null as CampaignHub | null,
  /** The creator of a creator's key (its own view is shown, nothing campaign-wide); null for a manager's key. */
  creator: null as string | null,
  /** Bumped by every begin() and askForKey(), so a late answer for an old session is dropped. */
  session: 0,
  /** Bumped by every summary request, so only the latest one renders. */
  summaryRequest: 0,
  /** Bumped by every alerts request, likewise. */
  alertsRequest: 0,
  /** The leaderboard on the chosen platform (REST), or null while it loads or no platform is chosen. */
  platformRows: null as CreatorFigures[] | null,
  /** Bumped by every platform request, so only the latest one renders. */
  platformRequest: 0,
};

/** The leaderboard on one platform: fetched when a platform is chosen, then on live updates at most every 10 s. */
const platformRefresh = createThrottle(PLATFORM_REFRESH_MS, async () => {
  const platform = creatorPlatform.value();
  const { key, campaignId } = state;
  if (platform === null || key === null || campaignId === null) return;
  const request = ++state.platformRequest;
  try {
    const rows = await getCreatorsOnPlatform(key, campaignId, state.window, platform);
    if (request !== state.platformRequest || platform !== creatorPlatform.value()) return;
    state.platformRows = rows;
    paintCreators();
  } catch (error) {
    if (request !== state.platformRequest) return;
    if (error instanceof AuthError) askForKey(error.message);
    else console.warn('CreatorStream: creators on a platform could not be loaded', error);
  }
});

function showMessage(text: string | null): void {
  setText(message, text ?? '');
  message.hidden = text === null;
}

function stopHub(): void {
  const hub = state.hub;
  state.hub = null;
  status.setJoined(null, null);
  void hub?.stop();
}

function askForKey(reason?: string): void {
  state.session += 1;
  stopHub();
  forgetKey();
  state.key = null;
  state.campaignId = null;
  state.creator = null;
  state.snapshot = null;
  creatorView.stop();
  insights.stop();
  content.stop();
  longTrend.stop();
  outcomes.stop();
  publishing.stop();
  estimates.stop();
  forecast.stop();
  roster.stop();
  statements.stop();
  authenticity.stop();
  dashboard.hidden = true;
  select.disabled = true;
  picker.hidden = true;
  windowSelect.show(false);
  modelPicker.hidden = true;
  showMessage(null);
  // No key is not a lost connection: the pill goes, rather than turn red.
  status.set('offline');
  statusPill.hidden = true;
  status.showBanner(false);
  keyForm.show(reason);
}

async function begin(key: string): Promise<void> {
  const session = ++state.session;
  stopHub();
  creatorView.stop();
  state.key = key;
  state.campaignId = null;
  state.creator = null;
  keyForm.hide();
  statusPill.hidden = false;
  status.set('connecting');
  showMessage('Loading campaigns…');

  let me: Me;
  let campaigns: Campaign[];
  try {
    [me, campaigns] = await Promise.all([getMe(key), getCampaigns(key)]);
  } catch (error) {
    if (session !== state.session) return;
    if (error instanceof AuthError) {
      askForKey(error.message);
      return;
    }
    const reason = errorReason(error);
    showMessage(`Could not load campaigns (${reason}). Trying again in ${CAMPAIGNS_RETRY_MS / 1000} s…`);
    setTimeout(() => {
      if (session === state.session) void begin(key);
    }, CAMPAIGNS_RETRY_MS);
    return;
  }
  if (session !== state.session) return;

  const creator = creatorOf(me);
  if (creator !== null) {
    // Before anything campaign-wide is set up: the creator view is all this key gets (its refreshes are REST, no pill).
    state.creator = creator;
    showMessage(null);
    statusPill.hidden = true;
    creatorView.show(key, { ...me, creator }, campaigns);
    return;
  }

  state.campaigns = campaigns;
  select.replaceChildren(
    ...campaigns.map((c) => el('option', { attrs: { value: c.campaign_id } }, c.name || c.campaign_id)),
  );
  if (campaigns.length === 0) {
    select.disabled = true;
    showMessage('This key may not see any campaign. Ask for a key that covers yours.');
    return;
  }
  select.disabled = false;
  picker.hidden = false;
  windowSelect.show(true);
  modelPicker.hidden = false;
  showMessage(null);
  dashboard.hidden = false;
  status.showBanner(true);

  const hub = new CampaignHub(key, {
    status: (next: ConnectionStatus) => {
      if (hub === state.hub) status.set(next);
    },
    snapshot: (snapshot) => {
      if (hub !== state.hub) return;
      apply(snapshot);
      // Credit, recommendations, posts and flags move with the campaign's events: refresh them (throttled).
      insights.poke(snapshot.campaign_id);
      content.poke(snapshot.campaign_id);
      longTrend.poke(snapshot.campaign_id);
      outcomes.poke(snapshot.campaign_id);
      publishing.poke(snapshot.campaign_id);
      estimates.poke(snapshot.campaign_id);
      forecast.poke(snapshot.campaign_id);
      roster.poke(snapshot.campaign_id);
      statements.poke(snapshot.campaign_id);
      authenticity.poke(snapshot.campaign_id);
      if (creatorPlatform.value() !== null) platformRefresh.poke();
    },
    alert: (alert) => {
      if (hub === state.hub) onAlert(alert);
    },
    refused: (reason) => {
      if (hub === state.hub) askForKey(reason);
    },
    joined: (view) => {
      if (hub === state.hub) status.setJoined(view?.campaignId ?? null, view?.window ?? null);
    },
  });
  state.hub = hub;
  hub.start();

  const fromHash = viewFromHash(window.location.hash);
  const first = campaigns.find((c) => c.campaign_id === fromHash.campaign) ?? campaigns[0]!;
  state.model = fromHash.model ?? null;
  attribution.setModel(state.model ?? '');
  selectView(first.campaign_id, fromHash.window, 'replace');
}

/**
 * Shows one campaign over one window. A new campaign starts from an empty page; a new window of
 * the same campaign empties only the figures that depend on the window (KPIs, creators): the
 * trend and the alerts are the campaign's, whatever the window.
 */
function selectView(campaignId: string, summaryWindow: SummaryWindow, history: 'replace' | 'push' | 'none'): void {
  if (state.creator !== null) return; // a creator's key: the campaign dashboard's calls would all be refused
  const campaign = state.campaigns.find((c) => c.campaign_id === campaignId);
  if (!campaign) return;
  const campaignChanged = campaignId !== state.campaignId;
  if (!campaignChanged && summaryWindow === state.window) return;

  state.campaignId = campaignId;
  state.window = summaryWindow;
  state.snapshot = null;
  select.value = campaignId;
  windowSelect.set(summaryWindow);
  writeHash(history);

  const heading = windowHeading(summaryWindow);
  setText(kpiHeading, heading);
  delete kpiHeading.dataset.window; // set again when figures for this window arrive
  setText(
    kpiWindowNote,
    summaryWindow === 'campaign' ? 'all events so far' : 'event time, up to the newest event received',
  );
  setText(creatorsWindow, heading.toLowerCase());
  kpis.clear();
  creators.clear();
  conversation.clear();
  state.platformRows = null;
  paintModelCues();
  paintGoal();

  if (campaignChanged) {
    setText(campaignTitle, campaign.name || campaign.campaign_id);
    setText(campaignMeta, `${campaign.brand_id} · ${campaign.currency}`);
    document.title = `${campaign.name || campaign.campaign_id} · CreatorStream`;
    creatorNames.clear();
    creatorPlatform.reset();
    trend.clear();
    alerts.clear();
    void loadAlerts(campaignId);
    // Below the fold: loaded once the first screen is painted, each panel in a task of its own.
    afterPaint(() => {
      if (state.key !== null && state.campaignId === campaignId) insights.show(state.key, campaignId, campaign.currency || 'USD', state.model);
    });
    afterPaint(() => {
      if (state.key !== null && state.campaignId === campaignId) authenticity.show(state.key, campaignId);
    });
    afterPaint(() => {
      if (state.key !== null && state.campaignId === campaignId) longTrend.show(state.key, campaignId, [...creatorNames].map(([id, name]) => ({ id, name })));
    });
    afterPaint(() => {
      if (state.key !== null && state.campaignId === campaignId) outcomes.show(state.key, campaignId, state.model);
    });
    afterPaint(() => {
      if (state.key !== null && state.campaignId === campaignId) publishing.show(state.key, campaignId);
    });
    afterPaint(() => {
      if (state.key !== null && state.campaignId === campaignId) estimates.show(state.key, campaignId, campaign.currency || 'USD');
    });
    afterPaint(() => {
      if (state.key !== null && state.campaignId === campaignId) forecast.show(state.key, campaignId, state.model);
    });
    afterPaint(() => {
      if (state.key !== null && state.campaignId === campaignId) roster.show(state.key, campaignId, campaign.brand_id);
    });
    afterPaint(() => {
      if (state.key !== null && state.campaignId === campaignId) statements.show(state.key, campaignId, campaign.currency || 'USD');
    });
  }
  afterPaint(showContent);
  platformRefresh.cancel();
  platformRefresh.now();

  state.hub?.setView({ campaignId, window: summaryWindow, model: state.model });
  void loadSummary(campaignId, summaryWindow);
}

function writeHash(history: 'replace' | 'push' | 'none'): void {
  if (state.campaignId === null) return;
  const hash = hashForView(state.campaignId, state.window, state.model);
  if (history === 'replace') window.history.replaceState(window.history.state, '', hash);
  else if (history === 'push' && window.location.hash !== hash) window.location.hash = hash;
}

/**
 * Another attribution model for the whole page (null = the reporting model): the KPIs, the leaderboard, the content
 * table, attribution, cost vs revenue, recommendations and the exports all credit under it (issue 26, item 8).
 */
function selectModel(model: AttributionModel | null, history: 'replace' | 'push' | 'none'): void {
  if (model === state.model) return;
  state.model = model;
  writeHash(history);
  insights.setModel(model);
  showContent();
  if (state.key !== null && state.campaignId !== null) outcomes.show(state.key, state.campaignId, model);
  if (state.key !== null && state.campaignId !== null) forecast.show(state.key, state.campaignId, model);
  if (state.campaignId === null) return;
  state.snapshot = null;
  kpis.clear();
  creators.clear();
  conversation.clear();
  paintModelCues();
  state.hub?.setView({ campaignId: state.campaignId, window: state.window, model });
  void loadSummary(state.campaignId, state.window);
}

/** The model every credited figure on the page is under, named once at the top and on each panel (`data-model`). */
function paintModelCues(): void {
  const reporting = state.snapshot?.reporting_model ?? null;
  const model = state.model ?? state.snapshot?.model ?? reporting;
  for (const panel of [kpiSection, creatorsPanel, contentPanel]) {
    if (model === null) delete panel.dataset.model;
    else panel.dataset.model = model;
  }
  if (model === null) {
    setText(modelCue, '');
    return;
  }
  const note = model === reporting || reporting === null ? ' (the campaign’s reporting model)' : ` (the campaign reports under ${modelPhrase(reporting)})`;
  setText(modelCue, `Conversions, revenue, cost and returns on this page are credited under ${modelPhrase(model)}${note}.`);
  setText(attributionNote, `campaign to date · whichever window is chosen · under ${modelPhrase(model)}`);
}

/** The content table for the current campaign, window and model (its sales are credited under the model). */
function showContent(): void {
  if (state.key === null || state.campaignId === null) return;
  content.show({
    key: state.key,
    campaignId: state.campaignId,
    currency: currentCurrency(),
    window: state.window,
    model: state.model,
  });
}

/** The leaderboard: every creator, or each creator on the chosen platform (no credit there: it is per creator). */
function paintCreators(): void {
  const snapshot = state.snapshot;
  if (snapshot === null) {
    creators.clear();
    return;
  }
  const names = snapshot.platform_names ?? (snapshot.platforms ?? []).map((p) => p.platform);
  creatorPlatform.setPlatforms(platformsOf(names.map((platform) => ({ platform }))));
  const platform = creatorPlatform.value();
  const currency = snapshot.currency || currentCurrency();
  if (platform === null) creators.render(snapshot.creators, currency);
  else if (state.platformRows !== null) creators.render(state.platformRows, currency);
}

/** The link from an alert into what backs it: the flagged accounts, the post's figures, or the creator's row. */
function evidenceFor(alert: CampaignAlert): EvidenceLink | null {
  const creatorId = typeof alert.creator_id === 'string' && alert.creator_id !== '' ? alert.creator_id : null;
  const contentId = typeof alert.content_id === 'string' && alert.content_id !== '' ? alert.content_id : null;
  if (creatorId === null) return null;
  switch (alert.kind) {
    case 'inauthentic_engagement':
      return {
        label: 'See the flagged accounts',
        open: () => {
          authenticity.scope({ creatorId, contentId });
          authenticityPanel.scrollIntoView({ block: 'start', behavior: 'smooth' });
          // Focus goes where the page went, so the next Tab continues from the evidence.
          byId('authenticity-heading').focus({ preventScroll: true });
        },
      };
    case 'engagement_spike':
    case 'engagement_drop':
    case 'negative_sentiment_spike':
      return {
        label: contentId === null ? "See the creator's posts" : 'See the post',
        open: () => content.focus(creatorId, contentId),
      };
    case 'cpa_above_benchmark':
      return {
        label: 'See the creator in the leaderboard',
        open: () => {
          creatorPlatform.reset();
          paintCreators();
          creators.reveal(creatorId);
          byId('creators-heading').focus({ preventScroll: true });
        },
      };
    default:
      return null;
  }
}

/**
 * The goal bar: the snapshot's goal in the campaign-to-date view; in a rolling window (whose
 * snapshot carries none) the recommendations' goal, which is always to date.
 */
function paintGoal(): void {
  const currency = state.snapshot?.currency || currentCurrency();
  if (state.window === 'campaign') {
    // A baseline from a named campaign or a benchmarking period is resolved by REST (the live snapshot leaves its target
    // unknown): the recommendations' goal has it.
    const live = state.snapshot?.goal ?? null;
    const resolved = live !== null && live.target === null && state.toDateGoal?.target != null ? state.toDateGoal : live;
    if (state.snapshot) goalBar.render(resolved, currency);
    else goalBar.clear();
  } else if (state.toDateGoal !== null) {
    goalBar.render(state.toDateGoal, currency, 'to date');
  } else {
    goalBar.clear();
  }
}

function currentCurrency(): string {
  return state.campaigns.find((c) => c.campaign_id === state.campaignId)?.currency || 'USD';
}

/** The REST summary paints the page at once; the hub's snapshot and updates take over. */
async function loadSummary(campaignId: string, summaryWindow: SummaryWindow): Promise<void> {
  const key = state.key;
  if (key === null) return;
  const request = ++state.summaryRequest;
  try {
    const snapshot = await getSummary(key, campaignId, summaryWindow, state.model);
    if (request === state.summaryRequest) apply(snapshot);
  } catch (error) {
    if (request !== state.summaryRequest || key !== state.key) return;
    if (error instanceof AuthError) askForKey(error.message);
    // Other failures: the hub's snapshot after Join fills the page instead.
    else console.warn('CreatorStream: summary request failed', error);
  }
}

/** The snapshot carries the latest 20 alerts; the feed shows up to 50, so ask for the rest once. */
async function loadAlerts(campaignId: string): Promise<void> {
  const key = state.key;
  if (key === null) return;
  const request = ++state.alertsRequest;
  try {
    const list = await getAlerts(key, campaignId);
    if (request === state.alertsRequest && campaignId === state.campaignId && Array.isArray(list)) {
      alerts.merge(list);
      paintTrend();
    }
  } catch (error) {
    // Not fatal: the snapshots and the live messages still fill the feed.
    if (request === state.alertsRequest) console.warn('CreatorStream: alerts request failed', error);
  }
}

function apply(snapshot: CampaignSnapshot): void {
  // Late messages for a campaign just left, or for another window, are not this view's.
  if (snapshot.campaign_id !== state.campaignId) return;
  if ((snapshot.window ?? DEFAULT_WINDOW) !== state.window) return;
  if (state.model !== null && snapshot.model !== undefined && snapshot.model !== state.model) return;
  // The REST answer and the hub's snapshot race; never go back to older figures.
  if (state.snapshot && snapshot.generated_at < state.snapshot.generated_at) return;
  state.snapshot = snapshot;

  const campaign = state.campaigns.find((c) => c.campaign_id === snapshot.campaign_id);
  const currency = snapshot.currency || campaign?.currency || 'USD';
  creatorNames.clear();
  for (const creator of snapshot.creators) creatorNames.set(creator.creator_id, displayName(creator));
  longTrend.setCreators(snapshot.creators.map((c) => ({ id: c.creator_id, name: displayName(c) })));
  kpis.render(snapshot.totals, currency, {
    reportingModel: snapshot.model ?? snapshot.reporting_model,
    rolling: state.window !== 'campaign',
  });
  paintModelCues();
  paintCreators();
  conversation.render(snapshot, displayName);
  paintGoal();
  kpiHeading.dataset.window = state.window;
  alerts.setEventTime(eventTimeOf(snapshot));
  if (Array.isArray(snapshot.alerts)) alerts.merge(snapshot.alerts);
  paintTrend();
}

/** The campaign's event time: its watermark, else the end of its newest minute (a store that keeps no watermark). */
function eventTimeOf(snapshot: CampaignSnapshot): number | null {
  if (typeof snapshot.watermark === 'number') return snapshot.watermark;
  const starts = (snapshot.series ?? []).map((point) => point.start).filter((start) => typeof start === 'number');
  return starts.length === 0 ? null : Math.max(...starts) + 60_000;
}

function onAlert(alert: CampaignAlert): void {
  if (alert.campaign_id !== undefined && alert.campaign_id !== state.campaignId) return;
  alerts.add(alert);
  paintTrend();
}

/** The trend of the latest snapshot, with the feed's spikes and inauthentic incidents marked, and event time's progress. */
function paintTrend(): void {
  const series = state.snapshot?.series;
  if (Array.isArray(series)) trend.render(series, alerts.spikeMinutes(), alerts.incidentMinutes(), state.snapshot?.watermark ?? null);
}

select.addEventListener('change', () => selectView(select.value, state.window, 'push'));
window.addEventListener('hashchange', () => {
  if (state.creator !== null) return;
  const view = viewFromHash(window.location.hash);
  const campaignId = view.campaign ?? state.campaignId;
  if (campaignId === null) return;
  if (campaignId !== state.campaignId) state.model = view.model ?? null; // the new campaign loads with it
  else selectModel(view.model ?? null, 'none');
  selectView(campaignId, view.window, 'none');
});
setInterval(() => {
  const now = Date.now();
  kpis.tick(now);
  creators.tick(now);
  conversation.tick(now);
  trend.tick(now);
  alerts.tick(now);
  attribution.tick(now);
  recommendations.tick(now);
  content.tick(now);
  authenticity.tick(now);
  longTrend.tick(now);
  outcomes.tick(now);
  publishing.tick(now);
  estimates.tick(now);
  forecast.tick(now);
  roster.tick(now);
  statements.tick(now);
  creatorView.tick(now);
}, 1000);

const initialKey = takeKeyFromUrl() ?? loadKey();
if (initialKey) {
  saveKey(initialKey);
  void begin(initialKey);
} else {
  askForKey();
}
