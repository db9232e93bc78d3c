// The creator view (issue 23, docs/design.md "Creator keys"): what a creator's key shows instead of the campaign
// dashboard. Their own headline figures, posts, days and commission statements (read-only) in one campaign, with a
// picker when the key's creator is in more than one. Everything comes from GET …/creators/{creator}/view, the only
// campaign route such a key may read: no hub, no campaign-wide call (those answer 403). Fetched when a campaign is
// chosen, then again every CREATOR_REFRESH_MS (there is no live feed to prompt it).
//
// Tests find: [data-testid=creator-view], its heading [data-testid=creator-view-heading], [data-testid=creator-view-meta],
// [data-testid=creator-view-model], the picker [data-testid=creator-campaign-select], a refusal
// [data-testid=creator-view-error] (role=alert), no campaign [data-testid=creator-view-empty], the freshness line
// [data-testid=creator-view-freshness], cards [data-testid=creator-kpi-{id}], rows tr[data-testid=creator-post-row]
// [data-content-id=…], tr[data-testid=creator-day-row][data-day=2026-03-02], tr[data-testid=creator-statement-row]
// [data-period=2026-03-02][data-state=…], cells [data-col=…], and the empty notes [data-testid=creator-{posts|days|
// statements}-empty].

import { ApiError, AuthError, getCreatorView } from './api';
import {
  creatorHash,
  creatorStatementRows,
  dayRows,
  DAY_COLUMNS,
  DAYS_NOTE,
  freshnessSpan,
  headingText,
  headlines,
  metaText,
  modelText,
  NO_CAMPAIGN,
  NO_DAYS,
  NO_POSTS,
  NO_PLAN,
  NO_STATEMENTS,
  pickCampaign,
  POST_COLUMNS,
  postRows,
  refusalText,
  statementsSummary,
  STATEMENTS_ABOUT,
  type Column,
} from './creatorviewdata';
import { el, setText } from './dom';
import { NO_DATA } from './format';
import { viewFromHash } from './hash';
import { scrollRegion } from './outcomes';
import { createRestView } from './restview';
import { lineText } from './statementsdata';
import type { Campaign, CreatorView, EpochMs, Me } from './types';

/** How often the view is fetched again: as often as the REST panels of the campaign dashboard at most (statements.ts). */
export const CREATOR_REFRESH_MS = 30_000;

export interface CreatorViewPanel {
  /** Shows the view of `me`'s creator, in the campaign the hash names or else the first of `campaigns`. */
  show(key: string, me: Me & { creator: string }, campaigns: readonly Campaign[]): void;
  stop(): void;
  /** Refreshes the freshness line; called every second. */
  tick(now: EpochMs): void;
}

function headRow(first: string, columns: readonly Column[], numeric: (c: Column) => boolean): HTMLTableSectionElement {
  return el(
    'thead',
    {},
    el(
      'tr',
      {},
      el('th', { attrs: { scope: 'col' } }, first),
      ...columns.map((c) => el('th', { className: numeric(c) ? 'num' : '', attrs: { scope: 'col', 'data-col': c.key } }, c.label)),
    ),
  );
}

function panel(id: string, title: string, note: HTMLElement, ...body: HTMLElement[]): HTMLElement {
  return el(
    'section',
    { className: 'panel', testId: `creator-${id}-panel`, attrs: { 'aria-labelledby': `creator-${id}-heading` } },
    el('div', { className: 'panel-title' }, el('h2', { attrs: { id: `creator-${id}-heading`, tabindex: '-1' } }, title), note),
    el('div', { className: 'panel-body' }, ...body),
  );
}

