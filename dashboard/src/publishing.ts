// The publishing panel (docs/design.md, "Content"): each creator's deliverables and where they stand, the compliance
// review queue with its actions, and the posts shared fastest. Fetched from GET …/publishing on a campaign change,
// then again on live updates at most once every PUBLISHING_REFRESH_MS; a review is sent at once and the panel reloaded.
//
// Tests find deliverables as [data-testid=deliverable-row][data-deliverable-id=…][data-status=…], flags as
// [data-testid=flag-row][data-flag-id=…][data-state=…] with buttons [data-action=acknowledge|dismiss|reopen], the
// reviewer's name in [data-testid=reviewer-name], a dismissal's reason in [data-testid=review-reason], what went
// wrong with a review in [data-testid=review-error], and posts as [data-testid=velocity-row][data-content-id=…].

import { AuthError, errorReason, getPublishing, postReview } from './api';
import { el, setText } from './dom';
import { formatUtcDateTime, platformLabel } from './format';
import { scrollRegion } from './outcomes';
import { actionsFor, deliverableText, FLAG_LABELS, orderDeliverables, orderQueue, STATUS_LABELS, velocityText } from './publishingdata';
import { createRestView } from './restview';
import type { EpochMs, ReviewedFlag } from './types';

/** The shortest time between two refreshes prompted by live updates. */
export const PUBLISHING_REFRESH_MS = 15_000;

/** Posts listed by share velocity. */
export const VELOCITY_ROWS = 10;

const NAME_STORAGE = 'creatorstream.reviewer';

export interface PublishingPanel {
  show(key: string, campaignId: string): void;
  poke(campaignId: string): void;
  stop(): void;
  tick(now: EpochMs): void;
}

function storedName(): string {
  try {
    return sessionStorage.getItem(NAME_STORAGE) ?? '';
  } catch {
    return '';
  }
}

