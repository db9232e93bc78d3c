// The summary windows the page can show (pure: no DOM).
// Rolling windows are spans of event time ending at the campaign's newest event, not at "now".

import type { SummaryWindow } from './types';

export const DEFAULT_WINDOW: SummaryWindow = 'campaign';

interface WindowInfo {
  id: SummaryWindow;
  /** The selector's option text. */
  option: string;
  /** Headings: "Last 5 minutes", "Campaign to date". */
  heading: string;
}

export const WINDOWS: readonly WindowInfo[] = [
  { id: '5m', option: '5 min', heading: 'Last 5 minutes' },
  { id: '1h', option: '1 hour', heading: 'Last hour' },
  { id: '24h', option: '24 hours', heading: 'Last 24 hours' },
  { id: 'campaign', option: 'Campaign to date', heading: 'Campaign to date' },
];

export function isSummaryWindow(value: unknown): value is SummaryWindow {
  return WINDOWS.some((w) => w.id === value);
}

/** "Last hour"; the id itself for a window this page does not know. */
export function windowHeading(window: string): string {
  return WINDOWS.find((w) => w.id === window)?.heading ?? window;
}
