// The roster panel (docs/design.md, "Roster"): the campaign's brand's creators across every campaign of the brand the
// key reads, each with a suggestion for the next campaign (expand, renew, conclude), how sure it is, why, the pooled
// evidence with 90 % intervals, and their ROI and CPA campaign by campaign, oldest first. Fetched from
// GET /api/brands/{brand}/roster on a campaign change, then again on live updates at most once every ROSTER_REFRESH_MS.
//
// Tests find: [data-testid=roster-scope]; rows [data-testid=roster-row][data-creator=…][data-action=…] with cells by
// [data-col=…]; each creator's campaigns [data-testid=roster-campaign][data-campaign=…] inside their row's details.

import { getRoster } from './api';
import { el, setText } from './dom';
import { formatAgo } from './format';
import { scrollRegion } from './outcomes';
import { createRestView } from './restview';
import { authenticText, campaignLine, campaignsText, cpaText, roiText, rosterScope, suggestionText } from './rosterdata';
import type { EpochMs, RosterView } from './types';

/** The shortest time between two refreshes prompted by live updates (suggestions move slowly). */
export const ROSTER_REFRESH_MS = 60_000;

export interface RosterPanel {
  show(key: string, campaignId: string, brandId: string): void;
  poke(campaignId: string): void;
  stop(): void;
  tick(now: EpochMs): void;
}

const COLUMNS = ['Creator', 'Next campaign', 'Campaigns pooled', 'ROI (est.)', 'CPA', 'Authentic engagement (est.)', 'Why, and campaign by campaign'];

export function createRosterPanel(container: HTMLElement, note: HTMLElement, refused: (reason: string) => void, now: () => EpochMs = Date.now): RosterPanel {
  let brandId = '';
  const view = createRestView<RosterView>((key) => getRoster(key, brandId), ROSTER_REFRESH_MS, () => paint(), refused, now);
  const scope = el('p', { className: 'section-note', testId: 'roster-scope' });
  const table = el('table', { className: 'data-table', testId: 'roster-creators' });
  container.replaceChildren(scope, scrollRegion('Roster suggestions by creator', table));

  function cell(col: string, text: string): HTMLTableCellElement {
    return el('td', { className: 'num', attrs: { 'data-col': col } }, text);
  }

  function paint(): void {
    const answer = view.answer;
    if (answer === null) {
      setText(scope, '');
      table.replaceChildren();
      paintNote(now());
      return;
    }
    setText(scope, rosterScope(answer));
    // The table is rebuilt on each refresh: the creators whose campaigns someone opened stay open.
    const open = new Set([...table.querySelectorAll<HTMLDetailsElement>('details[open]')].map((d) => d.closest('tr')?.dataset.creator));
    table.replaceChildren(
      el('caption', {}, 'What to do with each creator at the next campaign, and the evidence'),
      el('thead', {}, el('tr', {}, ...COLUMNS.map((h) => el('th', { attrs: { scope: 'col' } }, h)))),
      el(
        'tbody',
        {},
        ...answer.roster.creators.map((s) =>
          el(
            'tr',
            { testId: 'roster-row', className: `is-${s.action}`, attrs: { 'data-creator': s.creator_id, 'data-action': s.action } },
            el('th', { attrs: { scope: 'row' } }, s.name || s.creator_id),
            el('td', { attrs: { 'data-col': 'suggestion' } }, el('span', { className: `roster-badge is-${s.action}` }, suggestionText(s))),
            cell('campaigns', campaignsText(s)),
            cell('roi', roiText(s)),
            cell('cpa', cpaText(s)),
            cell('authentic_share', authenticText(s)),
            el(
              'td',
              { attrs: { 'data-col': 'reasons' } },
              el(
                'details',
                open.has(s.creator_id) ? { attrs: { open: '' } } : {},
                el('summary', {}, s.reasons.join(' ')),
                el('ol', { className: 'roster-history' }, ...s.history.map((c) => el('li', { testId: 'roster-campaign', attrs: { 'data-campaign': c.campaign_id } }, campaignLine(c)))),
              ),
            ),
          ),
        ),
      ),
    );
    paintNote(now());
  }

  function paintNote(at: EpochMs): void {
    const answer = view.answer;
    setText(note, view.freshness(at, answer === null ? 'across campaigns' : `made ${formatAgo(answer.generated_at, at)}`));
  }

  return {
    show(key, campaignId, nextBrand) {
      brandId = nextBrand;
      view.show(key, campaignId);
    },
    poke: (id) => view.poke(id),
    stop: () => view.stop(),
    tick: paintNote,
  };
}
