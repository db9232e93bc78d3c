// The authenticity view: engagement at risk, each creator's authenticity score, and the flagged
// accounts with their reasons, for the whole campaign, one creator or one post (an alert's evidence).
// Fetched from GET …/authenticity (to date) at once on a campaign or scope change, then again on live
// updates at most once every AUTHENTICITY_REFRESH_MS.
//
// The panel (data-testid="authenticity-panel") carries `data-scope` ("campaign", or the creator id,
// or "creator/post") once figures for that scope are on show.

import { AuthError, errorReason, getAuthenticity } from './api';
import { type AuthenticityScope, scopeName, scoresByRisk } from './authenticityscores';
import { scrollRegion } from './sorttable';
import { el, setText } from './dom';
import { formatCount, formatPercent, formatUtcDateTime } from './format';
import { refreshedText } from './freshness';
import { splitText } from './engagementsplit';
import { reasonSummary } from './reasons';
import { createThrottle } from './throttle';
import type { AuthenticityView, EpochMs, FlaggedAccount } from './types';

/** Flags and scores move slowly; the panel refreshes on live updates at most this often. */
export const AUTHENTICITY_REFRESH_MS = 15_000;

/** Flagged accounts listed; the server sends the most suspicious first. */
export const MAX_ACCOUNTS = 12;

export interface AuthenticityPanel {
  /** A new campaign: the whole campaign's figures, loaded now. */
  show(key: string, campaignId: string): void;
  /** Narrows to a creator or a post (null, null = the whole campaign) and loads now. */
  scope(scope: AuthenticityScope): void;
  poke(campaignId: string): void;
  stop(): void;
  tick(now: EpochMs): void;
}

