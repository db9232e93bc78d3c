// The conversation panel: what each creator's authentic comments say over the page's window (sentiment, quality,
// brand mentions), most negative first, from the live snapshot (no fetch of its own), with when it last changed.
// Net sentiment by hour is in the long trend's table; a turn for the worse on a post is an alert
// (negative_sentiment_spike). Rows: [data-testid=conversation-row][data-creator=…], cells by [data-col=…].

import { conversationRows, conversationSummary } from './conversationdata';
import { el, setText } from './dom';
import { formatAgo, formatCount, formatPercent, formatSentiment } from './format';
import { scrollRegion } from './outcomes';
import type { CampaignSnapshot, CreatorFigures, EpochMs } from './types';

export interface ConversationPanel {
  render(snapshot: CampaignSnapshot, nameOf: (creator: CreatorFigures) => string): void;
  clear(): void;
  tick(now: EpochMs): void;
}

const HEADINGS = ['Creator', 'Scored', 'Positive', 'Neutral', 'Negative', 'Net sentiment', 'Meaningful', 'Name the brand'];

export function createConversationPanel(body: HTMLElement, note: HTMLElement, now: () => EpochMs = Date.now): ConversationPanel {
  let updatedAt: EpochMs | null = null;
  const summary = el('p', { className: 'panel-summary', testId: 'conversation-summary' });
  const table = el('table', { className: 'data-table', testId: 'conversation-table' });
  // Eight columns do not fit a phone: the table scrolls in a box of its own, by keyboard too.
  body.replaceChildren(summary, scrollRegion('Comments by creator', table));

  function paintNote(at: EpochMs): void {
    setText(note, updatedAt === null ? '' : `figures updated ${formatAgo(updatedAt, at)}`);
  }

  return {
    render(snapshot, nameOf) {
      updatedAt = snapshot.totals.updated_at ?? null;
      setText(summary, conversationSummary(snapshot.totals) ?? 'This server sends no comment figures.');
      const rows = conversationRows(snapshot.creators, nameOf);
      table.replaceChildren(
        el('caption', {}, 'Authentic comments by creator, most negative first'),
        el('thead', {}, el('tr', {}, ...HEADINGS.map((h) => el('th', { attrs: { scope: 'col' } }, h)))),
        el(
          'tbody',
          {},
          ...rows.map((r) =>
            el(
              'tr',
              { testId: 'conversation-row', attrs: { 'data-creator': r.creatorId } },
              el('th', { attrs: { scope: 'row' } }, r.name),
              el('td', { className: 'num', attrs: { 'data-col': 'judged' } }, formatCount(r.judged)),
              el('td', { className: 'num', attrs: { 'data-col': 'positive' } }, formatCount(r.positive)),
              el('td', { className: 'num', attrs: { 'data-col': 'neutral' } }, formatCount(r.neutral)),
              el('td', { className: 'num', attrs: { 'data-col': 'negative' } }, formatCount(r.negative)),
              el('td', { className: 'num', attrs: { 'data-col': 'net_sentiment' } }, formatSentiment(r.netSentiment)),
              el('td', { className: 'num', attrs: { 'data-col': 'meaningful_share' } }, formatPercent(r.meaningfulShare)),
              el('td', { className: 'num', attrs: { 'data-col': 'brand_mentions' } }, formatCount(r.brandMentions)),
            ),
          ),
        ),
      );
      paintNote(now());
    },
    clear() {
      updatedAt = null;
      setText(summary, '');
      table.replaceChildren();
      paintNote(now());
    },
    tick(at) {
      paintNote(at);
    },
  };
}
