import { describe, expect, it } from 'vitest';
import { hashForView, viewFromHash } from '../src/hash';
import { isSummaryWindow, windowHeading } from '../src/windows';

describe('viewFromHash', () => {
  it('reads the campaign and the window', () => {
    expect(viewFromHash('#campaign=spring&window=1h')).toEqual({ campaign: 'spring', window: '1h' });
    expect(viewFromHash('campaign=spring&window=5m')).toEqual({ campaign: 'spring', window: '5m' });
    expect(viewFromHash('#window=24h&campaign=spring')).toEqual({ campaign: 'spring', window: '24h' });
  });
  it('defaults to campaign to date when the window is missing or unknown', () => {
    expect(viewFromHash('#campaign=spring')).toEqual({ campaign: 'spring', window: 'campaign' });
    expect(viewFromHash('#campaign=spring&window=2h')).toEqual({ campaign: 'spring', window: 'campaign' });
    expect(viewFromHash('#campaign=spring&window=')).toEqual({ campaign: 'spring', window: 'campaign' });
    expect(viewFromHash('#campaign=spring&window=5M')).toEqual({ campaign: 'spring', window: 'campaign' });
  });
  it('names no campaign for an empty or foreign hash', () => {
    expect(viewFromHash('')).toEqual({ campaign: null, window: 'campaign' });
    expect(viewFromHash('#')).toEqual({ campaign: null, window: 'campaign' });
    expect(viewFromHash('#campaign=')).toEqual({ campaign: null, window: 'campaign' });
    expect(viewFromHash('#window=1h')).toEqual({ campaign: null, window: '1h' });
  });
  it('decodes escaped campaign ids', () => {
    expect(viewFromHash('#campaign=spring%20launch%26more&window=1h').campaign).toBe('spring launch&more');
  });
});

describe('hashForView', () => {
  it('writes both, escaped, and reads back the same', () => {
    expect(hashForView('spring', '1h')).toBe('#campaign=spring&window=1h');
    const odd = 'a b&c=d#e';
    expect(viewFromHash(hashForView(odd, '5m'))).toEqual({ campaign: odd, window: '5m' });
  });
});

describe('windows', () => {
  it('knows the four server windows only', () => {
    for (const w of ['5m', '1h', '24h', 'campaign']) expect(isSummaryWindow(w)).toBe(true);
    for (const w of ['', '7d', null, undefined, 5]) expect(isSummaryWindow(w)).toBe(false);
  });
  it('names them for headings', () => {
    expect(windowHeading('5m')).toBe('Last 5 minutes');
    expect(windowHeading('campaign')).toBe('Campaign to date');
    expect(windowHeading('7d')).toBe('7d');
  });
});
