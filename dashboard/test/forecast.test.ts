import { describe, expect, it } from 'vitest';
import {
  additionalCost,
  askedText,
  forecastSummary,
  needsEnd,
  parseAmount,
  parseForm,
  parseThroughDay,
  spendText,
  throughDay,
} from '../src/forecastdata';
import type { CreatorForecast, ForecastView } from '../src/types';

const SPRING = Date.UTC(2026, 2, 2); // Monday 2 March 2026, 00:00 UTC
const HOUR = 3_600_000;

function creator(id: string, over: Partial<CreatorForecast> = {}): CreatorForecast {
  return {
    creator_id: id,
    extra_spend: 0,
    impression_multiplier: 1,
    audience: null,
    response: { estimate: 1, low: 1, high: 1 },
    hours_measured: 72,
    orders: 14,
    dispersion: 14,
    conversions_to_date: 14,
    revenue_to_date: 2_100,
    additional_conversions: { estimate: 14, low: 2.4, high: 41.2 },
    additional_revenue: { estimate: 2_100, low: 360, high: 6_180 },
    conversions: { estimate: 28, low: 16.4, high: 55.2 },
    revenue: { estimate: 4_200, low: 2_460, high: 8_280 },
    additional_cost: 0,
    fit: 'At the pace so far: 14 orders in 72 hours.',
    ...over,
  };
}

function forecast(over: Partial<ForecastView> = {}): ForecastView {
  return {
    campaign_id: 'spring',
    model: 'last_touch',
    currency: 'USD',
    basis: 'campaign',
    earlier_campaigns: [],
    not_projected: [],
    as_of: SPRING + 72 * HOUR,
    until: SPRING + 144 * HOUR,
    hours_left: 72,
    budget_remaining: null,
    allocated: 0,
    creators: [creator('anna'), creator('ben', { additional_revenue: null, revenue: null })],
    additional_conversions: { estimate: 18, low: 4.1, high: 50.6 },
    additional_revenue: null,
    conversions: { estimate: 36, low: 22.1, high: 68.6 },
    revenue: null,
    method: 'm',
    ...over,
  };
}

describe('the day to project through', () => {
  it('is the end of the chosen UTC day, so the day is included', () => {
    expect(parseThroughDay('2026-03-07')).toBe(SPRING + 144 * HOUR);
    expect(throughDay(SPRING + 144 * HOUR)).toBe('2026-03-07');
    // A horizon inside a day runs through that day.
    expect(throughDay(SPRING + 150 * HOUR)).toBe('2026-03-08');
  });

  it('blank means the goal\u2019s end; a day that does not exist or another shape is refused', () => {
    expect(parseThroughDay('  ')).toBeNull();
    expect(parseThroughDay('2026-02-30')).toBeUndefined();
    expect(parseThroughDay('07/03/2026')).toBeUndefined();
    expect(parseThroughDay('2026-3-7')).toBeUndefined();
  });
});

describe('amounts as typed', () => {
  it('reads plain decimals with thousands separators; blank is none', () => {
    expect(parseAmount('400')).toBe(400);
    expect(parseAmount(' 1,250.50 ')).toBe(1_250.5);
    expect(parseAmount('0')).toBe(0);
    expect(parseAmount('')).toBeNull();
  });

  it('refuses signs, exponents, currency symbols and words', () => {
    for (const text of ['-5', '1e3', '$40', 'abc', '4.', '.5', 'Infinity']) expect(parseAmount(text)).toBeUndefined();
  });
});

