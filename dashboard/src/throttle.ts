// At most one run per interval, never two at once (unit-tested with fake timers).
//
// Used for the REST-backed panels: every live `update` of the campaign pokes; the first poke after a
// quiet spell runs at once, pokes within the interval collapse into one run at its end, and a poke
// while a run is still waiting for the server runs again once it is done.

import type { EpochMs } from './types';

export interface Throttle {
  /** Something changed: run now, or once the interval since the last run is over. */
  poke(): void;
  /** Run now, whatever the interval (a new campaign or model was chosen). */
  now(): void;
  /** Forget the pending run, and let the next poke run at once. */
  cancel(): void;
}

export function createThrottle(
  intervalMs: number,
  run: () => Promise<void> | void,
  clock: () => EpochMs = Date.now,
): Throttle {
  let lastStart = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  /** A poke or now() that arrived while a run was in flight. */
  let again: 'poke' | 'now' | null = null;
  /** Bumped by cancel(), so a run that finishes after it does not trigger another. */
  let generation = 0;

  function fire(): void {
    clearTimeout(timer);
    timer = undefined;
    if (running) {
      again ??= 'poke';
      return;
    }
    running = true;
    lastStart = clock();
    const mine = generation;
    const done = () => {
      if (mine !== generation) return;
      running = false;
      const next = again;
      again = null;
      if (next === 'now') fire();
      else if (next === 'poke') api.poke();
    };
    let result: Promise<void> | void;
    try {
      result = run();
    } catch (error) {
      done();
      throw error;
    }
    if (result instanceof Promise) result.then(done, done);
    else done();
  }

  const api: Throttle = {
    poke() {
      if (running) {
        again ??= 'poke';
        return;
      }
      if (timer !== undefined) return;
      const wait = lastStart + intervalMs - clock();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    now() {
      if (running) {
        again = 'now';
        return;
      }
      fire();
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      generation += 1;
      running = false;
      again = null;
      lastStart = Number.NEGATIVE_INFINITY;
    },
  };
  return api;
}
