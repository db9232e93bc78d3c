// The recommendations panel: the budget shift (or why there is none), flags, rankings, best
// posting windows and best formats. Every item shows the figures it came from.
//
// Test hooks: the panel is data-testid="recommendations" (`data-model` once figures are shown);
// `budget-shift` holds the sentence (`data-state="shift"`, `data-confidence`) or the server's note
// (`data-state="note"`); each flag is a `flag-item` with `data-creator-id` and `data-kind`.

import { el, setText } from './dom';
import { refreshedText } from './freshness';
import { STALE_AFTER_MS } from './kpis';
import { modelPhrase } from './models';
import {
  audienceWindowText,
  describeFlag,
  describeShift,
  formatName,
  salesPerThousand,
  formatsByPlatform,
  platformName,
  RANKINGS,
  rankedText,
  rateOverPosts,
  sharedFigure,
  sharedText,
  sortWindows,
  topRanked,
} from './recformat';
import type { EpochMs, FormatPerformance, Recommendations } from './types';

export interface RecommendationsPanel {
  render(recommendations: Recommendations, currency: string, fetchedAt: EpochMs): void;
  failed(reason: string): void;
  clear(): void;
  tick(now: EpochMs): void;
}

function block(title: string, testId: string, ...children: (Node | null)[]): HTMLElement {
  return el('section', { className: 'rec-block', testId }, el('h3', { className: 'rec-title' }, title), ...children);
}

/** A block listing `items`, one `li` each from `item`, or saying `empty` when there are none. */
function listBlock<T>(
  title: string,
  testId: string,
  items: readonly T[],
  empty: string,
  item: (entry: T) => HTMLElement,
): HTMLElement {
  return block(
    title,
    testId,
    items.length === 0 ? el('p', { className: 'rec-empty' }, empty) : el('ul', { className: 'rec-list' }, ...items.map(item)),
  );
}

