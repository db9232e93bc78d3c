import { describe, expect, it } from 'vitest';
import { engagementSplit, splitText } from '../src/engagementsplit';

describe('engagementSplit', () => {
  it('names the part it cannot split for both causes while the server sends no inauthentic count', () => {
    expect(engagementSplit({ total: 100, authentic: 60 })).toEqual([
      { id: 'authentic', label: 'authentic', count: 60 },
      { id: 'not-authentic', label: 'judged inauthentic or awaiting judgement', count: 40 },
    ]);
    expect(splitText({ total: 100, authentic: 60 })).toBe('40 judged inauthentic or awaiting judgement (40.00%)');
  });

  it('splits into three once the server sends the count judged inauthentic', () => {
    expect(engagementSplit({ total: 100, authentic: 60, inauthentic: 25 }).map((p) => [p.id, p.count])).toEqual([
      ['authentic', 60],
      ['inauthentic', 25],
      ['awaiting', 15],
    ]);
    expect(splitText({ total: 100, authentic: 60, inauthentic: 25 })).toBe(
      '25 judged inauthentic (25.00%) · 15 awaiting judgement (15.00%)',
    );
  });
});
