// What the commission statements panel shows, worked out from GET …/statements and …/statements/audit (pure,
// unit-tested; docs/design.md, "Commissions"). Statements are drafts for people to review: approving one records a
// decision in an audit trail, and nothing here (or anywhere in CreatorStream) pays anyone. Dates are UTC days written
// yyyy-MM-dd, as the server names periods; money goes through format.ts like every other panel's.

import { formatMoney, formatMoneyChange, NO_DATA } from './format';
import type { EpochMs, StatementDecision, StatementLine, StatementRow, StatementState, StatementsView } from './types';

/** The line at the top of the panel, after "Drafts for review.": what these figures are, and what they are not. */
export const DRAFTS_BODY =
  'Each statement is what a creator\u2019s commission plan makes them due for one period. Approving or rejecting records a decision; CreatorStream never pays anyone.';

export const DRAFTS_NOTE = `Drafts for review. ${DRAFTS_BODY}`;

/** Shown instead of the buttons to a key that may read statements but not decide on them. */
export const VIEWER_NOTE = 'Your key can view statements; approving needs an approver key.';

/** Said when Reject is pressed with an empty reason (the server would refuse it too). */
export const REASON_NEEDED = 'A rejection needs a reason: type what is wrong with the statement in its row, then press Reject again.';

export const STATE_LABELS: Record<StatementState, string> = {
  draft: 'Draft',
  approved: 'Approved',
  rejected: 'Rejected',
};

export const LINE_LABELS: Record<string, string> = {
  flat: 'Flat fee',
  percent: 'Percentage',
  tiers: 'Tiers',
  bounty: 'Bounty',
  correction: 'Correction',
};

function isTime(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 8.64e15;
}

/** The UTC day of a moment, "2026-03-02"; "—" for anything that is not a time. No Intl: the same everywhere. */
export function utcDay(ms: EpochMs | null | undefined): string {
  return isTime(ms) ? new Date(ms).toISOString().slice(0, 10) : NO_DATA;
}

