import { describe, expect, it } from 'vitest';
import {
  creatorHash,
  creatorOf,
  creatorStatementRows,
  dayRows,
  DAY_COLUMNS,
  freshnessSpan,
  headingText,
  headlines,
  metaText,
  modelText,
  pickCampaign,
  postRows,
  refusalText,
  statementsSummary,
} from '../src/creatorviewdata';
import { lineText } from '../src/statementsdata';
import type { Campaign, CreatorOwnFigures, CreatorStatement, CreatorView } from '../src/types';

const T0 = 1_772_409_600_000; // 2026-03-02T00:00:00Z, a Monday (CommissionScenario's T0)
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function figures(over: Partial<CreatorOwnFigures> = {}): CreatorOwnFigures {
  return {
    content_id: null,
    platform: null,
    impressions: 0,
    reach: 0,
    engagements: 0,
    engagement_rate: null,
    clicks: 0,
    ctr: null,
    conversions: null,
    revenue: null,
    updated_at: null,
    ...over,
  };
}

function statement(period: string, start: number, state: CreatorStatement['state'], lines: CreatorStatement['lines']): CreatorStatement {
  const sum = (f: (l: CreatorStatement['lines'][number]) => number) => lines.reduce((a, l) => a + f(l), 0);
  return {
    period,
    period_start: start,
    period_end: start + DAY,
    as_of: T0 + 30 * HOUR,
    state,
    accrued: sum((l) => l.accrued),
    held: sum((l) => l.held),
    payable: sum((l) => l.payable),
    lines,
  };
}

/**
 * Anna's view of CommissionScenario at 30 h as CreatorKeyTests has it (worked out by hand there): one impression at
 * 30 h, two clicks on post-1 on the first day, u2's order of 200 credited to her under last touch; statements 43 accrued
 * (23 held, 20 payable) on 2026-03-02 and 20 (all held) on 2026-03-03. The split into lines is made up here.
 */
function annasView(over: Partial<CreatorView> = {}): CreatorView {
  return {
    campaign_id: 'spring',
    campaign_name: 'Spring launch',
    currency: 'USD',
    creator_id: 'anna',
    name: 'Anna',
    model: 'last_touch',
    generated_at: T0 + 30 * HOUR + 2_000,
    as_of: T0 + 30 * HOUR,
    figures: figures({ impressions: 1, reach: 1, clicks: 2, ctr: 2, engagement_rate: 0, conversions: 1, revenue: 200, updated_at: T0 + 30 * HOUR }),
    posts: [figures({ content_id: 'post-1', platform: 'instagram', impressions: 1, reach: 1, clicks: 2, ctr: 2, conversions: 1, revenue: 200 })],
    days: [
      { start: T0, end: T0 + DAY, impressions: 0, engagements: 0, clicks: 2, orders: 2 },
      { start: T0 + DAY, end: T0 + 2 * DAY, impressions: 1, engagements: 0, clicks: 0, orders: 0 },
    ],
    // Out of order on purpose: the page sorts them.
    statements: [
      statement('2026-03-03', T0 + DAY, 'draft', [{ kind: 'flat', basis: '20 a day', accrued: 20, held: 20, payable: 0 }]),
      statement('2026-03-02', T0, 'draft', [
        { kind: 'percent', basis: '10% of credited revenue', accrued: 23, held: 23, payable: 0 },
        { kind: 'flat', basis: '20 a day', accrued: 20, held: 0, payable: 20 },
      ]),
    ],
    ...over,
  };
}

