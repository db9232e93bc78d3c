import { describe, expect, it } from 'vitest';
import {
  actionLabel,
  auditEntries,
  auditSummary,
  auditText,
  correctionOf,
  decisionDoneText,
  decisionErrorText,
  decisionText,
  emptyText,
  hasButtons,
  lineText,
  lineViews,
  orderStatements,
  periodLastDay,
  periodText,
  reasonLabel,
  statementRows,
  summaryText,
  utcDay,
  utcStamp,
  DRAFTS_NOTE,
  VIEWER_NOTE,
} from '../src/statementsdata';
import type { StatementDecision, StatementLine, StatementRow, StatementState, StatementsView } from '../src/types';

const T0 = 1_772_409_600_000; // 2026-03-02T00:00:00Z, a Monday
const DAY = 86_400_000;

function line(kind: StatementLine['kind'], accrued: number, held: number, basis = 'b'): StatementLine {
  return { kind, basis, accrued, held, payable: accrued - held };
}

function decision(creator: string, period: string, action: 'approve' | 'reject', over: Partial<StatementDecision> = {}): StatementDecision {
  return {
    statement_id: `${creator}|${period}`,
    creator_id: creator,
    period,
    action,
    from: 'draft',
    to: action === 'approve' ? 'approved' : 'rejected',
    by: 'Maria Lopez',
    at: T0 + 8 * DAY + 9 * 3_600_000 + 12 * 60_000,
    reason: null,
    key_id: 'abcdef012345',
    payable: 80,
    ...over,
  };
}

function row(creator: string, start: number, state: StatementState, lines: StatementLine[] = [line('percent', 100, 20)], days = 7): StatementRow {
  const period = new Date(start).toISOString().slice(0, 10);
  const sum = (f: (l: StatementLine) => number) => lines.reduce((a, l) => a + f(l), 0);
  return {
    statement_id: `${creator}|${period}`,
    creator_id: creator,
    period,
    period_start: start,
    period_end: start + days * DAY,
    as_of: start + days * DAY,
    state,
    accrued: sum((l) => l.accrued),
    held: sum((l) => l.held),
    payable: sum((l) => l.payable),
    lines,
    decision: state === 'draft' ? null : decision(creator, period, state === 'approved' ? 'approve' : 'reject', state === 'rejected' ? { reason: 'refund missing' } : {}),
  };
}

function view(statements: StatementRow[], over: Partial<StatementsView> = {}): StatementsView {
  return {
    campaign_id: 'spring',
    currency: 'USD',
    as_of: T0 + 14 * DAY,
    updated_at: T0 + 14 * DAY + 5_000,
    can_approve: true,
    creators_with_plans: ['anna', 'ben'],
    statements,
    ...over,
  };
}

