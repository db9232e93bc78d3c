import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createThrottle } from '../src/throttle';

describe('createThrottle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_767_225_600_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the first poke at once and collapses the next ones into one run at the interval’s end', () => {
    const run = vi.fn();
    const throttle = createThrottle(5000, run);
    throttle.poke();
    expect(run).toHaveBeenCalledTimes(1);
    throttle.poke();
    vi.advanceTimersByTime(1000);
    throttle.poke();
    throttle.poke();
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(3999);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(60_000); // no pokes, no runs
    expect(run).toHaveBeenCalledTimes(2);
    throttle.poke(); // a quiet spell is over: at once
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('never runs more than once per interval under a steady stream of pokes', () => {
    const runs: number[] = [];
    const throttle = createThrottle(5000, () => void runs.push(Date.now()));
    for (let t = 0; t < 30_000; t += 250) {
      throttle.poke();
      vi.advanceTimersByTime(250);
    }
    expect(runs).toHaveLength(7); // at 0, 5, 10, … 30 s
    for (let i = 1; i < runs.length; i++) expect(runs[i]! - runs[i - 1]!).toBe(5000);
  });

  it('runs now() at once, whatever the interval', () => {
    const run = vi.fn();
    const throttle = createThrottle(5000, run);
    throttle.poke();
    throttle.now();
    expect(run).toHaveBeenCalledTimes(2);
    throttle.poke(); // within the interval of the last run
    expect(run).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5000);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('does not overlap a slow run, and runs once more after it when poked meanwhile', async () => {
    let finish: () => void = () => {};
    const run = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const throttle = createThrottle(5000, run);
    throttle.poke();
    vi.advanceTimersByTime(8000);
    throttle.poke();
    throttle.now();
    expect(run).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(2); // the now() waiting behind it
  });

  it('forgets a pending run on cancel, and a cancelled slow run triggers nothing', async () => {
    let finish: () => void = () => {};
    const run = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const throttle = createThrottle(5000, run);
    throttle.poke();
    throttle.poke(); // queued behind the slow run
    throttle.cancel();
    finish();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(1);
    throttle.poke(); // cancel also reset the interval
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('keeps working after a run that throws', () => {
    const run = vi.fn(() => {
      throw new Error('boom');
    });
    const throttle = createThrottle(5000, run);
    expect(() => throttle.poke()).toThrow('boom');
    vi.advanceTimersByTime(5000);
    expect(() => throttle.poke()).toThrow('boom');
    expect(run).toHaveBeenCalledTimes(2);
  });
});