/** A moment to the minute in UTC with its year, "2026-03-03 09:12 UTC" (decisions are records: the year matters). */
export function utcStamp(ms: EpochMs | null | undefined): string {
  if (!isTime(ms)) return NO_DATA;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The period's last day (UTC): the day of its exclusive end less 1 ms. */
export function periodLastDay(row: Pick<StatementRow, 'period_end'>): string {
  return isTime(row.period_end) ? utcDay(row.period_end - 1) : NO_DATA;
}

/** "2026-03-02 to 2026-03-08"; a one-day period is its day alone. */
export function periodText(row: Pick<StatementRow, 'period' | 'period_start' | 'period_end'>): string {
  const first = row.period || utcDay(row.period_start);
  const last = periodLastDay(row);
  return last === NO_DATA || last === first ? first : `${first} to ${last}`;
}

/** Whether a statement in `state` can still be decided on: a draft or a rejected one (an approved one is final). */
export function isDecidable(state: StatementState): boolean {
  return state === 'draft' || state === 'rejected';
}

/** Whether a row gets the Approve and Reject buttons: the key is an approver's and the statement is not final. */
export function hasButtons(view: Pick<StatementsView, 'can_approve'>, row: Pick<StatementRow, 'state'>): boolean {
  return view.can_approve === true && isDecidable(row.state);
}

/** "Approve anna 2026-03-02": a button's accessible name, the creator and the period's first day. */
export function actionLabel(action: 'approve' | 'reject', row: Pick<StatementRow, 'creator_id' | 'period'>): string {
  return `${action === 'approve' ? 'Approve' : 'Reject'} ${row.creator_id} ${row.period}`;
}

/** "Reason to reject anna 2026-03-02": the name of a row's reason field. */
export function reasonLabel(row: Pick<StatementRow, 'creator_id' | 'period'>): string {
  return `Reason to reject ${row.creator_id} ${row.period}`;
}

/** Creators in id order (ordinal, as the server's), each creator's periods oldest first: corrections flow forward. */
export function orderStatements(rows: readonly StatementRow[]): StatementRow[] {
  return [...rows].sort(
    (a, b) => (a.creator_id < b.creator_id ? -1 : a.creator_id > b.creator_id ? 1 : 0) || a.period_start - b.period_start,
  );
}

export function isCorrection(line: Pick<StatementLine, 'kind'>): boolean {
  return line.kind === 'correction';
}

/** The payable of a statement's correction lines, summed; null when it has none. */
export function correctionOf(row: Pick<StatementRow, 'lines'>): number | null {
  const lines = (row.lines ?? []).filter(isCorrection);
  return lines.length === 0 ? null : lines.reduce((sum, l) => sum + l.payable, 0);
}

export interface LineView {
  kind: string;
  label: string;
  basis: string;
  accrued: string;
  held: string;
  payable: string;
  correction: boolean;
}

/** A statement's lines as shown: a correction's amounts signed (it adds to or takes from this period's payable). */
export function lineViews(row: Pick<StatementRow, 'lines'>, currency: string): LineView[] {
  return (row.lines ?? []).map((line) => {
    const correction = isCorrection(line);
    const money = (v: number) => (correction ? formatMoneyChange(v, currency) : formatMoney(v, currency));
    return {
      kind: line.kind,
      label: correction ? 'Correction to approved earlier periods' : (LINE_LABELS[line.kind] ?? line.kind),
      basis: line.basis,
      accrued: money(line.accrued),
      held: money(line.held),
      payable: money(line.payable),
      correction,
    };
  });
}

/** "Percentage (10% of credited revenue): accrued $100.00 · held $20.00 · payable $80.00". */
export function lineText(line: LineView): string {
  const basis = line.basis ? ` (${line.basis})` : '';
  return `${line.label}${basis}: accrued ${line.accrued} · held ${line.held} · payable ${line.payable}`;
}

/** "Approved by Maria Lopez on 2026-03-03 09:12 UTC: “figures checked”"; "" for a draft nobody decided on. */
export function decisionText(decision: StatementDecision | null | undefined): string {
  if (decision == null) return '';
  const verb = decision.action === 'approve' ? 'Approved' : 'Rejected';
  const reason = decision.reason ? `: \u201c${decision.reason}\u201d` : '';
  return `${verb} by ${decision.by || 'someone'} on ${utcStamp(decision.at)}${reason}`;
}

export interface StatementRowView {
  id: string;
  creatorId: string;
  /** The period's first day, as in the URL of a decision. */
  period: string;
  periodLastDay: string;
  periodText: string;
  state: StatementState;
  stateLabel: string;
  accrued: string;
  held: string;
  payable: string;
  /** The payable amount as the server sent it: what a decision sends back. */
  payableValue: number;
  lines: LineView[];
  /** The correction's payable, signed ("+$12.00"), or null when the statement has none. */
  correction: string | null;
  decision: string;
  buttons: boolean;
}

/** Every statement as a row of the table, in order. */
export function statementRows(view: StatementsView): StatementRowView[] {
  const currency = view.currency || 'USD';
  return orderStatements(view.statements ?? []).map((row) => {
    const correction = correctionOf(row);
    return {
      id: row.statement_id,
      creatorId: row.creator_id,
      period: row.period,
      periodLastDay: periodLastDay(row),
      periodText: periodText(row),
      state: row.state,
      stateLabel: STATE_LABELS[row.state] ?? row.state,
      accrued: formatMoney(row.accrued, currency),
      held: formatMoney(row.held, currency),
      payable: formatMoney(row.payable, currency),
      payableValue: row.payable,
      lines: lineViews(row, currency),
      correction: correction === null ? null : formatMoneyChange(correction, currency),
      decision: decisionText(row.decision),
      buttons: hasButtons(view, row),
    };
  });
}

/** "Figures as of 2026-03-08 14:00 UTC (event time), 3 drafts and 1 rejected to review, 2 approved."; "" before any. */
export function summaryText(view: StatementsView): string {
  const rows = view.statements ?? [];
  if (rows.length === 0) return '';
  const count = (state: StatementState) => rows.filter((r) => r.state === state).length;
  const open = [
    count('draft') > 0 ? `${count('draft')} draft${count('draft') === 1 ? '' : 's'}` : null,
    count('rejected') > 0 ? `${count('rejected')} rejected` : null,
  ].filter((p): p is string => p !== null);
  const review = open.length === 0 ? 'nothing left to review' : `${open.join(' and ')} to review`;
  const text = `${review}, ${count('approved')} approved.`;
  return isTime(view.as_of) ? `Figures as of ${utcStamp(view.as_of)} (event time): ${text}` : `${text[0]!.toUpperCase()}${text.slice(1)}`;
}

/** What stands in for the table when there is no statement: no creator has a plan, or none has a statement yet. */
export function emptyText(view: Pick<StatementsView, 'creators_with_plans' | 'statements'>): string | null {
  if ((view.statements ?? []).length > 0) return null;
  const planned = view.creators_with_plans ?? [];
  if (planned.length === 0) return 'No creator of this campaign has a commission plan, so there is no statement to review.';
  return `No statement yet: ${planned.join(', ')} ${planned.length === 1 ? 'has' : 'have'} a commission plan, and statements appear once the stream has made them.`;
}

export interface AuditEntryView {
  statementId: string;
  when: string;
  who: string;
  action: 'approve' | 'reject';
  /** "approved" or "rejected". */
  verb: string;
  creatorId: string;
  period: string;
  payable: string;
  reason: string | null;
}

/** The audit trail's entries as shown, in the server's order (oldest first). */
export function auditEntries(entries: readonly StatementDecision[], currency: string): AuditEntryView[] {
  return entries.map((d) => ({
    statementId: d.statement_id,
    when: utcStamp(d.at),
    who: d.by || 'someone',
    action: d.action,
    verb: d.action === 'approve' ? 'approved' : 'rejected',
    creatorId: d.creator_id,
    period: d.period,
    payable: formatMoney(d.payable, currency),
    reason: d.reason ?? null,
  }));
}

/** "2026-03-03 09:12 UTC · Maria Lopez approved anna's statement for the period starting 2026-03-02 · payable $80.00 · reason: …". */
export function auditText(entry: AuditEntryView): string {
  const reason = entry.reason ? ` · reason: ${entry.reason}` : '';
  return `${entry.when} · ${entry.who} ${entry.verb} ${entry.creatorId}\u2019s statement for the period starting ${entry.period} · payable ${entry.payable}${reason}`;
}

/** "Audit trail: 3 decisions, oldest first"; "Audit trail: no decision yet". */
export function auditSummary(count: number): string {
  return count === 0 ? 'Audit trail: no decision yet' : `Audit trail: ${count} decision${count === 1 ? '' : 's'}, oldest first`;
}

function sentence(text: string): string {
  const t = text.trim();
  return t === '' || /[.!?]$/.test(t) ? t : `${t}.`;
}

/**
 * What went wrong with a decision, with the server's reason: "Approve anna 2026-03-02 was not recorded: …". After a
 * 409 or 404 the statements are reloaded, and the text says so: the figures to look at again are the new ones.
 */
export function decisionErrorText(
  action: 'approve' | 'reject',
  row: Pick<StatementRow, 'creator_id' | 'period'>,
  error: { status: number; message: string },
): string {
  const what = `${actionLabel(action, row)} was not recorded`;
  const reason = error.status === 0 ? 'the server could not be reached; try again' : error.message || `the server answered ${error.status}`;
  const reloaded = error.status === 409 || error.status === 404 ? ' The statements were reloaded: look at the latest figures before deciding.' : '';
  return `${what}: ${sentence(reason)}${reloaded}`;
}

/** "Approved anna 2026-03-02 (payable $80.00)."; said once a decision is recorded. */
export function decisionDoneText(row: Pick<StatementRow, 'creator_id' | 'period' | 'payable' | 'state'>, currency: string): string {
  const verb = row.state === 'approved' ? 'Approved' : row.state === 'rejected' ? 'Rejected' : 'Recorded';
  return `${verb} ${row.creator_id} ${row.period} (payable ${formatMoney(row.payable, currency)}).`;
}