describe('statements', () => {
  it('writes UTC days and minutes without Intl, and a period from its first day to its last', () => {
    expect(utcDay(T0)).toBe('2026-03-02');
    expect(utcDay(null)).toBe('—');
    expect(utcStamp(T0 + 9 * 3_600_000 + 12 * 60_000 + 59_000)).toBe('2026-03-02 09:12 UTC');
    expect(utcStamp(Number.NaN)).toBe('—');
    // The end is exclusive: the last day is the one before it, even at midnight UTC.
    expect(periodLastDay({ period_end: T0 + 7 * DAY })).toBe('2026-03-08');
    expect(periodText(row('anna', T0, 'draft'))).toBe('2026-03-02 to 2026-03-08');
    expect(periodText(row('anna', T0, 'draft', undefined, 1))).toBe('2026-03-02');
    // A month: March has 31 days.
    const march = Date.UTC(2026, 2, 1);
    expect(periodText({ period: '2026-03-01', period_start: march, period_end: Date.UTC(2026, 3, 1) })).toBe('2026-03-01 to 2026-03-31');
  });

  it('gives buttons to draft and rejected statements, for an approver key only; an approved one is final', () => {
    const rows = [row('anna', T0, 'draft'), row('anna', T0 + 7 * DAY, 'approved'), row('ben', T0, 'rejected')];
    expect(statementRows(view(rows)).map((r) => [r.id, r.buttons])).toEqual([
      ['anna|2026-03-02', true],
      ['anna|2026-03-09', false],
      ['ben|2026-03-02', true],
    ]);
    expect(statementRows(view(rows, { can_approve: false })).some((r) => r.buttons)).toBe(false);
    expect(hasButtons({ can_approve: true }, { state: 'approved' })).toBe(false);
    expect(VIEWER_NOTE).toBe('Your key can view statements; approving needs an approver key.');
    expect(DRAFTS_NOTE).toMatch(/^Drafts for review\. .*never pays anyone\.$/);
  });

  it('names each button and reason field after the creator and the period', () => {
    const r = row('anna', T0, 'draft');
    expect(actionLabel('approve', r)).toBe('Approve anna 2026-03-02');
    expect(actionLabel('reject', r)).toBe('Reject anna 2026-03-02');
    expect(reasonLabel(r)).toBe('Reason to reject anna 2026-03-02');
  });

  it('formats a row in the campaign currency, with the payable it sends back unrounded', () => {
    const r = row('anna', T0, 'draft', [line('percent', 1_234.567, 234.5), line('flat', 50, 0)]);
    const [shown] = statementRows(view([r], { currency: 'EUR' }));
    expect(shown).toMatchObject({
      creatorId: 'anna',
      period: '2026-03-02',
      periodLastDay: '2026-03-08',
      state: 'draft',
      stateLabel: 'Draft',
      accrued: '€1,284.57',
      held: '€234.50',
      payable: '€1,050.07',
      correction: null,
      decision: '',
    });
    expect(shown!.payableValue).toBeCloseTo(1_050.067, 6);
    expect(shown!.lines.map(lineText)).toEqual([
      'Percentage (b): accrued €1,234.57 · held €234.50 · payable €1,000.07',
      'Flat fee (b): accrued €50.00 · held €0.00 · payable €50.00',
    ]);
  });

  it('marks a correction line and signs its amounts, on the line and in the row', () => {
    const r = row('anna', T0 + 7 * DAY, 'draft', [line('percent', 100, 20), line('correction', -12.5, 0, 'changes to approved periods since their approval: holds ended, refunds')]);
    const [shown] = statementRows(view([r]));
    expect(correctionOf(r)).toBe(-12.5);
    expect(shown!.correction).toBe('\u2212$12.50');
    const correction = shown!.lines.find((l) => l.correction)!;
    expect(correction.kind).toBe('correction');
    expect(lineText(correction)).toBe(
      'Correction to approved earlier periods (changes to approved periods since their approval: holds ended, refunds): accrued \u2212$12.50 · held $0.00 · payable \u2212$12.50',
    );
    expect(lineViews(row('anna', T0, 'draft'), 'USD').some((l) => l.correction)).toBe(false);
    expect(correctionOf(row('anna', T0, 'draft'))).toBeNull();
    expect(lineViews({ lines: [line('correction', 30, 0)] }, 'USD')[0]!.payable).toBe('+$30.00');
  });

  it('orders creators by id and each creator\u2019s periods oldest first', () => {
    const ordered = orderStatements([row('ben', T0, 'draft'), row('anna', T0 + 7 * DAY, 'draft'), row('anna', T0, 'approved')]);
    expect(ordered.map((r) => r.statement_id)).toEqual(['anna|2026-03-02', 'anna|2026-03-09', 'ben|2026-03-02']);
  });

  it('says who decided, when (UTC, with the year) and why', () => {
    expect(decisionText(null)).toBe('');
    expect(decisionText(decision('anna', '2026-03-02', 'approve'))).toBe('Approved by Maria Lopez on 2026-03-10 09:12 UTC');
    expect(decisionText(decision('anna', '2026-03-02', 'reject', { reason: 'refund missing' }))).toBe(
      'Rejected by Maria Lopez on 2026-03-10 09:12 UTC: \u201crefund missing\u201d',
    );
    const [approved] = statementRows(view([row('anna', T0, 'approved')]));
    expect(approved!.decision).toBe('Approved by Maria Lopez on 2026-03-10 09:12 UTC');
  });

  it('lists the audit trail as sent (oldest first), each decision with what was payable', () => {
    const entries = auditEntries([decision('anna', '2026-03-02', 'reject', { reason: 'refund missing', payable: 95 }), decision('anna', '2026-03-02', 'approve')], 'USD');
    expect(entries.map(auditText)).toEqual([
      '2026-03-10 09:12 UTC · Maria Lopez rejected anna\u2019s statement for the period starting 2026-03-02 · payable $95.00 · reason: refund missing',
      '2026-03-10 09:12 UTC · Maria Lopez approved anna\u2019s statement for the period starting 2026-03-02 · payable $80.00',
    ]);
    expect(entries[0]).toMatchObject({ statementId: 'anna|2026-03-02', action: 'reject', who: 'Maria Lopez', creatorId: 'anna', period: '2026-03-02' });
    expect(auditSummary(0)).toBe('Audit trail: no decision yet');
    expect(auditSummary(1)).toBe('Audit trail: 1 decision, oldest first');
    expect(auditSummary(3)).toBe('Audit trail: 3 decisions, oldest first');
  });

  it('says why there is no statement: no plan, or none made yet', () => {
    expect(emptyText(view([], { creators_with_plans: [] }))).toBe('No creator of this campaign has a commission plan, so there is no statement to review.');
    expect(emptyText(view([], { creators_with_plans: ['anna'] }))).toBe(
      'No statement yet: anna has a commission plan, and statements appear once the stream has made them.',
    );
    expect(emptyText(view([], { creators_with_plans: ['anna', 'ben'] }))).toContain('anna, ben have a commission plan');
    expect(emptyText(view([row('anna', T0, 'draft')]))).toBeNull();
  });

  it('sums up what is left to review, as of the event time the figures hold at', () => {
    const rows = [row('anna', T0, 'draft'), row('anna', T0 + 7 * DAY, 'draft'), row('ben', T0, 'rejected'), row('ben', T0 + 7 * DAY, 'approved')];
    expect(summaryText(view(rows))).toBe('Figures as of 2026-03-16 00:00 UTC (event time): 2 drafts and 1 rejected to review, 1 approved.');
    expect(summaryText(view([row('ben', T0, 'approved')], { as_of: null }))).toBe('Nothing left to review, 1 approved.');
    expect(summaryText(view([]))).toBe('');
  });

  it('words a refused decision with the server\u2019s reason, and says when the figures were reloaded', () => {
    const r = { creator_id: 'anna', period: '2026-03-02' };
    expect(decisionErrorText('approve', r, { status: 403, message: 'this API key may read statements but not decide on them: approving or rejecting needs an approver key' })).toBe(
      'Approve anna 2026-03-02 was not recorded: this API key may read statements but not decide on them: approving or rejecting needs an approver key.',
    );
    expect(
      decisionErrorText('approve', r, { status: 409, message: 'the statement changed since it was loaded: payable is now 90.00, not 80.00; look again before deciding' }),
    ).toBe(
      'Approve anna 2026-03-02 was not recorded: the statement changed since it was loaded: payable is now 90.00, not 80.00; look again before deciding. The statements were reloaded: look at the latest figures before deciding.',
    );
    expect(decisionErrorText('reject', r, { status: 400, message: 'a rejection needs a reason: say what is wrong with the statement' })).toBe(
      'Reject anna 2026-03-02 was not recorded: a rejection needs a reason: say what is wrong with the statement.',
    );
    expect(decisionErrorText('reject', r, { status: 0, message: 'The server could not be reached.' })).toBe(
      'Reject anna 2026-03-02 was not recorded: the server could not be reached; try again.',
    );
    expect(decisionErrorText('approve', r, { status: 500, message: '' })).toBe('Approve anna 2026-03-02 was not recorded: the server answered 500.');
  });

  it('says what was recorded, from the row the server answered with', () => {
    expect(decisionDoneText(row('anna', T0, 'approved'), 'USD')).toBe('Approved anna 2026-03-02 (payable $80.00).');
    expect(decisionDoneText(row('anna', T0, 'rejected'), 'USD')).toBe('Rejected anna 2026-03-02 (payable $80.00).');
  });
});
