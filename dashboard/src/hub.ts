// The live connection: SignalR hub /hubs/campaigns (docs/design.md, "Serving").
//
// The hub keeps the client in one (campaign, window, model) view at a time. Group membership belongs
// to a server-side connection id, so after every (re)connect the page joins its view again; the
// server answers a JoinView with a whole `snapshot` numbered `seq`, then sends throttled `update`s,
// each a patch from `base` to `seq` (patch.ts), and every `alert` of the campaign. An update that
// does not follow the snapshot held (a gap) makes the page join again for a whole snapshot.
// Switching the view is a Leave of the old one, then a JoinView of the new one (in that order: the
// server's Leave also drops the campaign's alert group, which the join then restores).
//
// The key never goes into a URL: before each connection the page trades it (X-Api-Key header) for a
// short-lived signed token, which SignalR sends on negotiate and in the WebSocket URL.
// The connection never gives up: a closed connection is restarted on the same schedule as a
// reconnect, unless the server refused the key (then retrying cannot help).

import {
  HubConnectionBuilder,
  HubConnectionState,
  LogLevel,
  type HubConnection,
  type IRetryPolicy,
  type RetryContext,
} from '@microsoft/signalr';
import { AuthError, getHubToken } from './api';
import { applyPatch } from './patch';
import type { CampaignAlert, CampaignSnapshot, ConnectionStatus, SnapshotUpdate, SummaryWindow } from './types';

export const HUB_PATH = '/hubs/campaigns';

/** Waits before reconnect attempts 1..5; after that, every 10 s for as long as it takes. */
export const RETRY_DELAYS_MS: readonly number[] = [0, 1000, 2000, 5000, 10000];
const STEADY_RETRY_MS = 10000;
/** Retry of a Join that the server failed for a reason other than access. */
const JOIN_RETRY_MS = 5000;

export function retryDelay(attempt: number): number {
  return RETRY_DELAYS_MS[attempt] ?? STEADY_RETRY_MS;
}

/** True when the error says the server refused the key (negotiate answered 401 or 403). */
export function isAuthRefusal(error: unknown): boolean {
  return error instanceof AuthError || (error instanceof Error && /Status code '40[13]'/.test(error.message));
}

/**
 * The reason in a hub method's failure. The server's HubException reaches the client as
 * "An unexpected error occurred invoking 'Join' on the server. HubException: forbidden: …".
 */
export function hubErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const marker = 'HubException: ';
  const at = message.indexOf(marker);
  return at >= 0 ? message.slice(at + marker.length) : message;
}

export function isForbidden(error: unknown): boolean {
  return /^forbidden\b/i.test(hubErrorReason(error));
}

/** The server did not know the window asked for: asking again cannot help. */
export function isBadWindow(error: unknown): boolean {
  return /^bad window\b/i.test(hubErrorReason(error));
}

/** What the page watches: one campaign over one window, credited under one model (null: the reporting model). */
export interface HubView {
  campaignId: string;
  window: SummaryWindow;
  model: string | null;
}

function sameView(a: HubView | null, b: HubView | null): boolean {
  return (
    a === b ||
    (a !== null && b !== null && a.campaignId === b.campaignId && a.window === b.window && a.model === b.model)
  );
}

export interface HubHandlers {
  status(status: ConnectionStatus): void;
  /** A whole snapshot (after a join), or the one held with an update's patch applied. */
  snapshot(snapshot: CampaignSnapshot): void;
  alert(alert: CampaignAlert): void;
  /** The key was refused, at connect or at Join; the hub has stopped itself. */
  refused(reason: string): void;
  /** The view whose live updates arrive now (after a Join), or null (left, or connection lost). */
  joined?(view: HubView | null): void;
}

const retryPolicy: IRetryPolicy = {
  nextRetryDelayInMilliseconds(context: RetryContext): number | null {
    // A refused key will be refused again: stop, and let onclose report it.
    return isAuthRefusal(context.retryReason) ? null : retryDelay(context.previousRetryCount);
  },
};

export class CampaignHub {
  private readonly connection: HubConnection;
  private wanted: HubView | null = null;
  private joined: HubView | null = null;
  private stopped = false;
  private restartAttempt = 0;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  /** Join and Leave run one at a time, in order, each acting on the latest wanted view. */
  private membership: Promise<void> = Promise.resolve();
  /** The snapshot the next patch applies to (null until a join's snapshot arrives). */
  private held: CampaignSnapshot | null = null;

