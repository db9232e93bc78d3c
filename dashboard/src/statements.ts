// The commission statements panel (docs/design.md, "Commissions"): each creator's statement per period, drafts for
// people to review, with their lines (a correction line when approved earlier periods changed since their approval);
// an approver key approves or rejects (with a reason) each draft or rejected one, sending the payable amount it was
// shown; every decision in the audit trail; a CSV download. Nothing here pays anyone. Fetched from GET …/statements
// and …/statements/audit on a campaign change, again on live updates at most once every STATEMENTS_REFRESH_MS, and at
// once after a decision.
//
// Tests find: the label [data-testid=statements-label], [data-testid=statements-summary], the viewer's note
// [data-testid=statements-viewer-note], what went wrong with a decision [data-testid=statements-error] (role=alert),
// a recorded decision [data-testid=statements-status], no statement [data-testid=statements-empty], rows
// tr[data-testid=statement-row][data-statement="anna|2026-03-02"][data-state=…][data-correction=true|false] with
// cells [data-col=…], lines li[data-line-kind=…] (li.is-correction), the reason field [data-testid=statement-reason],
// buttons [data-action=approve|reject] named "Approve anna 2026-03-02"; [data-testid=statements-csv] and its note
// [data-testid=statements-csv-note]; the audit trail details[data-testid=statements-audit] with
// li[data-testid=audit-entry][data-statement=…][data-action=…].

import { ApiError, AuthError, errorReason, getStatements, getStatementsAudit, getStatementsCsv, postStatementDecision } from './api';
import { el, setText } from './dom';
import { saveFile } from './exportlinks';
import { formatAgo, NO_DATA } from './format';
import { scrollRegion } from './outcomes';
import { createRestView } from './restview';
import {
  actionLabel,
  auditEntries,
  auditSummary,
  auditText,
  decisionDoneText,
  decisionErrorText,
  DRAFTS_BODY,
  emptyText,
  lineText,
  REASON_NEEDED,
  reasonLabel,
  statementRows,
  summaryText,
  VIEWER_NOTE,
  type StatementRowView,
} from './statementsdata';
import type { EpochMs, StatementsAudit, StatementsView } from './types';

/** The shortest time between two refreshes prompted by live updates (statements move with orders, holds and periods). */
export const STATEMENTS_REFRESH_MS = 30_000;

export interface StatementsPanel {
  show(key: string, campaignId: string, currency: string): void;
  poke(campaignId: string): void;
  stop(): void;
  tick(now: EpochMs): void;
}

interface StatementsAnswer {
  view: StatementsView;
  audit: StatementsAudit;
}

async function fetchStatements(key: string, campaignId: string): Promise<StatementsAnswer> {
  const [view, audit] = await Promise.all([getStatements(key, campaignId), getStatementsAudit(key, campaignId)]);
  return { view, audit };
}

type Action = 'approve' | 'reject';