describe('creator view', () => {
  it('names whose view of which campaign, its event time and the model credit is under', () => {
    expect(headingText(annasView())).toBe('Anna · Spring launch');
    expect(headingText(annasView({ name: ' ', campaign_name: '' }))).toBe('anna · spring');
    expect(metaText(annasView())).toBe('Your own figures in this campaign, to date, in USD · event time 2026-03-03 06:00 UTC');
    expect(metaText(annasView({ as_of: null, currency: '' }))).toBe('Your own figures in this campaign, to date, in USD · no events yet');
    expect(modelText(annasView())).toBe('Conversions and revenue are credited under last touch, the campaign’s reporting model.');
    expect(modelText(annasView({ model: 'linear' }))).toBe('Conversions and revenue are credited under linear, the campaign’s reporting model.');
  });

  it('writes the headline figures as the other panels do, revenue in the campaign currency under the model', () => {
    const cards = headlines(annasView());
    expect(cards.map((c) => [c.id, c.value])).toEqual([
      ['impressions', '1'],
      ['reach', '1'],
      ['engagements', '0'],
      ['engagement-rate', '0.00%'],
      ['clicks', '2'],
      ['ctr', '200.00%'], // two clicks on one impression (the clicks came from links shown elsewhere)
      ['conversions', '1'],
      ['revenue', '$200.00'],
    ]);
    expect(cards.find((c) => c.id === 'revenue')!.detail).toBe('USD, credited under last touch');
    expect(cards.find((c) => c.id === 'conversions')!.detail).toBe('credited under last touch');

    const big = headlines(annasView({ currency: 'EUR', figures: figures({ impressions: 1_234_567, conversions: 2.5, revenue: 1234.5, ctr: 0.0175 }) }));
    expect(big.map((c) => c.value)).toEqual(['1,234,567', '0', '0', '—', '0', '1.75%', '2.5', '€1,234.50']);
  });

  it('says when the figures last changed, or that there are none yet', () => {
    expect(freshnessSpan(annasView(), T0 + 30 * HOUR + 5 * 60_000)).toBe('to date · updated 5 min ago');
    expect(freshnessSpan(annasView({ figures: figures() }), T0)).toBe('to date · no data yet');
    expect(freshnessSpan(null, T0)).toBe('to date');
  });

  it('lists the posts with the most impressions first, ties by content id, a shared post’s credit as no data', () => {
    const posts = [
      figures({ content_id: 'b', platform: 'tiktok', impressions: 5 }),
      figures({ content_id: 'c', platform: 'youtube', impressions: 9, revenue: 12.5, conversions: 0.5 }),
      figures({ content_id: 'a', platform: 'podcast', impressions: 9 }),
    ];
    const rows = postRows(annasView({ posts }));
    expect(rows.map((r) => r.contentId)).toEqual(['a', 'c', 'b']);
    expect(rows[1]!.cells).toEqual({
      platform: 'YouTube',
      impressions: '9',
      reach: '0',
      engagements: '0',
      engagement_rate: '—',
      clicks: '0',
      ctr: '—',
      conversions: '0.5',
      revenue: '$12.50',
    });
    expect(rows[2]!.cells.conversions).toBe('—');

    const [anna] = postRows(annasView());
    expect([anna!.contentId, anna!.cells.clicks, anna!.cells.revenue, anna!.cells.platform]).toEqual(['post-1', '2', '$200.00', 'Instagram']);
    expect(postRows(annasView({ posts: [] }))).toEqual([]);
  });

  it('lists the days newest first, each bar its impressions over the busiest day’s', () => {
    const rows = dayRows(annasView());
    expect(rows.map((r) => [r.day, r.cells.impressions, r.cells.clicks, r.cells.conversions, r.share, r.barLabel])).toEqual([
      ['2026-03-03', '1', '0', '0', 1, '100.0% of your busiest day’s impressions'],
      ['2026-03-02', '0', '2', '2', 0, '0.0% of your busiest day’s impressions'],
    ]);

    // Orders in a day are counted once whatever model credits them: the column is not the headline's credited conversions.
    expect(DAY_COLUMNS.map((c) => c.label)).toEqual(['Impressions', 'Engagements', 'Clicks', 'Orders']);

    const quarter = dayRows(annasView({ days: [0, 400, 1600].map((impressions, i) => ({ start: T0 + i * DAY, end: T0 + (i + 1) * DAY, impressions, engagements: 3, clicks: 1, orders: 0 })) }));
    expect(quarter.map((r) => r.share)).toEqual([1, 0.25, 0]);
    expect(quarter[0]!.cells.impressions).toBe('1,600');
    // No impression on any day: no bar, rather than a division by zero.
    expect(dayRows(annasView({ days: [{ start: T0, end: T0 + DAY, impressions: 0, engagements: 0, clicks: 0, orders: 0 }] }))[0]!.share).toBe(0);
  });

  it('lists the statements oldest period first with their amounts and lines, read-only', () => {
    const rows = creatorStatementRows(annasView());
    expect(rows.map((r) => [r.period, r.periodText, r.stateLabel, r.accrued, r.held, r.payable])).toEqual([
      ['2026-03-02', '2026-03-02', 'Draft', '$43.00', '$23.00', '$20.00'],
      ['2026-03-03', '2026-03-03', 'Draft', '$20.00', '$20.00', '$0.00'],
    ]);
    expect(rows[0]!.lines.map(lineText)).toEqual([
      'Percentage (10% of credited revenue): accrued $23.00 · held $23.00 · payable $0.00',
      'Flat fee (20 a day): accrued $20.00 · held $0.00 · payable $20.00',
    ]);
    expect(Object.keys(rows[0]!)).not.toContain('buttons'); // nothing to decide on in a creator's view
  });

  it('sums up the statements by state, or says there are none', () => {
    expect(statementsSummary(annasView())).toBe('2 statements, figures as of 2026-03-03 06:00 UTC (event time): 2 drafts awaiting review, 0 approved.');
    const decided = annasView({
      statements: [statement('2026-03-02', T0, 'approved', []), statement('2026-03-03', T0 + DAY, 'rejected', [])],
    });
    expect(statementsSummary(decided)).toBe('2 statements, figures as of 2026-03-03 06:00 UTC (event time): 0 drafts awaiting review, 1 rejected, 1 approved.');
    expect(statementsSummary(annasView({ statements: [statement('2026-03-02', T0, 'draft', [])] }))).toBe(
      '1 statement, figures as of 2026-03-03 06:00 UTC (event time): 1 draft awaiting review, 0 approved.',
    );
    expect(statementsSummary(annasView({ statements: [] }))).toBeNull();
  });

  it('says the server refused the view with its reason', () => {
    expect(refusalText("the API key does not give access to creator 'ben'")).toBe(
      "The server refused your view of this campaign: the API key does not give access to creator 'ben'.",
    );
    expect(refusalText('Ask the team.')).toBe('The server refused your view of this campaign: Ask the team.');
    expect(refusalText('  ')).toBe('The server refused your view of this campaign.');
  });

  it('opens the campaign the hash names when the key covers it, else the first; the hash holds the campaign only', () => {
    const campaigns: Campaign[] = [
      { campaign_id: 'spring', brand_id: 'acme', name: 'Spring launch', currency: 'USD' },
      { campaign_id: 'autumn', brand_id: 'acme', name: 'Autumn', currency: 'EUR' },
    ];
    expect(pickCampaign(campaigns, 'autumn')?.campaign_id).toBe('autumn');
    expect(pickCampaign(campaigns, 'winter')?.campaign_id).toBe('spring');
    expect(pickCampaign(campaigns, null)?.campaign_id).toBe('spring');
    expect(pickCampaign([], 'spring')).toBeNull();
    expect(creatorHash('spring & co')).toBe('#campaign=spring+%26+co');
  });

  it('takes a key for a creator’s only when /api/me names one', () => {
    expect(creatorOf({ creator: 'anna' })).toBe('anna');
    expect(creatorOf({ creator: null })).toBeNull(); // a manager's key
    expect(creatorOf({ creator: '' })).toBeNull();
    expect(creatorOf({} as { creator: string | null })).toBeNull(); // an answer without the field
    expect(creatorOf(null)).toBeNull();
  });
});
