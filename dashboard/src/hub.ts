// The live connection: SignalR hub /hubs/campaigns (DESIGN.md section 8).
//
// The hub keeps the client in one campaign group at a time. Group membership belongs to a
// server-side connection id, so after every (re)connect the page joins its campaign again;
// the server answers a Join with a full `snapshot`, then sends throttled `update`s and `alert`s.
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
import type { CampaignAlert, CampaignSnapshot, ConnectionStatus } from './types';

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
  return error instanceof Error && /Status code '40[13]'/.test(error.message);
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

export interface HubHandlers {
  status(status: ConnectionStatus): void;
  /** A full snapshot (after Join) or a throttled update: both carry the whole figure set. */
  snapshot(snapshot: CampaignSnapshot): void;
  alert(alert: CampaignAlert): void;
  /** The key was refused, at connect or at Join; the hub has stopped itself. */
  refused(reason: string): void;
}

const retryPolicy: IRetryPolicy = {
  nextRetryDelayInMilliseconds(context: RetryContext): number | null {
    // A refused key will be refused again: stop, and let onclose report it.
    return isAuthRefusal(context.retryReason) ? null : retryDelay(context.previousRetryCount);
  },
};

export class CampaignHub {
  private readonly connection: HubConnection;
  private wanted: string | null = null;
  private joined: string | null = null;
  private stopped = false;
  private restartAttempt = 0;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  /** Join and Leave run one at a time, in order, each acting on the latest wanted campaign. */
  private membership: Promise<void> = Promise.resolve();

  constructor(
    key: string,
    private readonly handlers: HubHandlers,
  ) {
    this.connection = new HubConnectionBuilder()
      .withUrl(HUB_PATH, { accessTokenFactory: () => key })
      .withAutomaticReconnect(retryPolicy)
      .configureLogging(LogLevel.Warning)
      .build();

    this.connection.on('snapshot', (snapshot: CampaignSnapshot) => handlers.snapshot(snapshot));
    this.connection.on('update', (snapshot: CampaignSnapshot) => handlers.snapshot(snapshot));
    this.connection.on('alert', (alert: CampaignAlert) => handlers.alert(alert));

    this.connection.onreconnecting(() => {
      this.joined = null;
      handlers.status('reconnecting');
    });
    this.connection.onreconnected(() => {
      handlers.status('live');
      this.syncMembership();
    });
    this.connection.onclose((error) => {
      this.joined = null;
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

  /** Moves this client to another campaign's group (Leave the old one, then Join). */
  setCampaign(campaignId: string | null): void {
    this.wanted = campaignId;
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

  private syncMembership(): void {
    this.membership = this.membership.then(() => this.applyMembership());
  }

  private async applyMembership(): Promise<void> {
    const target = this.wanted;
    if (this.stopped || this.connection.state !== HubConnectionState.Connected) return;
    if (this.joined === target) return;
    if (this.joined !== null) {
      const leaving = this.joined;
      this.joined = null;
      try {
        await this.connection.invoke('Leave', leaving);
      } catch {
        // Best effort: a lost connection has left every group already.
      }
    }
    if (target === null) return;
    try {
      await this.connection.invoke('Join', target);
      this.joined = target;
    } catch (error) {
      if (isForbidden(error)) {
        this.refuse(hubErrorReason(error));
      } else if (this.connection.state === HubConnectionState.Connected) {
        // The server failed the call but the connection stands: try again shortly.
        setTimeout(() => this.syncMembership(), JOIN_RETRY_MS);
      }
      // Otherwise the connection dropped mid-call, and onreconnected joins again.
    }
  }
}
