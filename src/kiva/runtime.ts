/**
 * Everything src/kiva needs from its host, passed in: it runs in the add-in, in Node and in jest alike, and tests
 * drive time and the network by hand.
 */

export interface FetchResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface FetchInitLike {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

/** `globalThis.fetch` fits this type. */
export type FetchLike = (url: string, init: FetchInitLike) => Promise<FetchResponseLike>;

export interface KivaRuntime {
  fetch: FetchLike;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Runs `callback` after `ms`; returns a function that cancels it. A server may `unref` its timers here. */
  schedule: (callback: () => void, ms: number) => () => void;
  /** A number in [0, 1), for jitter. */
  random: () => number;
}

// setTimeout fires at once for delays beyond a signed 32-bit millisecond count.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** Schedules even very long delays correctly by re-arming in steps. */
export function scheduleAt(runtime: KivaRuntime, at: number, callback: () => void): () => void {
  let cancel: () => void = () => undefined;
  const arm = (): void => {
    const remaining = at - runtime.now();
    if (remaining <= 0) {
      cancel = () => undefined;
      callback();
      return;
    }
    cancel = runtime.schedule(arm, Math.min(remaining, LONGEST_TIMER_MS));
  };
  arm();
  return () => cancel();
}

/** Resolves `'slept'` after `ms`, or `'aborted'` as soon as the signal fires. */
export function sleep(runtime: KivaRuntime, ms: number, signal?: AbortSignal): Promise<'slept' | 'aborted'> {
  if (signal?.aborted) return Promise.resolve('aborted');
  if (ms <= 0) return Promise.resolve('slept');
  return new Promise((resolve) => {
    const onAbort = (): void => {
      cancel();
      resolve('aborted');
    };
    const cancel = scheduleAt(runtime, runtime.now() + ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve('slept');
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
