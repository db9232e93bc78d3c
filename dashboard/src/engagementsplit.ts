// How engagement splits by judgement (pure, unit-tested; issue 26, item 7). Every engagement is counted when it
// arrives but judged only when event time passes it, so "all engagements − authentic" holds both the engagements
// judged inauthentic and those still awaiting judgement: that difference can fall while engagement rises. When the
// server sends the count judged inauthentic (`inauthentic_engagements`) the split has three parts; until then the
// last two are one part, named for both, rather than a guess.

import { formatCount, formatPercent } from './format';

export interface SplitPart {
  /** `authentic`, `inauthentic`, `awaiting`, or `not-authentic` (the last two together, when they cannot be told apart). */
  id: 'authentic' | 'inauthentic' | 'awaiting' | 'not-authentic';
  label: string;
  count: number;
}

export interface EngagementCounts {
  total: number;
  authentic: number;
  /** Judged inauthentic; absent while the server does not send it. */
  inauthentic?: number | null | undefined;
}

export function engagementSplit(counts: EngagementCounts): SplitPart[] {
  const authentic = { id: 'authentic', label: 'authentic', count: counts.authentic } as const;
  const rest = Math.max(counts.total - counts.authentic, 0);
  if (typeof counts.inauthentic === 'number' && Number.isFinite(counts.inauthentic)) {
    const inauthentic = Math.min(Math.max(counts.inauthentic, 0), rest);
    return [
      authentic,
      { id: 'inauthentic', label: 'judged inauthentic', count: inauthentic },
      { id: 'awaiting', label: 'awaiting judgement', count: rest - inauthentic },
    ];
  }
  return [authentic, { id: 'not-authentic', label: 'judged inauthentic or awaiting judgement', count: rest }];
}

/** "1,204 judged inauthentic or awaiting judgement (12.50%)" for each part but the authentic one, joined by " · ". */
export function splitText(counts: EngagementCounts): string {
  return engagementSplit(counts)
    .filter((part) => part.id !== 'authentic')
    .map((part) => `${formatCount(part.count)} ${part.label}${counts.total > 0 ? ` (${formatPercent(part.count / counts.total)})` : ''}`)
    .join(' · ');
}
