// The attribution models the server computes (docs/design.md, "Attribution") and their names (pure: no DOM).

export const ATTRIBUTION_MODELS = [
  'first_touch',
  'last_touch',
  'linear',
  'time_decay',
  'position_based',
  'data_driven',
  'direct',
] as const;

export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

/** What the page falls back to before the server has named the campaign's reporting model. */
export const DEFAULT_MODEL: AttributionModel = 'last_touch';

const LABELS: Readonly<Record<AttributionModel, string>> = {
  first_touch: 'First touch',
  last_touch: 'Last touch',
  linear: 'Linear',
  time_decay: 'Time decay',
  position_based: 'Position-based',
  data_driven: 'Data-driven',
  direct: 'Direct (codes and links)',
};

export function isAttributionModel(value: unknown): value is AttributionModel {
  return typeof value === 'string' && (ATTRIBUTION_MODELS as readonly string[]).includes(value);
}

/** "time_decay" → "Time decay"; a model this page does not know reads as its words. */
export function modelLabel(model: string): string {
  if (isAttributionModel(model)) return LABELS[model];
  const words = model.replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : model;
}

/** The same name inside a sentence: "under time decay", "under data-driven". */
export function modelPhrase(model: string): string {
  if (model === 'direct') return 'direct (codes and links)';
  return modelLabel(model).toLowerCase();
}
