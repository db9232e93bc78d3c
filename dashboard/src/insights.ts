// The REST-backed panels: attribution (with cost vs revenue) and recommendations, both under the
// page's model. They are figures to date that the hub does not carry, so they are fetched: at once
// when the campaign or the model changes, and again when a live update for the campaign arrives, at
// most once every REFRESH_MS (their figures move slowly; each fetch costs the tab a few kilobytes).

import { AuthError, errorReason, getAttribution, getRecommendations } from './api';
import type { AttributionPanel } from './attribution';
import { creatorLabel } from './attributiondata';
import type { CostRevenueChart } from './costrevenue';
import type { AttributionModel } from './models';
import type { RecommendationsPanel } from './recommendations';
import { createThrottle } from './throttle';
import type { EpochMs, GoalProgress } from './types';

/** The shortest time between two refreshes prompted by live updates. */
export const REFRESH_MS = 15_000;

export interface InsightsDeps {
  attribution: AttributionPanel;
  costRevenue: CostRevenueChart;
  recommendations: RecommendationsPanel;
  /** The recommendations' goal (always to date), for the goal bar in rolling windows. */
  goal(goal: GoalProgress | null): void;
  /** The key was refused. */
  refused(reason: string): void;
}

export interface Insights {
  /** A new campaign (or key): empty the panels and load them now. `model` null = the reporting model. */
  show(key: string, campaignId: string, currency: string, model: AttributionModel | null): void;
  /** Another model chosen: reload both now. */
  setModel(model: AttributionModel | null): void;
  /** A live update for this campaign arrived: refresh, throttled. */
  poke(campaignId: string): void;
  /** Nothing to show (no key): drop pending work and late answers. */
  stop(): void;
  /** The creator's name in the latest attribution answer, or null. */
  nameOf(creatorId: string): string | null;
}

export function createInsights(deps: InsightsDeps, now: () => EpochMs = Date.now): Insights {
  let key: string | null = null;
  let campaignId: string | null = null;
  let currency = 'USD';
  let model: AttributionModel | null = null;
  let attributionRequest = 0;
  let recommendationsRequest = 0;
  const names = new Map<string, string>();

  async function loadAttribution(): Promise<void> {
    const k = key;
    const id = campaignId;
    if (k === null || id === null) return;
    const request = ++attributionRequest;
    try {
      const view = await getAttribution(k, id, model);
      if (request !== attributionRequest) return;
      names.clear();
      for (const creator of view.creators ?? []) names.set(creator.creator_id, creatorLabel(creator));
      deps.attribution.render(view, currency, now());
      deps.costRevenue.render(view, currency);
    } catch (error) {
      if (request !== attributionRequest) return;
      if (error instanceof AuthError) deps.refused(error.message);
      else deps.attribution.failed(errorReason(error));
    }
  }

  async function loadRecommendations(): Promise<void> {
    const k = key;
    const id = campaignId;
    if (k === null || id === null) return;
    const request = ++recommendationsRequest;
    try {
      const recs = await getRecommendations(k, id, model);
      if (request !== recommendationsRequest) return;
      deps.recommendations.render(recs, currency, now());
      deps.goal(recs.goal ?? null);
    } catch (error) {
      if (request !== recommendationsRequest) return;
      if (error instanceof AuthError) deps.refused(error.message);
      else deps.recommendations.failed(errorReason(error));
    }
  }

  // Attribution first: the recommendations name creators by id, and its answer carries the names.
  const throttle = createThrottle(REFRESH_MS, async () => {
    await Promise.all([loadAttribution(), loadRecommendations()]);
  }, now);

  return {
    show(nextKey, nextCampaign, nextCurrency, nextModel) {
      throttle.cancel();
      key = nextKey;
      campaignId = nextCampaign;
      currency = nextCurrency;
      model = nextModel;
      names.clear();
      deps.attribution.clear();
      deps.attribution.setModel(nextModel ?? '');
      deps.costRevenue.clear();
      deps.recommendations.clear();
      deps.goal(null);
      throttle.now();
    },
    setModel(nextModel) {
      if (nextModel === model) return;
      model = nextModel;
      if (nextModel !== null) deps.attribution.setModel(nextModel);
      deps.attribution.loading();
      void loadAttribution();
      void loadRecommendations();
    },
    poke(id) {
      if (id === campaignId) throttle.poke();
    },
    stop() {
      throttle.cancel();
      key = null;
      campaignId = null;
      attributionRequest += 1;
      recommendationsRequest += 1;
    },
    nameOf(creatorId) {
      return names.get(creatorId) ?? null;
    },
  };
}
