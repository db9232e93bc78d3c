import { describe, expect, it } from 'vitest';
import { DEFAULT_SORT, nextSort, sortCreators } from '../src/creators';
import type { CreatorFigures } from '../src/types';

function creator(id: string, total: number, ctr: number | null, name: string | null = id): CreatorFigures {
  return {
    creator_id: id,
    name,
    impressions: 100,
    reach: 50,
    engagements: { like: total, comment: 0, share: 0, save: 0, total },
    authentic_engagements: total,
    engagement_rate: null,
    clicks: 0,
    ctr,
    emv: null,
    updated_at: null,
  };
}

const ids = (rows: CreatorFigures[]) => rows.map((r) => r.creator_id);

describe('sortCreators', () => {
  const rows = [creator('bo', 5, 0.1), creator('anna', 14, null), creator('cy', 5, 0.2, 'Cy')];

  it('sorts by engagements, highest first, by default', () => {
    expect(ids(sortCreators(rows, DEFAULT_SORT))).toEqual(['anna', 'bo', 'cy']);
  });
  it('puts nulls last in both directions', () => {
    expect(ids(sortCreators(rows, { key: 'ctr', direction: 'desc' }))).toEqual(['cy', 'bo', 'anna']);
    expect(ids(sortCreators(rows, { key: 'ctr', direction: 'asc' }))).toEqual(['bo', 'cy', 'anna']);
  });
  it('sorts names case-insensitively, falling back to the id', () => {
    const named = [creator('z', 1, null, 'beta'), creator('y', 1, null, null), creator('x', 1, null, 'Alpha')];
    expect(ids(sortCreators(named, { key: 'name', direction: 'asc' }))).toEqual(['x', 'z', 'y']);
  });
});

describe('nextSort', () => {
  it('flips the direction of the current column', () => {
    expect(nextSort(DEFAULT_SORT, 'engagements')).toEqual({ key: 'engagements', direction: 'asc' });
  });
  it('starts a new number column high-to-low and the name column A-Z', () => {
    expect(nextSort(DEFAULT_SORT, 'clicks')).toEqual({ key: 'clicks', direction: 'desc' });
    expect(nextSort(DEFAULT_SORT, 'name')).toEqual({ key: 'name', direction: 'asc' });
  });
});
