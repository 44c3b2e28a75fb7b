import type { KivaEnvironment } from './environments';
import { JOURNAL_VARIANTS, type JournalVariant, type JournalVariantName } from './journals';

/**
 * Which journal route a Kiva answered last, per environment. Kiva's docs and its one working sample name different
 * routes; a 404 applies nothing, so the other one is tried once and the one that worked is remembered here (a file
 * in the data folder for the CLI and the server) and tried first next time, so a second run makes no 404.
 */
export interface JournalRouteMemory {
  recall(environmentKey: string): JournalVariantName | undefined;
  remember(environmentKey: string, variant: JournalVariantName): void;
}

/** Environment name and API base: a custom API base (another Kiva, an emulator) is another environment. */
export function environmentKey(environment: Pick<KivaEnvironment, 'name' | 'apiBase'>): string {
  return `${environment.name} ${environment.apiBase}`;
}

export function isJournalVariantName(value: unknown): value is JournalVariantName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(JOURNAL_VARIANTS, value);
}

export function otherVariant(name: JournalVariantName): JournalVariantName {
  return name === 'documented' ? 'sample' : 'documented';
}

/** What one client knows about the journal route while it sends. */
export interface JournalRouter {
  /** The variant to try first: the remembered one, else the configured one. */
  current(): JournalVariant;
  /** Whether the route was remembered from an earlier run or confirmed by Kiva in this one. */
  known(): boolean;
  /** The variant to try once after `tried` answered 404, or undefined when there is none left. */
  fallback(tried: JournalVariant): JournalVariant | undefined;
  /** Kiva answered at `variant` with something other than 404: the route exists. `worked`: it accepted (2xx). */
  confirm(variant: JournalVariant, worked: boolean): void;
  /** Both routes answered 404: no more fallbacks in this run (they would only double every request). */
  bothMissing(): void;
  /**
   * While the route is unknown, requests go one at a time so that only the first can meet a 404; once it is known
   * they run in parallel again.
   */
  exclusive<T>(run: () => Promise<T>): Promise<T>;
}

export function createJournalRouter(
  configured: JournalVariant,
  memory: JournalRouteMemory | undefined,
  key: string,
): JournalRouter {
  const remembered = safeRecall(memory, key);
  let variant: JournalVariant = remembered !== undefined ? JOURNAL_VARIANTS[remembered] : configured;
  // A remembered route is tried first, yet a 404 there still earns one try of the other (Kiva may have moved it).
  let confirmed = false;
  let exhausted = false;
  let queue: Promise<unknown> = Promise.resolve();
  const known = (): boolean => confirmed || remembered !== undefined;

  return {
    current: () => variant,
    known,
    fallback(tried) {
      if (confirmed || exhausted || tried.name === undefined) return undefined;
      return JOURNAL_VARIANTS[otherVariant(tried.name)];
    },
    bothMissing() {
      exhausted = true;
    },
    confirm(answered, worked) {
      variant = answered;
      confirmed = true;
      if (worked && answered.name !== undefined && answered.name !== remembered) {
        try {
          memory?.remember(key, answered.name);
        } catch {
          // A memory that cannot be written costs one 404 next time, not this send.
        }
      }
    },
    exclusive(run) {
      if (known()) return run();
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

function safeRecall(memory: JournalRouteMemory | undefined, key: string): JournalVariantName | undefined {
  try {
    const name = memory?.recall(key);
    return isJournalVariantName(name) ? name : undefined;
  } catch {
    return undefined;
  }
}