export function createAuthenticityPanel(
  panel: HTMLElement,
  note: HTMLElement,
  nameOf: (creatorId: string) => string,
  refused: (reason: string) => void,
  now: () => EpochMs = Date.now,
): AuthenticityPanel {
  let key: string | null = null;
  let campaignId: string | null = null;
  let scope: AuthenticityScope = { creatorId: null, contentId: null };
  let request = 0;
  let fetchedAt: EpochMs | null = null;
  let failure: string | null = null;

  const scopeText = el('span', { className: 'auth-scope-text', testId: 'authenticity-scope' });
  const wholeCampaign = el(
    'button',
    { className: 'link-button', testId: 'authenticity-all', attrs: { type: 'button' } },
    'Show the whole campaign',
  );
  wholeCampaign.addEventListener('click', () => api.scope({ creatorId: null, contentId: null }));

  const figure = (label: string, testId: string) => {
    const value = el('span', { className: 'auth-figure-value', testId });
    const detail = el('span', { className: 'auth-figure-detail' });
    return { value, detail, element: el('div', { className: 'auth-figure' }, el('span', { className: 'auth-figure-label' }, label), value, detail) };
  };
  const engagements = figure('Engagements', 'authenticity-engagements');
  const authentic = figure('Authentic', 'authenticity-authentic');
  const atRisk = figure('Not counted authentic', 'authenticity-at-risk');

  const scores = el('ul', { className: 'score-list', testId: 'authenticity-scores' });
  const accountsBody = el('tbody');
  const accountsEmpty = el('p', { className: 'panel-empty' }, 'No account flagged here.');
  const accountsTable = el(
    'table',
    { className: 'data-table account-table', testId: 'flagged-accounts' },
    el('caption', { className: 'visually-hidden' }, 'Accounts judged bot-like, most suspicious first'),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { className: 'text', attrs: { scope: 'col' } }, 'Account'),
        el('th', { className: 'num', attrs: { scope: 'col' } }, 'Suspicion'),
        el('th', { className: 'num', attrs: { scope: 'col' } }, 'Flagged'),
        el('th', { className: 'text', attrs: { scope: 'col' } }, 'Why'),
        el('th', { className: 'num', attrs: { scope: 'col' } }, 'Last seen'),
      ),
    ),
    accountsBody,
  );

  panel.append(
    el(
      'div',
      { className: 'panel-body' },
      el('p', { className: 'auth-scope' }, scopeText, wholeCampaign),
      el('div', { className: 'auth-figures' }, engagements.element, authentic.element, atRisk.element),
      el(
        'div',
        { className: 'auth-columns' },
        el('div', {}, el('h3', { className: 'sub-title' }, 'Authentic share by creator'), scores),
        el(
          'div',
          {},
          el('h3', { className: 'sub-title' }, 'Flagged accounts'),
          scrollRegion(accountsTable, 'Flagged accounts'),
          accountsEmpty,
        ),
      ),
    ),
  );

  function accountRow(account: FlaggedAccount): HTMLTableRowElement {
    return el(
      'tr',
      { testId: 'flagged-account', attrs: { 'data-account-id': account.account_id } },
      el('th', { className: 'text', attrs: { scope: 'row' } }, account.account_id),
      el('td', { className: 'num' }, formatPercent(account.suspicion)),
      el('td', { className: 'num' }, formatCount(account.engagements_flagged)),
      el('td', { className: 'text' }, reasonSummary(account.reason_counts ?? {})),
      el('td', { className: 'num' }, formatUtcDateTime(account.last_seen_ts)),
    );
  }

  function scoreRow(creatorId: string, name: string, score: number): HTMLLIElement {
    const fill = el('span', { className: 'bar-fill bar-authentic' });
    fill.style.width = `${(Math.min(Math.max(score, 0), 1) * 100).toFixed(2)}%`;
    const button = el('button', { className: 'link-button score-name', attrs: { type: 'button' } }, name);
    button.addEventListener('click', () => api.scope({ creatorId, contentId: null }));
    const li = el(
      'li',
      { className: 'score-row', testId: 'authenticity-score', attrs: { 'data-creator-id': creatorId } },
      button,
      el('span', { className: 'bar-track', attrs: { 'aria-hidden': 'true' } }, fill),
      el('span', { className: 'score-value' }, formatPercent(score)),
    );
    li.classList.toggle('is-chosen', creatorId === scope.creatorId);
    return li;
  }

  function render(view: AuthenticityView): void {
    panel.dataset.scope = scopeName(scope);
    const who = scope.creatorId === null ? 'Whole campaign' : nameOf(scope.creatorId);
    setText(scopeText, scope.contentId === null ? who : `${who} · post ${scope.contentId}`);
    wholeCampaign.hidden = scope.creatorId === null;
    setText(engagements.value, formatCount(view.engagements));
    setText(engagements.detail, 'raw, to date');
    setText(authentic.value, formatCount(view.authentic_engagements));
    setText(authentic.detail, view.engagements > 0 ? `${formatPercent(view.authentic_engagements / view.engagements)} of engagements` : '');
    setText(atRisk.value, formatCount(view.engagement_at_risk));
    setText(
      atRisk.detail,
      view.engagements > 0
        ? splitText({ total: view.engagements, authentic: view.authentic_engagements, inauthentic: view.inauthentic_engagements })
        : '',
    );
    atRisk.element.classList.toggle('is-bad', view.engagement_at_risk > 0);

    const ranked = scoresByRisk(view.authenticity_scores ?? {}, nameOf);
    scores.replaceChildren(...ranked.map((s) => scoreRow(s.creatorId, s.name, s.score)));
    const accounts = (view.flagged_accounts ?? []).slice(0, MAX_ACCOUNTS);
    accountsBody.replaceChildren(...accounts.map(accountRow));
    accountsTable.hidden = accounts.length === 0;
    accountsEmpty.hidden = accounts.length > 0;
  }

  function paintNote(at: EpochMs): void {
    setText(note, refreshedText(fetchedAt, at, failure));
  }

  function clear(): void {
    delete panel.dataset.scope;
    setText(scopeText, '');
    wholeCampaign.hidden = true;
    for (const f of [engagements, authentic, atRisk]) {
      setText(f.value, '—');
      setText(f.detail, '');
    }
    scores.replaceChildren();
    accountsBody.replaceChildren();
    accountsTable.hidden = true;
    accountsEmpty.hidden = false;
    fetchedAt = null;
    failure = null;
    paintNote(now());
  }

  async function load(): Promise<void> {
    const k = key;
    const id = campaignId;
    if (k === null || id === null) return;
    const mine = ++request;
    try {
      const view = await getAuthenticity(k, id, scope);
      if (mine !== request) return;
      fetchedAt = now();
      failure = null;
      render(view);
    } catch (error) {
      if (mine !== request) return;
      if (error instanceof AuthError) {
        refused(error.message);
        return;
      }
      failure = errorReason(error);
    }
    paintNote(now());
  }

  const throttle = createThrottle(AUTHENTICITY_REFRESH_MS, load, now);

  const api: AuthenticityPanel = {
    show(nextKey, nextCampaign) {
      throttle.cancel();
      request += 1;
      key = nextKey;
      campaignId = nextCampaign;
      scope = { creatorId: null, contentId: null };
      clear();
      throttle.now();
    },
    scope(next) {
      throttle.cancel();
      request += 1;
      scope = next;
      delete panel.dataset.scope;
      throttle.now();
    },
    poke(id) {
      if (id === campaignId) throttle.poke();
    },
    stop() {
      throttle.cancel();
      request += 1;
      key = null;
      campaignId = null;
    },
    tick(at) {
      paintNote(at);
    },
  };
  clear();
  return api;
}
