// The life of a REST-backed panel's figures: fetched for a key and campaign, again on live updates at most once per
// interval (createThrottle), an answer for another campaign or an older request never shown, a refused key handed up,
// and what went wrong kept for the freshness line. The panel only paints.

import { AuthError, errorReason } from './api';
import { refreshedText } from './freshness';
import { createThrottle } from './throttle';
import type { EpochMs } from './types';

export interface RestView<T> {
  /** The latest answer for the shown campaign; null before the first (or after a change of campaign or key). */
  readonly answer: T | null;
  /** The key and campaign shown; null when stopped. */
  readonly key: string | null;
  readonly campaignId: string | null;
  /** Shows `campaignId` with `key`: fetched at once. */
  show(key: string, campaignId: string): void;
  /** A live update of `campaignId`: fetched again, at most once per interval. */
  poke(campaignId: string): void;
  /** Fetches again now (after a change the panel made itself); resolves once done (painted, unless superseded or refused). */
  reload(): Promise<void>;
  stop(): void;
  /** "to date · refreshed 3 s ago", or what went wrong (freshness.ts), with `span` naming what the figures cover. */
  freshness(now: EpochMs, span?: string): string;
}

export function createRestView<T>(
  fetch: (key: string, campaignId: string) => Promise<T>,
  intervalMs: number,
  paint: () => void,
  refused: (reason: string) => void,
  now: () => EpochMs = Date.now,
): RestView<T> {
  let key: string | null = null;
  let campaignId: string | null = null;
  let answer: T | null = null;
  let fetchedAt: EpochMs | null = null;
  let failure: string | null = null;
  let request = 0;

  async function load(): Promise<void> {
    const k = key;
    const id = campaignId;
    if (k === null || id === null) return;
    const mine = ++request;
    try {
      const view = await fetch(k, id);
      if (mine !== request) return;
      answer = view;
      fetchedAt = now();
      failure = null;
    } catch (error) {
      if (mine !== request) return;
      if (error instanceof AuthError) {
        refused(error.message);
        return;
      }
      failure = errorReason(error);
    }
    paint();
  }

  const throttle = createThrottle(intervalMs, load, now);

  return {
    get answer() {
      return answer;
    },
    get key() {
      return key;
    },
    get campaignId() {
      return campaignId;
    },
    show(nextKey, nextCampaign) {
      if (nextCampaign !== campaignId || nextKey !== key) {
        answer = null;
        fetchedAt = null;
      }
      throttle.cancel();
      request += 1;
      key = nextKey;
      campaignId = nextCampaign;
      failure = null;
      paint();
      throttle.now();
    },
    poke(id) {
      if (id === campaignId) throttle.poke();
    },
    reload: load,
    stop() {
      throttle.cancel();
      request += 1;
      key = null;
      campaignId = null;
    },
    freshness(at, span) {
      return refreshedText(fetchedAt, at, failure, span);
    },
  };
}
