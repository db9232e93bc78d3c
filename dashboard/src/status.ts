// The connection pill in the header and the banner shown whenever the page is not live.

import { setText } from './dom';
import type { ConnectionStatus } from './types';

// The pill's text is exactly the status word (tests read it); the ellipsis of
// "reconnecting…" is drawn by CSS.
const BANNERS: Record<ConnectionStatus, string> = {
  live: '',
  connecting: 'Connecting to live updates…',
  reconnecting: 'Connection lost. Reconnecting… The figures below may be out of date.',
  offline: 'Offline: live updates have stopped. Retrying in the background; the figures below may be out of date.',
};

export interface StatusView {
  set(status: ConnectionStatus): void;
  /**
   * Which group the live updates come from, as `data-joined="campaign:window"` on the pill (empty
   * while none): a hook for tests and for anyone checking what the page listens to.
   */
  setJoined(campaignId: string | null, window: string | null): void;
  /** The banner only makes sense above the dashboard, not above the key form. */
  showBanner(allowed: boolean): void;
}

export function createStatusView(pill: HTMLElement, banner: HTMLElement): StatusView {
  let status: ConnectionStatus = 'connecting';
  let allowed = false;

  function paint(): void {
    setText(pill, status);
    pill.className = `status status-${status}`;
    pill.title = status === 'live' ? 'Receiving live updates' : BANNERS[status];
    setText(banner, BANNERS[status]);
    banner.className = `banner banner-${status}`;
    banner.hidden = !allowed || status === 'live';
  }

  paint();
  return {
    set(next) {
      status = next;
      paint();
    },
    showBanner(next) {
      allowed = next;
      paint();
    },
    setJoined(campaignId, window) {
      pill.dataset.joined = campaignId === null || window === null ? '' : `${campaignId}:${window}`;
    },
  };
}