export function createCreatorView(root: HTMLElement, refused: (reason: string) => void, now: () => EpochMs = Date.now): CreatorViewPanel {
  let key: string | null = null;
  let creatorId: string | null = null;
  /** Whose view it is until the first answer names them: the key's holder, else its creator id. */
  let holder = '';
  let campaigns: readonly Campaign[] = [];
  let timer: ReturnType<typeof setInterval> | undefined;
  /** The server's reason for refusing a campaign's view (403): shown in words, the key kept (401 asks for another). */
  let refusal: { campaignId: string; reason: string } | null = null;
  /** What the page was last painted from, so that the 1 s tick and unchanged refreshes repaint nothing. */
  let painted: string | null = null;

  async function fetchView(k: string, campaignId: string): Promise<CreatorView> {
    try {
      const view = await getCreatorView(k, campaignId, creatorId ?? '');
      if (refusal?.campaignId === campaignId) refusal = null;
      return view;
    } catch (error) {
      if (error instanceof AuthError && error.status === 403) {
        refusal = { campaignId, reason: error.message };
        throw new ApiError(error.message, error.status); // not a refused key: the freshness line says what went wrong
      }
      throw error;
    }
  }

  const rest = createRestView(fetchView, CREATOR_REFRESH_MS, () => paint(), refused, now);

  const heading = el('h1', { testId: 'creator-view-heading', attrs: { id: 'creator-view-heading' } });
  const meta = el('p', { className: 'campaign-meta', testId: 'creator-view-meta' });
  const model = el('p', { className: 'model-cue', testId: 'creator-view-model' });
  const select = el('select', { testId: 'creator-campaign-select' });
  const picker = el('label', { className: 'campaign-picker', attrs: { hidden: '' } }, el('span', { className: 'campaign-picker-label' }, 'Campaign'), select);
  const error = el('p', { className: 'form-error', testId: 'creator-view-error', attrs: { role: 'alert' } });
  const empty = el('p', { className: 'page-message', testId: 'creator-view-empty', attrs: { hidden: '' } }, NO_CAMPAIGN);

  const freshness = el('p', { className: 'section-note', testId: 'creator-view-freshness' });
  const cards = el('div', { className: 'kpi-grid' });
  const figures = el(
    'section',
    { className: 'kpi-section', testId: 'creator-figures', attrs: { 'aria-labelledby': 'creator-figures-heading' } },
    el('div', { className: 'section-head' }, el('h2', { className: 'section-title', attrs: { id: 'creator-figures-heading' } }, 'Your figures to date'), freshness),
    cards,
  );

  const postsNote = el('span', { className: 'panel-note' });
  const postsEmpty = el('p', { className: 'panel-empty', testId: 'creator-posts-empty', attrs: { hidden: '' } }, NO_POSTS);
  const postsTable = el('table', { className: 'data-table', testId: 'creator-posts' });
  const postsRegion = scrollRegion('Your posts', postsTable);

  const daysEmpty = el('p', { className: 'panel-empty', testId: 'creator-days-empty', attrs: { hidden: '' } }, NO_DAYS);
  const daysTable = el('table', { className: 'data-table creator-days', testId: 'creator-days' });
  const daysRegion = scrollRegion('Your days', daysTable);

  const statementsNote = el('span', { className: 'panel-note', testId: 'creator-statements-summary' });
  const statementsEmpty = el('p', { className: 'panel-empty', testId: 'creator-statements-empty', attrs: { hidden: '' } }, NO_STATEMENTS);
  const statementsTable = el('table', { className: 'data-table statements-table', testId: 'creator-statements' });
  const statementsRegion = scrollRegion('Your commission statements', statementsTable);

  const body = el(
    'div',
    { className: 'dashboard' },
    figures,
    panel('posts', 'Your posts', postsNote, postsEmpty, postsRegion),
    panel('days', 'Your days', el('span', { className: 'panel-note' }, DAYS_NOTE), daysEmpty, daysRegion),
    panel(
      'statements',
      'Your commission statements',
      statementsNote,
      statementsEmpty,
      statementsRegion,
      el('p', { className: 'section-note', testId: 'creator-statements-about' }, STATEMENTS_ABOUT),
    ),
  );
  root.replaceChildren(
    el('section', { className: 'page-title' }, heading, meta, model, picker),
    error,
    empty,
    body,
  );

  select.addEventListener('change', () => open(select.value));

  function open(campaignId: string): void {
    const campaign = campaigns.find((c) => c.campaign_id === campaignId);
    if (key === null || campaign === undefined) return;
    select.value = campaignId;
    window.history.replaceState(window.history.state, '', creatorHash(campaignId));
    const title = headingText({ name: holder, creator_id: creatorId ?? '', campaign_name: campaign.name, campaign_id: campaignId });
    setText(heading, title);
    document.title = `${title} \u00b7 CreatorStream`;
    rest.show(key, campaignId);
  }

  function paintCards(view: CreatorView | null): void {
    if (view === null) {
      for (const value of cards.querySelectorAll('.kpi-value')) setText(value, NO_DATA);
      return;
    }
    cards.replaceChildren(
      ...headlines(view).map((h) =>
        el(
          'article',
          { className: 'kpi-card' },
          el('h3', { className: 'kpi-label' }, h.label),
          el('p', { className: 'kpi-value', testId: `creator-kpi-${h.id}` }, h.value),
          el('p', { className: 'kpi-detail' }, h.detail),
        ),
      ),
    );
  }

  function paintPosts(view: CreatorView): void {
    const rows = postRows(view);
    setText(postsNote, `to date \u00b7 most impressions first \u00b7 ${rows.length} post${rows.length === 1 ? '' : 's'}`);
    postsEmpty.hidden = rows.length > 0;
    postsRegion.hidden = rows.length === 0;
    postsTable.replaceChildren(
      el('caption', { className: 'visually-hidden' }, 'Your posts to date, with conversions and revenue credited under the reporting model'),
      headRow('Post', POST_COLUMNS, (c) => c.key !== 'platform'),
      el(
        'tbody',
        {},
        ...rows.map((r) =>
          el(
            'tr',
            { testId: 'creator-post-row', attrs: { 'data-content-id': r.contentId } },
            el('th', { attrs: { scope: 'row' } }, r.contentId || NO_DATA),
            ...POST_COLUMNS.map((c) => el('td', { className: c.key === 'platform' ? '' : 'num', attrs: { 'data-col': c.key } }, r.cells[c.key] ?? NO_DATA)),
          ),
        ),
      ),
    );
  }

  function paintDays(view: CreatorView): void {
    const rows = dayRows(view);
    daysEmpty.hidden = rows.length > 0;
    daysRegion.hidden = rows.length === 0;
    daysTable.replaceChildren(
      el('caption', { className: 'visually-hidden' }, 'Your figures per UTC day, newest first, with a bar for each day\u2019s impressions'),
      headRow('Day (UTC)', [...DAY_COLUMNS, { key: 'bar', label: 'Impressions, relative' }], () => true),
      el(
        'tbody',
        {},
        ...rows.map((r) => {
          const fill = el('span', { className: 'bar-fill bar-revenue' });
          fill.style.width = `${(r.share * 100).toFixed(2)}%`; // through the CSSOM: the page's policy allows no style attribute
          const bar = el('span', { className: 'bar-track', attrs: { role: 'img', 'aria-label': r.barLabel } }, fill);
          return el(
            'tr',
            { testId: 'creator-day-row', attrs: { 'data-day': r.day } },
            el('th', { attrs: { scope: 'row' } }, r.day),
            ...DAY_COLUMNS.map((c) => el('td', { className: 'num', attrs: { 'data-col': c.key } }, r.cells[c.key] ?? NO_DATA)),
            el('td', { className: 'creator-day-bar', attrs: { 'data-col': 'bar' } }, bar),
          );
        }),
      ),
    );
  }

  function paintStatements(view: CreatorView): void {
    const rows = creatorStatementRows(view);
    setText(statementsNote, statementsSummary(view) ?? 'none yet');
    setText(statementsEmpty, view.has_commission_plan === false ? NO_PLAN : NO_STATEMENTS);
    statementsEmpty.hidden = rows.length > 0;
    statementsRegion.hidden = rows.length === 0;
    statementsTable.replaceChildren(
      el('caption', {}, 'Your commission statement per period (UTC days): accrued = held + payable'),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...['Period', 'State', 'Accrued', 'Held', 'Payable', 'Lines'].map((h, i) =>
            el('th', { className: i >= 2 && i <= 4 ? 'num' : '', attrs: { scope: 'col' } }, h),
          ),
        ),
      ),
      el(
        'tbody',
        {},
        ...rows.map((r) =>
          el(
            'tr',
            { testId: 'creator-statement-row', className: `is-${r.state}`, attrs: { 'data-period': r.period, 'data-state': r.state } },
            el('th', { attrs: { scope: 'row', 'data-col': 'period' } }, r.periodText),
            el('td', { attrs: { 'data-col': 'state' } }, el('span', { className: `statement-state is-${r.state}` }, r.stateLabel)),
            el('td', { className: 'num', attrs: { 'data-col': 'accrued' } }, r.accrued),
            el('td', { className: 'num', attrs: { 'data-col': 'held' } }, r.held),
            el('td', { className: 'num', attrs: { 'data-col': 'payable' } }, r.payable),
            el(
              'td',
              { className: 'statement-lines-cell', attrs: { 'data-col': 'lines' } },
              r.lines.length === 0
                ? NO_DATA
                : el(
                    'ul',
                    { className: 'statement-lines' },
                    ...r.lines.map((line) =>
                      el('li', { className: line.correction ? 'is-correction' : '', attrs: { 'data-line-kind': line.kind } }, lineText(line)),
                    ),
                  ),
            ),
          ),
        ),
      ),
    );
  }

  /** While another campaign's view loads: none of the last one's rows stay under its name. */
  function clearTables(): void {
    for (const [table, region, none] of [
      [postsTable, postsRegion, postsEmpty],
      [daysTable, daysRegion, daysEmpty],
      [statementsTable, statementsRegion, statementsEmpty],
    ] as const) {
      table.replaceChildren();
      region.hidden = true;
      none.hidden = true;
    }
    setText(postsNote, '');
    setText(statementsNote, '');
  }

  function paint(): void {
    const view = rest.answer;
    const reason = refusal !== null && refusal.campaignId === rest.campaignId ? refusal.reason : null;
    const signature = `${rest.campaignId}\n${reason}\n${JSON.stringify(view)}`;
    if (signature !== painted) {
      painted = signature;
      setText(error, reason === null ? '' : refusalText(reason));
      body.hidden = reason !== null;
      if (view === null) {
        setText(meta, '');
        setText(model, '');
        paintCards(null);
        clearTables();
      } else {
        setText(heading, headingText(view));
        document.title = `${headingText(view)} \u00b7 CreatorStream`;
        setText(meta, metaText(view));
        setText(model, modelText(view));
        paintCards(view);
        paintPosts(view);
        paintDays(view);
        paintStatements(view);
      }
    }
    paintNote(now());
  }

  function paintNote(at: EpochMs): void {
    setText(freshness, rest.freshness(at, freshnessSpan(rest.answer, at)));
  }

  function stop(): void {
    clearInterval(timer);
    timer = undefined;
    rest.stop();
    key = null;
    root.hidden = true;
    painted = null;
  }

  return {
    show(nextKey, me, list) {
      stop();
      key = nextKey;
      creatorId = me.creator;
      holder = me.name?.trim() || me.creator;
      campaigns = list;
      refusal = null;
      painted = null;
      root.hidden = false;
      select.replaceChildren(...list.map((c) => el('option', { attrs: { value: c.campaign_id } }, c.name || c.campaign_id)));
      picker.hidden = list.length < 2;
      const first = pickCampaign(list, viewFromHash(window.location.hash).campaign);
      empty.hidden = first !== null;
      body.hidden = first === null;
      if (first === null) {
        setText(heading, holder);
        return;
      }
      open(first.campaign_id);
      timer = setInterval(() => {
        if (rest.campaignId !== null) rest.poke(rest.campaignId);
      }, CREATOR_REFRESH_MS);
    },
    stop,
    tick(at) {
      if (rest.campaignId !== null) paintNote(at);
    },
  };
}
