import type { FetchLike, KivaRuntime } from '../../kiva';

/** The host's clock, timers and fetch; timers are unref'd so a pending renewal never keeps a stopping process up. */
export function serverRuntime(fetchImpl: FetchLike = fetch): KivaRuntime {
  return {
    fetch: fetchImpl,
    now: Date.now,
    schedule: (callback, ms) => {
      const timer = setTimeout(callback, ms);
      timer.unref();
      return () => clearTimeout(timer);
    },
    random: Math.random,
  };
}