export function createStatementsPanel(
  container: HTMLElement,
  note: HTMLElement,
  nameOf: (creatorId: string) => string,
  refused: (reason: string) => void,
  now: () => EpochMs = Date.now,
): StatementsPanel {
  let currency = 'USD';
  /** The statement whose decision is being sent: its buttons wait. */
  let pending: string | null = null;
  /** What the table was last painted from: an unchanged answer is not painted again (a reason being typed stays put). */
  let painted: string | null = null;
  /** Each row's reason field, kept across repaints so that what is typed survives a refresh. */
  const reasons = new Map<string, HTMLInputElement>();
  const rest = createRestView(fetchStatements, STATEMENTS_REFRESH_MS, () => paint(), refused, now);

  const label = el('p', { className: 'estimate-label statements-label', testId: 'statements-label' }, el('strong', {}, 'Drafts for review. '), DRAFTS_BODY);
  const summary = el('p', { className: 'section-note', testId: 'statements-summary' });
  const viewerNote = el('p', { className: 'section-note', testId: 'statements-viewer-note', attrs: { hidden: '' } }, VIEWER_NOTE);
  const error = el('p', { className: 'form-error', testId: 'statements-error', attrs: { role: 'alert' } });
  const done = el('p', { className: 'form-done', testId: 'statements-status', attrs: { role: 'status' } });
  const empty = el('p', { className: 'section-note', testId: 'statements-empty', attrs: { hidden: '' } });
  const table = el('table', { className: 'data-table statements-table', testId: 'statements-table' });
  const region = scrollRegion('Commission statements by creator and period', table);
  const csvNote = el('span', { className: 'export-note', testId: 'statements-csv-note', attrs: { role: 'status' } });
  const csv = el('button', { className: 'export-button', testId: 'statements-csv', attrs: { type: 'button', title: 'Download the statements as CSV (opens in a spreadsheet)' } }, 'Download CSV');
  csv.addEventListener('click', () => void download());
  const auditHead = el('summary', {}, auditSummary(0));
  const auditList = el('ol', { className: 'audit-list', testId: 'audit-list' });
  const audit = el('details', { className: 'statements-audit', testId: 'statements-audit' }, auditHead, auditList);
  container.replaceChildren(
    label,
    summary,
    viewerNote,
    error,
    done,
    empty,
    region,
    el('div', { className: 'statements-tools' }, csv, csvNote),
    audit,
  );

  async function download(): Promise<void> {
    const k = rest.key;
    const id = rest.campaignId;
    if (k === null || id === null) return;
    csv.disabled = true;
    setText(csvNote, 'preparing…');
    try {
      const file = await getStatementsCsv(k, id);
      saveFile(file);
      setText(csvNote, `saved ${file.fileName}`);
    } catch (e) {
      if (e instanceof AuthError) refused(e.message);
      setText(csvNote, `download failed: ${errorReason(e)}`);
    } finally {
      csv.disabled = false;
    }
  }

  async function decide(row: StatementRowView, action: Action): Promise<void> {
    const k = rest.key;
    const id = rest.campaignId;
    if (k === null || id === null || pending !== null) return;
    const field = reasons.get(row.id);
    const reason = field?.value.trim() ?? '';
    const subject = { creator_id: row.creatorId, period: row.period };
    if (action === 'reject' && reason === '') {
      setText(done, '');
      setText(error, REASON_NEEDED);
      field?.focus();
      return;
    }
    setText(error, '');
    setText(done, '');
    pending = row.id;
    setBusy(true);
    try {
      const updated = await postStatementDecision(k, id, row.creatorId, row.period, {
        action,
        payable: row.payableValue,
        ...(action === 'reject' ? { reason } : {}),
      });
      if (rest.key !== k || rest.campaignId !== id) return;
      if (field) field.value = '';
      setText(done, decisionDoneText(updated, rest.answer?.view.currency || currency));
    } catch (e) {
      if (e instanceof AuthError) {
        refused(e.message);
        return;
      }
      if (rest.key !== k || rest.campaignId !== id) return;
      setText(error, decisionErrorText(action, subject, { status: e instanceof ApiError ? e.status : 0, message: errorReason(e) }));
    } finally {
      pending = null;
    }
    await rest.reload();
    setBusy(false); // when the reload changed nothing (or failed), the buttons shown are still the waiting ones
    if (document.activeElement === null || document.activeElement === document.body) region.focus();
  }

  function setBusy(busy: boolean): void {
    for (const b of table.querySelectorAll<HTMLButtonElement>('button[data-action]')) b.disabled = busy;
  }

  function reasonField(row: StatementRowView): HTMLInputElement {
    let field = reasons.get(row.id);
    if (field === undefined) {
      field = el('input', {
        className: 'statement-reason',
        testId: 'statement-reason',
        attrs: { type: 'text', maxlength: '1000', placeholder: 'Reason (to reject)', 'aria-label': reasonLabel({ creator_id: row.creatorId, period: row.period }) },
      });
      reasons.set(row.id, field);
    }
    return field;
  }

  function button(row: StatementRowView, action: Action): HTMLButtonElement {
    const subject = { creator_id: row.creatorId, period: row.period };
    const b = el(
      'button',
      { className: action === 'approve' ? 'decision-button is-approve' : 'decision-button is-reject', attrs: { type: 'button', 'data-action': action, 'aria-label': actionLabel(action, subject) } },
      action === 'approve' ? 'Approve' : 'Reject',
    );
    b.disabled = pending !== null;
    b.addEventListener('click', () => void decide(row, action));
    return b;
  }

  function money(col: string, text: string, ...extra: (Node | string)[]): HTMLTableCellElement {
    return el('td', { className: 'num', attrs: { 'data-col': col } }, text, ...extra);
  }

  function statementRow(row: StatementRowView, actions: boolean): HTMLTableRowElement {
    const name = nameOf(row.creatorId);
    return el(
      'tr',
      {
        testId: 'statement-row',
        className: `is-${row.state}${row.correction !== null ? ' has-correction' : ''}`,
        attrs: {
          'data-statement': row.id,
          'data-creator': row.creatorId,
          'data-period': row.period,
          'data-state': row.state,
          'data-correction': String(row.correction !== null),
        },
      },
      el('th', { attrs: { scope: 'row' } }, name, name !== row.creatorId ? el('span', { className: 'cell-sub' }, row.creatorId) : null),
      el('td', { attrs: { 'data-col': 'period' } }, row.periodText),
      el('td', { attrs: { 'data-col': 'state' } }, el('span', { className: `statement-state is-${row.state}` }, row.stateLabel)),
      money('accrued', row.accrued),
      money('held', row.held),
      money('payable', row.payable, row.correction !== null ? el('span', { className: 'cell-sub correction-note' }, `incl. correction ${row.correction}`) : ''),
      el(
        'td',
        { className: 'statement-lines-cell', attrs: { 'data-col': 'lines' } },
        row.lines.length === 0
          ? NO_DATA
          : el(
              'ul',
              { className: 'statement-lines' },
              ...row.lines.map((line) =>
                el(
                  'li',
                  { className: line.correction ? 'is-correction' : '', attrs: { 'data-line-kind': line.kind } },
                  line.correction ? el('span', { className: 'correction-badge' }, 'Correction') : null,
                  line.correction ? ' ' : null,
                  lineText(line),
                ),
              ),
            ),
      ),
      el('td', { className: 'statement-decision', attrs: { 'data-col': 'decision' } }, row.decision || NO_DATA),
      actions
        ? el(
            'td',
            { className: 'statement-actions', attrs: { 'data-col': 'actions' } },
            row.buttons
              ? el('div', { className: 'statement-action-row' }, reasonField(row), button(row, 'approve'), button(row, 'reject'))
              : row.state === 'approved'
                ? 'Final'
                : NO_DATA,
          )
        : null,
    );
  }

  /** Which control had the focus (a row's button or reason field), so a repaint can give it back. */
  function focused(): { id: string; control: string; start: number | null; end: number | null } | null {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || !table.contains(active)) return null;
    const id = active.closest('tr')?.getAttribute('data-statement');
    if (!id) return null;
    const input = active instanceof HTMLInputElement ? active : null;
    return { id, control: active.getAttribute('data-action') ?? 'reason', start: input?.selectionStart ?? null, end: input?.selectionEnd ?? null };
  }

  function refocus(was: ReturnType<typeof focused>): void {
    if (was === null) return;
    for (const tr of table.querySelectorAll<HTMLTableRowElement>('tr[data-statement]')) {
      if (tr.getAttribute('data-statement') !== was.id) continue;
      const target = was.control === 'reason' ? reasons.get(was.id) : tr.querySelector<HTMLElement>(`[data-action="${was.control}"]`);
      if (target && tr.contains(target)) {
        target.focus();
        if (target instanceof HTMLInputElement && was.start !== null) target.setSelectionRange(was.start, was.end ?? was.start);
      }
      return;
    }
  }

  function paintTable(): void {
    const answer = rest.answer;
    // The creators' names come from the live snapshot, which may arrive after the statements.
    const signature = answer === null ? 'null' : `${JSON.stringify(answer)}\n${(answer.view.statements ?? []).map((r) => nameOf(r.creator_id)).join('\n')}`;
    if (signature === painted) return;
    painted = signature;
    if (answer === null) {
      setText(summary, '');
      viewerNote.hidden = true;
      empty.hidden = true;
      region.hidden = true;
      table.replaceChildren();
      auditList.replaceChildren();
      setText(auditHead, auditSummary(0));
      return;
    }
    const view = answer.view;
    const cur = view.currency || currency;
    setText(summary, summaryText(view));
    viewerNote.hidden = view.can_approve;
    const none = emptyText(view);
    setText(empty, none ?? '');
    empty.hidden = none === null;
    region.hidden = none !== null;

    const rows = statementRows({ ...view, currency: cur });
    const seen = new Set(rows.filter((r) => r.buttons).map((r) => r.id));
    for (const id of [...reasons.keys()]) if (!seen.has(id)) reasons.delete(id);
    const was = focused();
    const actions = view.can_approve;
    table.replaceChildren(
      el('caption', {}, 'Each creator\u2019s statement per period (UTC days): accrued = held + payable'),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...['Creator', 'Period', 'State', 'Accrued', 'Held', 'Payable', 'Lines', 'Decision', ...(actions ? ['Actions'] : [])].map((h, i) =>
            el('th', { className: i >= 3 && i <= 5 ? 'num' : '', attrs: { scope: 'col' } }, h),
          ),
        ),
      ),
      el('tbody', {}, ...rows.map((r) => statementRow(r, actions))),
    );
    refocus(was);

    const entries = auditEntries(answer.audit.entries ?? [], cur);
    setText(auditHead, auditSummary(entries.length));
    auditList.replaceChildren(
      ...entries.map((e) =>
        el(
          'li',
          { className: `audit-entry is-${e.action}`, testId: 'audit-entry', attrs: { 'data-statement': e.statementId, 'data-action': e.action } },
          auditText(e),
        ),
      ),
    );
  }

  function paint(): void {
    paintTable();
    paintNote(now());
  }

  function paintNote(at: EpochMs): void {
    const updated = rest.answer?.view.updated_at;
    setText(note, rest.freshness(at, updated != null ? `made ${formatAgo(updated, at)}` : 'to date'));
  }

  return {
    show(nextKey, nextCampaign, nextCurrency) {
      if (nextCampaign !== rest.campaignId || nextKey !== rest.key) {
        reasons.clear();
        setText(error, '');
        setText(done, '');
        setText(csvNote, '');
      }
      currency = nextCurrency;
      rest.show(nextKey, nextCampaign);
    },
    poke: (id) => rest.poke(id),
    stop() {
      rest.stop();
      pending = null;
    },
    tick(at) {
      paintNote(at);
    },
  };
}
