import { describe, expect, it } from 'vitest';
import { bestText, compareModels, costRevenueBars, fallbackText, sortByRevenue } from '../src/attributiondata';
import { hashForView, viewFromHash } from '../src/hash';
import { ATTRIBUTION_MODELS, isAttributionModel, modelLabel, modelPhrase } from '../src/models';
import type { CreatorAttribution, CreditSums } from '../src/types';

function byModel(revenue: Partial<Record<string, number>>): Record<string, CreditSums> {
  return Object.fromEntries(
    ATTRIBUTION_MODELS.map((m) => [m, { conversions: (revenue[m] ?? 0) / 50, revenue: revenue[m] ?? 0 }]),
  );
}

function creator(id: string, over: Partial<CreatorAttribution> = {}): CreatorAttribution {
  return {
    creator_id: id,
    name: id.toUpperCase(),
    conversions: 0,
    revenue: 0,
    assisted_conversions: 0,
    cost: 100,
    roi: -1,
    roas: 0,
    cpa: null,
    by_model: byModel({}),
    ...over,
  };
}

describe('models', () => {
  it('knows the seven server models only', () => {
    expect(ATTRIBUTION_MODELS).toHaveLength(7);
    for (const m of ATTRIBUTION_MODELS) expect(isAttributionModel(m)).toBe(true);
    for (const m of ['', 'Linear', 'markov', null, 3]) expect(isAttributionModel(m)).toBe(false);
  });
  it('names them', () => {
    expect(modelLabel('time_decay')).toBe('Time decay');
    expect(modelLabel('position_based')).toBe('Position-based');
    expect(modelLabel('shapley_value')).toBe('Shapley value');
    expect(modelPhrase('last_touch')).toBe('last touch');
    expect(modelPhrase('direct')).toBe('direct (codes and links)');
  });
});

describe('model in the hash', () => {
  it('reads a known model and leaves an unknown one out', () => {
    expect(viewFromHash('#campaign=spring&window=1h&model=linear')).toEqual({
      campaign: 'spring',
      window: '1h',
      model: 'linear',
    });
    expect(viewFromHash('#campaign=spring&model=markov').model).toBeUndefined();
    expect(viewFromHash('#campaign=spring').model).toBeUndefined();
  });
  it('writes the model only when one was chosen', () => {
    expect(hashForView('spring', 'campaign', 'data_driven')).toBe('#campaign=spring&window=campaign&model=data_driven');
    expect(hashForView('spring', 'campaign', null)).toBe('#campaign=spring&window=campaign');
    expect(viewFromHash(hashForView('a&b', '5m', 'first_touch'))).toEqual({
      campaign: 'a&b',
      window: '5m',
      model: 'first_touch',
    });
  });
});

describe('sortByRevenue', () => {
  it('puts the highest credited revenue first, then conversions, then name', () => {
    const sorted = sortByRevenue([
      creator('b', { revenue: 10, conversions: 1 }),
      creator('a', { revenue: 10, conversions: 1 }),
      creator('c', { revenue: 10, conversions: 2 }),
      creator('d', { revenue: 99 }),
    ]);
    expect(sorted.map((c) => c.creator_id)).toEqual(['d', 'c', 'a', 'b']);
  });
  it('keeps a repeated id once', () => {
    expect(sortByRevenue([creator('a'), creator('a', { revenue: 5 })])).toHaveLength(1);
  });
});

describe('fallbackText', () => {
  it('says plainly when data-driven credits as linear', () => {
    expect(fallbackText({ data_driven_fallback: true })).toBe('data-driven needs more conversions: showing linear');
    expect(fallbackText({ data_driven_fallback: false })).toBeNull();
  });
});

describe('compareModels', () => {
  it('marks each creator’s highest model, ties included, and totals per model', () => {
    const result = compareModels([
      creator('a', { by_model: byModel({ first_touch: 300, last_touch: 100, linear: 200, direct: 300.004 }) }),
      creator('b', { by_model: byModel({ last_touch: 50 }) }),
      creator('c'),
    ]);
    expect(result.rows.map((r) => r.creatorId)).toEqual(['a', 'b', 'c']);
    expect(result.rows[0]!.best).toEqual(['first_touch', 'direct']);
    expect(result.rows[0]!.revenue.linear).toBe(200);
    expect(result.rows[0]!.conversions.first_touch).toBe(6);
    expect(result.rows[1]!.best).toEqual(['last_touch']);
    expect(result.rows[2]!.best).toEqual([]); // nothing credited: nothing to highlight
    expect(result.totals.last_touch).toBe(150);
    expect(result.totals.time_decay).toBe(0);
  });
  it('reads a model the server left out as no data, not zero', () => {
    const partial = creator('a', { by_model: { linear: { conversions: 1, revenue: 40 } } });
    const [row] = compareModels([partial]).rows;
    expect(row!.revenue.linear).toBe(40);
    expect(row!.revenue.first_touch).toBeNull();
    expect(row!.best).toEqual(['linear']);
  });
  it('describes the best models in words', () => {
    expect(bestText(['linear'])).toBe('highest under linear');
    expect(bestText(['first_touch', 'time_decay', 'direct'])).toBe(
      'highest under first touch, time decay and direct (codes and links)',
    );
    expect(bestText([])).toBe('no revenue credited under any model yet');
    expect(bestText([...ATTRIBUTION_MODELS])).toBe('the same under every model');
  });
});

describe('costRevenueBars', () => {
  it('puts cost and revenue of every creator on one scale', () => {
    const bars = costRevenueBars([
      creator('a', { cost: 200, revenue: 400, roas: 2 }),
      creator('b', { cost: 100, revenue: 0, roas: 0 }),
    ]);
    expect(bars[0]).toMatchObject({ creatorId: 'a', name: 'A', costShare: 0.5, revenueShare: 1, roas: 2 });
    expect(bars[1]).toMatchObject({ costShare: 0.25, revenueShare: 0 });
  });
  it('draws nothing when there is nothing to draw, and never a negative bar', () => {
    const nothing = costRevenueBars([creator('a', { cost: 0, revenue: 0 })])[0];
    expect(nothing).toMatchObject({ costShare: 0, revenueShare: 0 });
    const refunded = costRevenueBars([creator('a', { cost: 100, revenue: -20, roas: null })])[0]!;
    expect(refunded.revenueShare).toBe(0);
    expect(refunded.revenue).toBe(-20);
    expect(refunded.roas).toBeNull();
    const noCost = costRevenueBars([creator('a', { cost: null, revenue: 10 })])[0]!;
    expect(noCost).toMatchObject({ cost: null, costShare: 0, revenueShare: 1 });
  });
});