export function createPublishingPanel(container: HTMLElement, note: HTMLElement, refused: (reason: string) => void, now: () => EpochMs = Date.now): PublishingPanel {
  const rest = createRestView(getPublishing, PUBLISHING_REFRESH_MS, () => paint(), refused, now);

  const summary = el('p', { className: 'section-note', testId: 'publishing-summary' });
  const deliverables = el('table', { className: 'data-table', testId: 'deliverables' });
  const name = el('input', { testId: 'reviewer-name', attrs: { type: 'text', maxlength: '100', autocomplete: 'name', placeholder: 'Your name' } });
  name.value = storedName();
  name.addEventListener('change', () => {
    try {
      sessionStorage.setItem(NAME_STORAGE, name.value.trim());
    } catch {
      // Storage refused (a private window): the name lives as long as the page.
    }
  });
  const reason = el('input', { testId: 'review-reason', attrs: { type: 'text', maxlength: '1000', placeholder: 'Why it needs no action (to dismiss)' } });
  const reviewError = el('p', { className: 'form-error', testId: 'review-error', attrs: { role: 'alert' } });
  const queue = el('ul', { className: 'flag-list', testId: 'flag-queue' });
  const velocity = el('table', { className: 'data-table', testId: 'velocity' });
  container.replaceChildren(
    summary,
    el('h3', {}, 'Deliverables'),
    scrollRegion('Deliverables', deliverables),
    el('h3', {}, 'Compliance review'),
    el(
      'div',
      { className: 'review-form' },
      el('label', {}, el('span', {}, 'Reviewing as'), name),
      el('label', {}, el('span', {}, 'Reason'), reason),
    ),
    reviewError,
    queue,
    el('h3', {}, 'Shared fastest'),
    scrollRegion('Posts by shares per hour', velocity),
  );

  async function review(flag: ReviewedFlag, action: 'acknowledge' | 'dismiss' | 'reopen'): Promise<void> {
    const k = rest.key;
    const id = rest.campaignId;
    if (k === null || id === null) return;
    const by = name.value.trim();
    if (by === '') {
      setText(reviewError, 'Enter your name first: every review records who made it.');
      name.focus();
      return;
    }
    const why = reason.value.trim();
    if (action === 'dismiss' && why === '') {
      setText(reviewError, 'A dismissal needs a reason: say why the flag needs no action.');
      reason.focus();
      return;
    }
    setText(reviewError, '');
    try {
      await postReview(k, id, flag.flag.flag_id, { action, by, from: flag.review.state, ...(why === '' ? {} : { reason: why }) });
      reason.value = '';
    } catch (error) {
      if (error instanceof AuthError) {
        refused(error.message);
        return;
      }
      setText(reviewError, `Not recorded: ${errorReason(error)}`);
    }
    await rest.reload();
  }

  function flagItem(f: ReviewedFlag): HTMLLIElement {
    const state = f.flag.cleared_at != null ? `${f.review.state} · fixed by an edit ${formatUtcDateTime(f.flag.cleared_at)}` : f.review.state;
    const who = f.review.by ? ` · ${f.review.state} by ${f.review.by}${f.review.reason ? ` (${f.review.reason})` : ''}` : '';
    return el(
      'li',
      { className: `flag-item is-${f.review.state}`, testId: 'flag-row', attrs: { 'data-flag-id': f.flag.flag_id, 'data-state': f.review.state, 'data-kind': f.flag.kind } },
      el('strong', {}, FLAG_LABELS[f.flag.kind] ?? f.flag.kind),
      ` · ${f.flag.creator_id} · ${platformLabel(f.flag.platform)} ${f.flag.content_id} · ${formatUtcDateTime(f.flag.raised_at)}`,
      el('p', { className: 'flag-summary' }, f.flag.summary),
      el('p', { className: 'flag-state' }, `${state}${who}`),
      el(
        'div',
        { className: 'flag-actions' },
        ...actionsFor(f.review.state).map((action) => {
          const button = el('button', { attrs: { type: 'button', 'data-action': action } }, action[0]!.toUpperCase() + action.slice(1));
          button.addEventListener('click', () => void review(f, action));
          return button;
        }),
      ),
    );
  }

  function paint(): void {
    const view = rest.answer;
    if (view === null) {
      deliverables.replaceChildren();
      queue.replaceChildren();
      velocity.replaceChildren();
      setText(summary, '');
      paintNote(now());
      return;
    }
    const s = view.summary;
    const standing = Object.values(s.flags_standing).reduce((a, b) => a + b, 0);
    setText(
      summary,
      `${s.posts_reported} posts reported · ${s.deliverables_by_status['late'] ?? 0} deliverables late · ${standing} compliance flags standing`,
    );
    const ordered = orderDeliverables(view.deliverables);
    deliverables.replaceChildren(
      el('thead', {}, el('tr', {}, ...['Creator', 'Deliverable', 'Due', 'Status'].map((h) => el('th', { attrs: { scope: 'col' } }, h)))),
      el(
        'tbody',
        {},
        ...(ordered.length === 0
          ? [el('tr', {}, el('td', { attrs: { colspan: '4' } }, 'No deliverables in the campaign file.'))]
          : ordered.map((d) =>
              el(
                'tr',
                { testId: 'deliverable-row', className: `is-${d.status}`, attrs: { 'data-deliverable-id': d.deliverable_id, 'data-status': d.status } },
                el('th', { attrs: { scope: 'row' } }, d.creator_id),
                el('td', { attrs: { 'data-col': 'what' } }, deliverableText(d, platformLabel)),
                el('td', { attrs: { 'data-col': 'due' } }, formatUtcDateTime(d.due)),
                el('td', { attrs: { 'data-col': 'status' } }, STATUS_LABELS[d.status] ?? d.status),
              ),
            )),
      ),
    );
    const flags = orderQueue(view.compliance_flags);
    queue.replaceChildren(...(flags.length === 0 ? [el('li', { className: 'flag-empty' }, 'No compliance flags.')] : flags.map(flagItem)));
    const fastest = [...view.posts].filter((p) => p.shares.total > 0).sort((a, b) => (b.shares.per_hour ?? 0) - (a.shares.per_hour ?? 0)).slice(0, VELOCITY_ROWS);
    velocity.replaceChildren(
      el('thead', {}, el('tr', {}, ...['Post', 'Shares', 'Per hour', 'Peak hour', 'Hours to peak'].map((h) => el('th', { attrs: { scope: 'col' } }, h)))),
      el(
        'tbody',
        {},
        ...fastest.map((p) =>
          el(
            'tr',
            { testId: 'velocity-row', attrs: { 'data-content-id': p.content_id } },
            el('th', { attrs: { scope: 'row' } }, `${p.creator_id} · ${platformLabel(p.platform)} ${p.content_id}`),
            el('td', { className: 'num', attrs: { 'data-col': 'shares' } }, p.shares.total.toLocaleString('en-US')),
            el('td', { className: 'num', attrs: { 'data-col': 'per-hour' } }, velocityText(p.shares.per_hour)),
            el('td', { className: 'num', attrs: { 'data-col': 'peak' } }, String(p.shares.peak_hour_shares ?? 0)),
            el('td', { className: 'num', attrs: { 'data-col': 'to-peak' } }, p.shares.time_to_peak_hours == null ? '–' : String(p.shares.time_to_peak_hours)),
          ),
        ),
      ),
    );
    paintNote(now());
  }

  function paintNote(at: EpochMs): void {
    setText(note, rest.freshness(at));
  }

  return {
    show(nextKey, nextCampaign) {
      setText(reviewError, '');
      rest.show(nextKey, nextCampaign);
    },
    poke: (id) => rest.poke(id),
    stop: () => rest.stop(),
    tick(at) {
      paintNote(at);
    },
  };
}