  constructor(
    key: string,
    private readonly handlers: HubHandlers,
  ) {
    this.connection = new HubConnectionBuilder()
      .withUrl(HUB_PATH, { accessTokenFactory: async () => (await getHubToken(key)).token })
      .withAutomaticReconnect(retryPolicy)
      .configureLogging(LogLevel.Warning)
      .build();

    this.connection.on('snapshot', (snapshot: CampaignSnapshot) => {
      this.held = snapshot;
      handlers.snapshot(snapshot);
    });
    this.connection.on('update', (update: SnapshotUpdate) => this.onUpdate(update));
    this.connection.on('alert', (alert: CampaignAlert) => handlers.alert(alert));

    this.connection.onreconnecting(() => {
      this.setJoined(null);
      handlers.status('reconnecting');
    });
    this.connection.onreconnected(() => {
      handlers.status('live');
      this.syncMembership();
    });
    this.connection.onclose((error) => {
      this.setJoined(null);
      if (this.stopped) return;
      if (isAuthRefusal(error)) {
        this.refuse('The server refused this key for live updates.');
        return;
      }
      handlers.status('offline');
      this.scheduleRestart();
    });
  }

  start(): void {
    this.stopped = false;
    this.handlers.status('connecting');
    void this.connect();
  }

  /** Moves this client to another campaign or window (Leave the old view, then Join the new one). */
  setView(view: HubView | null): void {
    this.wanted = view === null ? null : { ...view };
    this.syncMembership();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.connection.stop();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.connection.start();
    } catch (error) {
      if (this.stopped) return;
      if (isAuthRefusal(error)) {
        this.refuse('The server refused this key for live updates.');
        return;
      }
      this.handlers.status('offline');
      this.scheduleRestart();
      return;
    }
    this.restartAttempt = 0;
    this.handlers.status('live');
    this.syncMembership();
  }

  private onUpdate(update: SnapshotUpdate): void {
    const held = this.held;
    if (held === null || held.campaign_id !== update.campaign_id || held.window !== update.window || held.model !== update.model) {
      return; // another view's, or one left: not ours
    }
    if (update.base !== held.seq) {
      // A patch that does not follow what the page holds: ask for a whole snapshot again.
      this.held = null;
      this.setJoined(null);
      this.syncMembership();
      return;
    }
    const next = applyPatch(held, update.patch ?? {});
    next.seq = update.seq;
    next.generated_at = update.generated_at;
    this.held = next;
    this.handlers.snapshot(next);
  }

  private scheduleRestart(): void {
    clearTimeout(this.restartTimer);
    // Attempt 0 would be an immediate retry; a failed start already was one, so begin at 1 s.
    this.restartAttempt += 1;
    this.restartTimer = setTimeout(() => void this.connect(), retryDelay(this.restartAttempt));
  }

  private refuse(reason: string): void {
    void this.stop();
    this.handlers.refused(reason);
  }

  private setJoined(view: HubView | null): void {
    if (sameView(this.joined, view)) return;
    this.joined = view;
    this.handlers.joined?.(view);
  }

  private syncMembership(): void {
    this.membership = this.membership.then(() => this.applyMembership());
  }

  private async applyMembership(): Promise<void> {
    const target = this.wanted;
    if (this.stopped || this.connection.state !== HubConnectionState.Connected) return;
    if (sameView(this.joined, target)) return;
    this.held = null;
    if (this.joined !== null) {
      const leaving = this.joined;
      this.setJoined(null);
      try {
        await this.connection.invoke('Leave', leaving.campaignId, leaving.window);
      } catch {
        // Best effort: a lost connection has left every group already.
      }
    }
    if (target === null) return;
    try {
      await this.connection.invoke('JoinView', target.campaignId, target.window, target.model);
      this.setJoined(target);
    } catch (error) {
      if (isForbidden(error)) {
        this.refuse(hubErrorReason(error));
      } else if (isBadWindow(error)) {
        // A page/server mismatch: the REST summary still shows the figures, without live updates.
        console.error('CreatorStream: the server refused the window', target.window, hubErrorReason(error));
      } else if (this.connection.state === HubConnectionState.Connected) {
        // The server failed the call but the connection stands: try again shortly.
        setTimeout(() => this.syncMembership(), JOIN_RETRY_MS);
      }
      // Otherwise the connection dropped mid-call, and onreconnected joins again.
    }
  }
}