describe('the form as a request', () => {
  const fields = (anna: string, ben = '') => [
    { creatorId: 'anna', name: 'Anna K.', text: anna },
    { creatorId: 'ben', name: 'Ben', text: ben },
  ];

  it('sends only the creators given more than nothing, and the day as the end of it', () => {
    expect(parseForm(fields('400', '0'), '2026-03-07')).toEqual({ request: { allocation: { anna: 400 }, until: SPRING + 144 * HOUR } });
    expect(parseForm(fields('', ''), '')).toEqual({ request: { allocation: {}, until: null } });
  });

  it('names the creator or the day that is wrong', () => {
    expect(parseForm(fields('lots'), '')).toEqual({ error: expect.stringContaining('Extra spend for Anna K. must be an amount') as unknown });
    expect(parseForm(fields('-1'), '')).toEqual({ error: expect.stringContaining('not "-1"') as unknown });
    expect(parseForm(fields('400'), 'soon')).toEqual({ error: expect.stringContaining('not "soon"') as unknown });
  });

  it('says which question the figures answer', () => {
    expect(askedText({ allocation: {}, until: null })).toBe('At the pace so far, to the goal\u2019s end.');
    expect(askedText({ allocation: {}, until: 1 })).toBe('At the pace so far, through the day chosen.');
    expect(askedText({ allocation: { anna: 1 }, until: 1 })).toBe('Your proposed extra spend, projected.');
  });

  it('says when the projection stands on earlier campaigns, and who it leaves out', () => {
    const history = forecast({ basis: 'history', earlier_campaigns: ['autumn', 'winter'], not_projected: ['dan'] });
    expect(askedText({ allocation: {}, until: 1 }, history, (id) => (id === 'dan' ? 'Dan' : id))).toBe(
      'At each creator\u2019s pace in earlier campaigns, through the day chosen. The campaign has less than a day of figures of its own, so this ' +
        'is projected as at its start from the brand\u2019s earlier campaigns (autumn, winter). Not projected (no earlier campaign): Dan; not in the sums.',
    );
    expect(askedText({ allocation: {}, until: null }, forecast())).toBe('At the pace so far, to the goal\u2019s end.');
  });
});

describe('the panel\u2019s sentences', () => {
  it('says what is projected, to when, under which model, each with its interval', () => {
    expect(forecastSummary(forecast())).toBe(
      'Through 2026-03-07 (UTC), 72 hours after the newest event (Mar 5, 00:00 UTC), credited under last touch: ' +
        '≈ 18 (4 to 51) more conversions and revenue not projected (no sale yet to value orders by); ≈ 36 (22 to 69) conversions in all by then.',
    );
    expect(forecastSummary(forecast({ additional_revenue: { estimate: 2_700, low: 400, high: 7_000 } }))).toContain(
      '≈ $2,700.00 ($400.00 to $7,000.00) more revenue',
    );
  });

  it('adds the cost of a proposal over the creators, and says what budget is left', () => {
    const proposal = forecast({
      allocated: 400,
      budget_remaining: 1_200,
      creators: [creator('anna', { extra_spend: 400, additional_cost: 820 }), creator('ben', { additional_cost: 105 })],
    });
    expect(additionalCost(proposal)).toBe(925);
    expect(spendText(proposal)).toBe('With $400.00 of extra spend: $925.00 more in all, with the commission on the projected revenue · budget left $1,200.00.');
    const pace = forecast({ creators: [creator('anna', { additional_cost: 210 }), creator('ben', { additional_cost: 10 })] });
    expect(spendText(pace)).toBe('At the pace so far: $220.00 more in commission on the projected revenue · the goal names no budget.');
  });

  it('says a projection from earlier campaigns starts at the campaign\u2019s start, at their pace', () => {
    const history = forecast({ basis: 'history', as_of: SPRING, hours_left: 144, creators: [creator('anna', { additional_cost: 30 })] });
    expect(forecastSummary(history)).toContain('Through 2026-03-07 (UTC), 144 hours from the campaign\u2019s start (Mar 2, 00:00 UTC),');
    expect(spendText(history)).toBe('At the earlier campaigns\u2019 pace: $30.00 more in commission on the projected revenue · the goal names no budget.');
  });

  it('recognises the server\u2019s refusal for a campaign with no end', () => {
    expect(needsEnd("the campaign's goal has no end date: give until")).toBe(true);
    expect(needsEnd('the campaign has less than a day of figures')).toBe(false);
  });
});
