// The content table: one row per post (format, platform, CTR, saves, shares, attributed sales),
// fetched from GET …/content at once on a campaign, window or model change, then again on live
// updates at most once every CONTENT_REFRESH_MS (each fetch is the whole table: the tab's budget). Filterable by platform and by text; paged, so
// thousands of posts stay cheap to patch.

import { AuthError, errorReason, getContent } from './api';
import {
  CONTENT_COLUMNS,
  CONTENT_PAGE_SIZE,
  type ContentSortKey,
  byPost,
  contentKey,
  DEFAULT_CONTENT_SORT,
  filterContent,
  platformsOf,
} from './contentdata';
import { el, setText } from './dom';
import { refreshedText } from './freshness';
import { createPlatformFilter } from './platformfilter';
import { createSortableTable } from './sorttable';
import { createThrottle } from './throttle';
import type { ContentRow, EpochMs, SummaryWindow } from './types';
import { windowHeading } from './windows';

/** The shortest time between two refreshes prompted by live updates. */
export const CONTENT_REFRESH_MS = 10_000;

export interface ContentView {
  key: string;
  campaignId: string;
  currency: string;
  window: SummaryWindow;
  /** null = the campaign's reporting model. */
  model: string | null;
}

export interface ContentPanel {
  /** A new campaign, window or model: load now (a new campaign also empties the table and its filters). */
  show(view: ContentView): void;
  /** A live update for this campaign arrived: refresh, throttled. */
  poke(campaignId: string): void;
  stop(): void;
  tick(now: EpochMs): void;
  /** Shows one creator's post (an alert's evidence): filters to it and marks its row. */
  focus(creatorId: string, contentId: string | null): void;
  /** The filters on show (an export holds the same rows). */
  filters(): { platform: string | null; text: string };
}

export function createContentPanel(
  container: HTMLElement,
  note: HTMLElement,
  toolbar: HTMLElement,
  refused: (reason: string) => void,
  now: () => EpochMs = Date.now,
): ContentPanel {
  let view: ContentView | null = null;
  let rows: ContentRow[] = [];
  let fetchedAt: EpochMs | null = null;
  let failure: string | null = null;
  let request = 0;
  let pendingReveal: string | null = null;

  const platform = createPlatformFilter('content-platform', () => paint());
  const search = el('input', {
    className: 'table-search',
    testId: 'content-search',
    attrs: { type: 'search', placeholder: 'post or creator', 'aria-label': 'Find a post or creator' },
  });
  search.addEventListener('input', () => paint());
  toolbar.prepend(platform.element, el('label', { className: 'table-filter' }, el('span', {}, 'Find'), search));

  const table = createSortableTable<ContentRow, ContentSortKey>(
    container,
    {
      columns: CONTENT_COLUMNS,
      defaultSort: DEFAULT_CONTENT_SORT,
      rowKey: contentKey,
      updatedAt: (r) => r.updated_at,
      updatedColumn: 'updated_at',
      tieBreak: byPost,
      tableClass: 'data-table content-table',
      tableTestId: 'content-table',
      rowTestId: 'content-row',
      rowData: (r) => ({ contentId: r.content_id, creatorId: r.creator_id, platform: r.platform }),
      caption: 'Posts in this campaign; select a column header to sort',
      emptyText: 'No posts match.',
      pageSize: CONTENT_PAGE_SIZE,
    },
    now,
  );

  function paint(): void {
    platform.setPlatforms(platformsOf(rows));
    table.render(filterContent(rows, { platform: platform.value(), text: search.value }), view?.currency ?? 'USD');
    if (pendingReveal !== null && table.reveal(pendingReveal)) pendingReveal = null;
    paintNote(now());
  }

  function paintNote(at: EpochMs): void {
    const span = view ? windowHeading(view.window).toLowerCase() : '';
    setText(note, refreshedText(fetchedAt, at, failure, span));
  }

  async function load(): Promise<void> {
    const at = view;
    if (at === null) return;
    const mine = ++request;
    try {
      const answer = await getContent(at.key, at.campaignId, at.window, at.model);
      if (mine !== request) return;
      rows = Array.isArray(answer.rows) ? answer.rows : [];
      fetchedAt = now();
      failure = null;
    } catch (error) {
      if (mine !== request) return;
      if (error instanceof AuthError) {
        refused(error.message);
        return;
      }
      failure = errorReason(error);
    }
    paint();
  }

  const throttle = createThrottle(CONTENT_REFRESH_MS, load, now);

  return {
    show(next) {
      const newCampaign = view === null || view.campaignId !== next.campaignId || view.key !== next.key;
      throttle.cancel();
      request += 1;
      view = next;
      rows = [];
      fetchedAt = null;
      failure = null;
      if (newCampaign) {
        platform.reset();
        search.value = '';
      }
      paint();
      throttle.now();
    },
    poke(campaignId) {
      if (view?.campaignId === campaignId) throttle.poke();
    },
    stop() {
      throttle.cancel();
      request += 1;
      view = null;
    },
    tick(at) {
      table.tick(at);
      paintNote(at);
    },
    filters() {
      return { platform: platform.value(), text: search.value };
    },
    focus(creatorId, contentId) {
      platform.reset();
      const match = rows.find((r) => r.creator_id === creatorId && (contentId === null || r.content_id === contentId));
      search.value = contentId ?? creatorId;
      pendingReveal = match ? contentKey(match) : null;
      paint();
      container.scrollIntoView({ block: 'start', behavior: 'smooth' });
      // Focus follows the page to what the link showed (a keyboard or screen reader user is taken there too).
      (container.querySelector<HTMLElement>('tr.is-revealed th') ?? container.closest<HTMLElement>('section'))?.focus({ preventScroll: true });
    },
  };
}
