import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatAgo,
  formatClock,
  formatCount,
  formatMoney,
  formatPercent,
  formatUtcMinute,
  formatUtcRange,
  NO_DATA,
  toEpochMs,
} from '../src/format';

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
  });
  it('shows null and non-finite values as no data', () => {
    expect(formatCount(null)).toBe(NO_DATA);
    expect(formatCount(undefined)).toBe(NO_DATA);
    expect(formatCount(Number.NaN)).toBe(NO_DATA);
  });
});

describe('formatPercent', () => {
  it('shows a ratio with 2 decimals', () => {
    expect(formatPercent(0.175)).toBe('17.50%');
    expect(formatPercent(0.05)).toBe('5.00%');
    expect(formatPercent(0)).toBe('0.00%');
    expect(formatPercent(12.3456)).toBe('1,234.56%');
  });
  it('shows null as no data, not 0%', () => {
    expect(formatPercent(null)).toBe(NO_DATA);
  });
});

describe('formatMoney', () => {
  it('uses the campaign currency', () => {
    expect(formatMoney(1.9, 'USD')).toBe('$1.90');
    expect(formatMoney(1234.5, 'EUR')).toBe('€1,234.50');
    expect(formatMoney(1000, 'usd')).toBe('$1,000.00');
  });
  it('falls back to amount and code for an unknown currency', () => {
    expect(formatMoney(1234.5, 'NOT-A-CODE')).toBe('1,234.50 NOT-A-CODE');
  });
  it('shows null as no data', () => {
    expect(formatMoney(null, 'USD')).toBe(NO_DATA);
  });
});

describe('formatAge', () => {
  const now = 1_763_700_000_000;
  it('counts seconds, minutes, hours and days', () => {
    expect(formatAge(now - 3_000, now)).toBe('updated 3 s ago');
    expect(formatAge(now - 59_999, now)).toBe('updated 59 s ago');
    expect(formatAge(now - 5 * 60_000, now)).toBe('updated 5 min ago');
    expect(formatAge(now - 2 * 3_600_000, now)).toBe('updated 2 h ago');
    expect(formatAge(now - 3 * 86_400_000, now)).toBe('updated 3 d ago');
  });
  it('reads a time at or after now (clock skew) as just now', () => {
    expect(formatAge(now, now)).toBe('updated just now');
    expect(formatAge(now + 2_000, now)).toBe('updated just now');
  });
  it('says when nothing has arrived yet', () => {
    expect(formatAge(null, now)).toBe('no data yet');
  });
});

describe('time values', () => {
  it('accepts epoch ms and ISO strings', () => {
    expect(toEpochMs(1_763_700_000_000)).toBe(1_763_700_000_000);
    expect(toEpochMs('2025-11-21T04:40:00Z')).toBe(1_763_700_000_000);
    expect(toEpochMs('not a time')).toBeNull();
    expect(toEpochMs(null)).toBeNull();
  });
  it('formats a clock time in a given zone', () => {
    expect(formatClock(1_763_700_000_000, 'UTC')).toBe('04:40:00');
    expect(formatClock(null)).toBe(NO_DATA);
  });
});

describe('formatAgo and UTC times', () => {
  const now = 1_763_700_000_000;
  it('says how long ago', () => {
    expect(formatAgo(now - 3_000, now)).toBe('3 s ago');
    expect(formatAgo(now - 90 * 60_000, now)).toBe('1 h ago');
    expect(formatAgo(now + 1_000, now)).toBe('just now');
    expect(formatAgo(null, now)).toBe(NO_DATA);
  });
  it('formats UTC minutes and ranges', () => {
    expect(formatUtcMinute(now)).toBe('04:40');
    expect(formatUtcMinute('nope')).toBe(NO_DATA);
    expect(formatUtcRange(now, now + 60_000)).toBe('04:40–04:41 UTC');
    expect(formatUtcRange('2025-11-21T04:40:00Z', null)).toBe('04:40 UTC');
    expect(formatUtcRange(null, null)).toBe(NO_DATA);
  });
});
