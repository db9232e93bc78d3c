// The view in the URL hash: `#campaign=spring&window=1h` (pure, unit-tested).
// The hash is shareable and survives a reload; the key never goes there.

import type { SummaryWindow } from './types';
import { DEFAULT_WINDOW, isSummaryWindow } from './windows';

export interface HashView {
  /** null when the hash names no campaign (the page then opens the first one listed). */
  campaign: string | null;
  /** The default window when the hash names none, or one this page does not know. */
  window: SummaryWindow;
}

export function viewFromHash(hash: string): HashView {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const campaign = params.get('campaign');
  const window = params.get('window');
  return {
    campaign: campaign === null || campaign === '' ? null : campaign,
    window: isSummaryWindow(window) ? window : DEFAULT_WINDOW,
  };
}

export function hashForView(campaign: string, window: SummaryWindow): string {
  return `#${new URLSearchParams({ campaign, window }).toString()}`;
}
