import { describe, expect, it } from 'vitest';
import { AuthError } from '../src/api';
import { createRestView } from '../src/restview';

/** A fetch whose answers the test hands out, one pending promise per call. */
function fakeFetch() {
  const calls: { key: string; id: string; resolve: (v: string) => void; reject: (e: unknown) => void }[] = [];
  const fetch = (key: string, id: string) => new Promise<string>((resolve, reject) => calls.push({ key, id, resolve, reject }));
  return { calls, fetch };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('restview', () => {
  it('shows the answer for the campaign shown, never an older request\'s', async () => {
    const { calls, fetch } = fakeFetch();
    const painted: (string | null)[] = [];
    const view = createRestView(fetch, 60_000, () => painted.push(view.answer), () => {}, () => 1_000);
    view.show('k', 'spring');
    view.show('k', 'autumn');
    expect(calls.map((c) => c.id)).toEqual(['spring', 'autumn']);
    calls[1]!.resolve('autumn figures');
    calls[0]!.resolve('spring figures'); // late: another campaign is shown now
    await settle();
    expect(view.answer).toBe('autumn figures');
    expect(painted).not.toContain('spring figures');
    expect(view.freshness(4_000)).toBe('to date · refreshed 3 s ago');
  });

  it('keeps the last figures when a refresh fails and says so, and hands a refused key up', async () => {
    const { calls, fetch } = fakeFetch();
    const refused: string[] = [];
    let clock = 0;
    const view = createRestView(fetch, 1, () => {}, (r) => refused.push(r), () => clock);
    view.show('k', 'spring');
    calls[0]!.resolve('figures');
    await settle();
    clock = 40_000;
    const again = view.reload();
    calls[1]!.reject(new Error('HTTP 503'));
    await again;
    expect(view.answer).toBe('figures');
    expect(view.freshness(40_000)).toBe('refresh failed (HTTP 503) · showing figures from 40 s ago');

    const third = view.reload();
    calls[2]!.reject(new AuthError('key revoked', 401));
    await third;
    expect(refused).toEqual(['key revoked']);
  });

  it('ignores pokes for other campaigns and stops fetching once stopped', async () => {
    const { calls, fetch } = fakeFetch();
    const view = createRestView(fetch, 0, () => {}, () => {}, () => 0);
    view.show('k', 'spring');
    calls[0]!.resolve('a');
    await settle();
    view.poke('autumn');
    await settle();
    expect(calls).toHaveLength(1);
    view.stop();
    view.poke('spring');
    await view.reload();
    expect(calls).toHaveLength(1);
    expect(view.key).toBeNull();
  });
});
