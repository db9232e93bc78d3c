import { describe, expect, it } from 'vitest';
import { authenticText, campaignLine, campaignsText, cpaText, roiText, rosterScope, suggestionText } from '../src/rosterdata';
import type { RosterCampaign, RosterSuggestion, RosterView } from '../src/types';

const SPRING = Date.UTC(2026, 2, 2);

function campaign(over: Partial<RosterCampaign> = {}): RosterCampaign {
  return {
    campaign_id: 'spring',
    campaign_name: 'Spring launch',
    currency: 'USD',
    model: 'last_touch',
    first_event_ts: SPRING,
    last_event_ts: SPRING + 72 * 3_600_000,
    fixed_cost: 800,
    commission_rate: 0.1,
    conversions: 14,
    revenue: 2_100,
    reach: 40,
    authentic_engagements: 0,
    inauthentic_engagements: 0,
    cost: 1_010,
    roi: 1.0792,
    cpa: 72.142857,
    authentic_share: null,
    ...over,
  };
}

function suggestion(over: Partial<RosterSuggestion> = {}): RosterSuggestion {
  return {
    creator_id: 'anna',
    name: 'Anna K.',
    action: 'expand',
    confidence: 'high',
    reasons: ['Her return on cost stays above zero at the low end of its interval.'],
    evidence: {
      currency: 'USD',
      campaigns: 2,
      left_out: [],
      conversions: { estimate: 26, low: 18.2, high: 35.1 },
      revenue: { estimate: 3_900, low: 2_730, high: 5_265 },
      revenue_total: 3_900,
      cost: 2_190,
      roi: { estimate: 0.7808, low: 0.2466, high: 1.4041 },
      cpa: 84.23,
      engagements_judged: 40,
      authentic_share: { estimate: 1, low: 0.937, high: 1 },
    },
    history: [campaign()],
    ...over,
  };
}

describe('the roster in words', () => {
  it('says the action and how sure it is', () => {
    expect(suggestionText(suggestion())).toBe('Expand · holds at 99 %');
    expect(suggestionText(suggestion({ action: 'renew', confidence: 'low' }))).toBe('Renew · nothing clears either way');
    expect(suggestionText(suggestion({ action: 'conclude', confidence: 'medium' }))).toBe('Conclude · holds at 90 %');
  });

  it('writes the pooled evidence with its intervals', () => {
    expect(roiText(suggestion())).toBe('≈ 78.08% (24.66% to 140.41%)');
    expect(roiText(suggestion({ evidence: { ...suggestion().evidence, roi: null } }))).toBe('—');
    expect(cpaText(suggestion())).toBe('$84.23');
    expect(authenticText(suggestion())).toBe('≈ 100.0% (93.7% to 100.0%) of 40');
    expect(authenticText(suggestion({ evidence: { ...suggestion().evidence, authentic_share: null } }))).toBe('none judged yet');
  });

  it('names the campaigns left out for another currency', () => {
    expect(campaignsText(suggestion())).toBe('2 campaigns in USD');
    expect(campaignsText(suggestion({ evidence: { ...suggestion().evidence, campaigns: 1, left_out: ['autumn-eu'] } }))).toBe(
      '1 campaign in USD; autumn-eu left out (another currency)',
    );
  });

  it('writes a campaign of the history with its own ROI and CPA', () => {
    expect(campaignLine(campaign())).toBe(
      'Spring launch (to Mar 5, 00:00 UTC, last touch): ROI 107.92% · CPA $72.14 · 14 conversions, $2,100.00 revenue, $1,010.00 cost',
    );
    expect(campaignLine(campaign({ last_event_ts: null, roi: null, cpa: null, conversions: 0 }))).toContain('(no events yet, last touch): ROI — · CPA —');
  });

  it('says what the roster covers', () => {
    const view: RosterView = { generated_at: 0, roster: { brand_id: 'acme', as_of: SPRING, campaigns: ['winter', 'spring'], creators: [] } };
    expect(rosterScope(view)).toBe('Across the 2 campaigns of acme your key reads (winter, spring), to Mar 2, 00:00 UTC.');
    expect(rosterScope({ ...view, roster: { ...view.roster, campaigns: [] } })).toBe('No campaign of this brand that your key reads has figures yet.');
  });
});
