// The view in the URL hash: `#campaign=spring&window=1h&model=linear` (pure, unit-tested).
// The hash is shareable and survives a reload; the key never goes there.

import { isAttributionModel, type AttributionModel } from './models';
import type { SummaryWindow } from './types';
import { DEFAULT_WINDOW, isSummaryWindow } from './windows';

export interface HashView {
  /** null when the hash names no campaign (the page then opens the first one listed). */
  campaign: string | null;
  /** The default window when the hash names none, or one this page does not know. */
  window: SummaryWindow;
  /**
   * The attribution model chosen in the model switcher; absent when the hash names none or one this
   * page does not know (the page then shows the campaign's reporting model).
   */
  model?: AttributionModel;
}

export function viewFromHash(hash: string): HashView {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const campaign = params.get('campaign');
  const window = params.get('window');
  const model = params.get('model');
  const view: HashView = {
    campaign: campaign === null || campaign === '' ? null : campaign,
    window: isSummaryWindow(window) ? window : DEFAULT_WINDOW,
  };
  if (isAttributionModel(model)) view.model = model;
  return view;
}

/** The hash for a view; `model` is written only when one was chosen. */
export function hashForView(campaign: string, window: SummaryWindow, model?: AttributionModel | null): string {
  const params = new URLSearchParams({ campaign, window });
  if (model) params.set('model', model);
  return `#${params.toString()}`;
}
