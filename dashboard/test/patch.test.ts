import { describe, expect, it } from 'vitest';
import { applyPatch } from '../src/patch';

describe('applyPatch', () => {
  it('applies the patch the server wrote for one creator, one new minute and a goal (SnapshotPatchTests)', () => {
    const before = {
      totals: { impressions: 10, engagements: { like: 2, total: 2 }, ctr: null },
      creators: [
        { creator_id: 'anna', impressions: 6, ctr: 0.5 },
        { creator_id: 'ben', impressions: 4, ctr: null },
      ],
      series: [{ start: 60000, impressions: 10 }],
      goal: null,
      window: 'campaign',
    };
    // The server's own output for this pair, copied from SnapshotPatchTests.
    const patch = JSON.parse(
      '{"totals":{"engagements":{"like":3,"total":3}},"creators":{"$key":["creator_id"],"$upsert":[{"creator_id":"ben","ctr":0.25}],"$remove":[]},"series":{"$key":["start"],"$upsert":[{"start":120000,"impressions":1}],"$remove":[60000]},"goal":{"kpi":"revenue","target":5}}',
    );

    expect(applyPatch(before, patch)).toEqual({
      totals: { impressions: 10, engagements: { like: 3, total: 3 }, ctr: null },
      creators: [
        { creator_id: 'anna', impressions: 6, ctr: 0.5 },
        { creator_id: 'ben', impressions: 4, ctr: 0.25 },
      ],
      series: [{ start: 120000, impressions: 1 }],
      goal: { kpi: 'revenue', target: 5 },
      window: 'campaign',
    });
    expect(before.creators[1]!.ctr).toBeNull(); // the snapshot held is not changed
  });

  it('sets a value to null, and removes rows named by a compound key', () => {
    const before = { ctr: 0.5, rows: [{ a: 1, b: 'x', n: 1 }, { a: 1, b: 'y', n: 2 }] };
    const patch = { ctr: null, rows: { $key: ['a', 'b'], $upsert: [], $remove: [[1, 'x']] } };

    expect(applyPatch(before, patch)).toEqual({ ctr: null, rows: [{ a: 1, b: 'y', n: 2 }] });
  });
});