export function createRecommendationsPanel(
  panel: HTMLElement,
  modelNote: HTMLElement,
  creatorName: (creatorId: string) => string,
  now: () => EpochMs = Date.now,
): RecommendationsPanel {
  const body = el('div', { className: 'panel-body rec-body' });
  const freshness = el('p', { className: 'freshness', testId: 'recommendations-freshness' }, 'loading…');
  panel.append(body, el('div', { className: 'panel-foot' }, freshness));

  let fetchedAt: EpochMs | null = null;
  let failure: string | null = null;
  /** What the body shows, so an unchanged answer does not rebuild it (an open "reasoning" stays open). */
  let shown = '';

  function shiftBlock(recs: Recommendations, currency: string): HTMLElement {
    const shift = recs.budget_shift;
    if (!shift) {
      const note = recs.budget_shift_note?.trim() || 'the server proposed none';
      return block(
        'Budget',
        'rec-budget',
        el(
          'p',
          { className: 'rec-shift is-note', testId: 'budget-shift', attrs: { 'data-state': 'note' } },
          `No budget shift proposed: ${note}.`,
        ),
      );
    }
    const text = describeShift(shift, creatorName, recs.model, currency);
    return block(
      'Budget',
      'rec-budget',
      el(
        'p',
        {
          className: `rec-shift confidence-${text.confidence}`,
          testId: 'budget-shift',
          attrs: { 'data-state': 'shift', 'data-confidence': text.confidence },
        },
        text.sentence,
      ),
      el(
        'ul',
        { className: 'rec-evidence', attrs: { 'aria-label': 'figures behind the budget shift' } },
        ...text.evidence.map((line) => el('li', {}, line)),
      ),
      shift.rationale
        ? el(
            'details',
            { className: 'rec-rationale' },
            el('summary', {}, 'The server’s reasoning'),
            el('p', {}, shift.rationale),
          )
        : null,
    );
  }

  function flagsBlock(recs: Recommendations, currency: string): HTMLElement {
    const flags = Array.isArray(recs.flags) ? recs.flags : [];
    return listBlock('Flags', 'rec-flags', flags, 'No creator is flagged.', (flag) => {
      const text = describeFlag(flag, creatorName, currency);
      return el(
        'li',
        {
          className: 'rec-flag',
          testId: 'flag-item',
          attrs: { 'data-creator-id': flag.creator_id, 'data-kind': String(flag.kind) },
        },
        el('span', { className: 'rec-flag-label' }, text.label),
        ` ${text.text}`,
        text.message ? el('span', { className: 'rec-figure' }, ` · ${text.message}`) : null,
      );
    });
  }

  function rankingsBlock(recs: Recommendations, currency: string): HTMLElement {
    const ranking = Array.isArray(recs.ranking) ? recs.ranking : [];
    return block(
      'Rankings',
      'rec-rankings',
      el(
        'div',
        { className: 'rec-rankings' },
        ...RANKINGS.map(({ by, title }) => {
          const top = topRanked(ranking, by);
          const shared = sharedFigure(ranking, by);
          return el(
            'div',
            { className: 'rec-ranking', attrs: { 'data-by': by } },
            el('h4', {}, title),
            top.length === 0
              ? el('p', { className: 'rec-empty' }, 'not measured yet')
              : shared !== null
                ? el('p', { className: 'rec-empty' }, `No order yet: ${sharedText(shared, by, currency)}.`)
                : el(
                  'ol',
                  {},
                  ...top.map((entry) =>
                    el(
                      'li',
                      { attrs: { 'data-creator-id': entry.creatorId } },
                      el('span', { className: 'rec-name' }, creatorName(entry.creatorId)),
                      el('span', { className: 'rec-figure' }, rankedText(entry, by, currency)),
                    ),
                  ),
                ),
          );
        }),
      ),
    );
  }

  function windowsBlock(recs: Recommendations): HTMLElement {
    const windows = sortWindows(Array.isArray(recs.posting_windows) ? recs.posting_windows : [], creatorName);
    return listBlock('Best posting window per creator', 'rec-posting-windows', windows, 'No posts measured yet.', (w) =>
      el(
        'li',
        { attrs: { 'data-creator-id': w.creator_id } },
        el('span', { className: 'rec-name' }, creatorName(w.creator_id)),
        ` ${w.label}`,
        el('span', { className: 'rec-figure' }, ` · ${rateOverPosts(w.engagement_rate, w.posts)}`),
      ),
    );
  }

  function formatsBlock(recs: Recommendations): HTMLElement {
    const platforms = formatsByPlatform(Array.isArray(recs.content_formats) ? recs.content_formats : []);
    return listBlock('Best format per platform', 'rec-formats', platforms, 'No formats measured yet.', (p) =>
      el(
        'li',
        { attrs: { 'data-platform': p.platform } },
        el('span', { className: 'rec-name' }, platformName(p.platform)),
        p.best ? ` ${formatName(p.best.content_format)}` : ' no format measured',
        p.best ? el('span', { className: 'rec-figure' }, ` · ${bestFigures(p.best)}`) : null,
        p.others.length === 0 ? null : el('span', { className: 'rec-others' }, othersText(p.others)),
      ),
    );
  }

  function suggestionsBlock(recs: Recommendations): HTMLElement {
    const suggestions = Array.isArray(recs.suggestions) ? recs.suggestions : [];
    return listBlock(
      'Briefs from what sold',
      'rec-suggestions',
      suggestions,
      'No format sells better than another beyond chance yet.',
      (s) =>
        el('li', { testId: 'suggestion-item', attrs: { 'data-creator-id': s.creator_id, 'data-kind': s.kind } }, s.message),
    );
  }

  /** Each segment's best-selling format (a creator's audience, or a country's), as the server ranks them. */
  function bestFormatsBlock(
    recs: Recommendations,
    currency: string,
    segment: 'creator' | 'country',
    title: string,
    className: string,
    empty: string,
  ): HTMLElement {
    const best = (Array.isArray(recs.format_outcomes) ? recs.format_outcomes : []).filter((o) => o.best && o.segment === segment);
    const [testId, idAttr, name] =
      segment === 'creator'
        ? ['sales-format-item', 'data-creator-id', creatorName]
        : ['country-format-item', 'data-country', (id: string) => id];
    return listBlock(title, className, best, empty, (o) =>
      el(
        'li',
        { testId, attrs: { [idAttr]: o.segment_id, 'data-format': o.content_format } },
        el('span', { className: 'rec-name' }, name(o.segment_id)),
        ` ${formatName(o.content_format)}`,
        el('span', { className: 'rec-figure' }, ` · ${salesPerThousand(o, currency)}`),
      ),
    );
  }

  function audienceBlock(recs: Recommendations): HTMLElement {
    const windows = Array.isArray(recs.audience_windows) ? recs.audience_windows : [];
    return listBlock(
      'When each audience responds',
      'rec-audience-windows',
      windows,
      'No hour of the week has 1,000 impressions in 2 weeks yet.',
      (w) =>
        el(
          'li',
          { testId: 'audience-window-item', attrs: { 'data-creator-id': w.creator_id, 'data-hour': String(w.hour_of_week) } },
          el('span', { className: 'rec-name' }, creatorName(w.creator_id)),
          ` ${w.label}`,
          el('span', { className: 'rec-figure' }, ` · ${audienceWindowText(w)}`),
        ),
    );
  }

  function bestFigures(format: FormatPerformance): string {
    return rateOverPosts(format.engagement_rate, format.posts);
  }

  function othersText(others: readonly FormatPerformance[]): string {
    return `vs ${others.map((o) => `${formatName(o.content_format)} ${bestFigures(o)}`).join('; ')}`;
  }

  function paintFreshness(at: EpochMs): void {
    setText(freshness, refreshedText(fetchedAt, at, failure));
    freshness.classList.toggle('is-stale', failure !== null || (fetchedAt !== null && at - fetchedAt > STALE_AFTER_MS));
  }

  const api: RecommendationsPanel = {
    render(recs, currency, at) {
      fetchedAt = at;
      failure = null;
      panel.dataset.model = recs.model;
      setText(modelNote, `from the figures to date · money under ${modelPhrase(recs.model)}`);
      const fingerprint = JSON.stringify([recs, currency]);
      if (fingerprint === shown) {
        paintFreshness(now());
        return;
      }
      shown = fingerprint;
      const reasoningOpen = body.querySelector<HTMLDetailsElement>('.rec-rationale')?.open === true;
      body.replaceChildren(
        shiftBlock(recs, currency),
        flagsBlock(recs, currency),
        rankingsBlock(recs, currency),
        suggestionsBlock(recs),
        bestFormatsBlock(recs, currency, 'creator', 'Best-selling format per creator', 'rec-sales-formats', 'No format has 1,000 impressions yet.'),
        bestFormatsBlock(
          recs,
          currency,
          'country',
          'Best-selling format per audience country',
          'rec-country-formats',
          'No format has 1,000 impressions from one country yet.',
        ),
        audienceBlock(recs),
        windowsBlock(recs),
        formatsBlock(recs),
      );
      const reasoning = body.querySelector<HTMLDetailsElement>('.rec-rationale');
      if (reasoning) reasoning.open = reasoningOpen;
      paintFreshness(now());
    },
    failed(reason) {
      failure = reason;
      paintFreshness(now());
    },
    clear() {
      fetchedAt = null;
      failure = null;
      shown = '';
      delete panel.dataset.model;
      setText(modelNote, '');
      body.replaceChildren(el('p', { className: 'panel-empty' }, 'No recommendations yet.'));
      paintFreshness(now());
    },
    tick(at) {
      paintFreshness(at);
    },
  };
  api.clear();
  return api;
}
