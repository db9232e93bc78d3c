// What the comments say, per creator, for the conversation panel (pure, unit-tested): from the snapshot's totals and
// creators, over the page's window (docs/design.md, "Content"). Only authentic comments with text are scored.

import { formatCount, formatPercent, formatSentiment } from './format';
import type { CommentFigures, CreatorFigures, Figures } from './types';

export interface ConversationRow {
  creatorId: string;
  name: string;
  judged: number;
  positive: number;
  neutral: number;
  negative: number;
  netSentiment: number | null;
  meaningfulShare: number | null;
  brandMentions: number;
}

function commentsOf(figures: Figures): CommentFigures | null {
  return figures.comments ?? null;
}

/**
 * One row per creator with a scored comment in the window, the most negative first (ties: more comments first, then
 * the creator's id), so the creator who most needs a look leads.
 */
export function conversationRows(creators: readonly CreatorFigures[], nameOf: (c: CreatorFigures) => string): ConversationRow[] {
  const rows: ConversationRow[] = [];
  for (const creator of creators) {
    const c = commentsOf(creator);
    if (c === null || c.judged === 0) continue;
    rows.push({
      creatorId: creator.creator_id,
      name: nameOf(creator),
      judged: c.judged,
      positive: c.positive,
      neutral: c.neutral,
      negative: c.negative,
      netSentiment: c.net_sentiment,
      meaningfulShare: c.meaningful_share,
      brandMentions: c.brand_mentions,
    });
  }
  return rows.sort(
    (a, b) =>
      (a.netSentiment ?? 0) - (b.netSentiment ?? 0) || b.judged - a.judged || (a.creatorId < b.creatorId ? -1 : a.creatorId > b.creatorId ? 1 : 0),
  );
}

/**
 * "142 comments scored · net sentiment +0.31 · 9.15% negative · 64.08% meaningful · 12 name the brand"; a sentence
 * saying there is nothing yet when no comment was scored, and null when the server sends no comment figures.
 */
export function conversationSummary(totals: Figures): string | null {
  const c = commentsOf(totals);
  if (c === null) return null;
  if (c.judged === 0) return 'No comments with text scored in this window yet.';
  const negativeShare = c.negative / c.judged;
  return [
    `${formatCount(c.judged)} comments scored`,
    `net sentiment ${formatSentiment(c.net_sentiment)}`,
    `${formatPercent(negativeShare)} negative`,
    `${formatPercent(c.meaningful_share)} meaningful`,
    `${formatCount(c.brand_mentions)} name the brand`,
  ].join(' · ');
}
