/**
 * The clock and timers of whatever runs the use cases (Node for the command line, a browser for the add-in): only
 * `fetch` differs between them, so it alone is passed in.
 */
import type { FetchLike, KivaRuntime } from '../kiva';
import type { Clock } from './ports';

export const systemClock: Clock = {
  now: Date.now,
  utcOffsetMinutes: (at) => -new Date(at).getTimezoneOffset(),
};

export function hostRuntime(fetch: FetchLike): KivaRuntime {
  return {
    fetch,
    now: Date.now,
    schedule: (callback, ms) => {
      const timer = setTimeout(callback, ms);
      return () => clearTimeout(timer);
    },
    random: Math.random,
  };
}
