/**
 * The journal route that worked, per Kiva environment, in a small JSON file in the data folder: the command line
 * and the server both keep it there, so the second run against the same Kiva makes no 404.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isJournalVariantName, type JournalRouteMemory, type JournalVariantName } from '../../kiva';

export const ROUTES_FILE = 'kiva-routes.json';

interface RoutesFile {
  journals: Record<string, JournalVariantName>;
}

/** A file that is missing or unreadable is an empty memory: the worst case is one 404 more. */
export function fileRouteMemory(path: string): JournalRouteMemory {
  let cache: RoutesFile | undefined;
  const load = (): RoutesFile => {
    cache ??= readRoutes(path);
    return cache;
  };
  return {
    recall: (key) => load().journals[key],
    remember(key, variant) {
      const current = { journals: { ...readRoutes(path).journals, [key]: variant } };
      cache = current;
      mkdirSync(dirname(path), { recursive: true });
      // Written beside and renamed, so a reader never meets half a file.
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(current, null, 2)}\n`, { mode: 0o600 });
      renameSync(temporary, path);
    },
  };
}

/** For a server whose database lives in memory (tests): nothing on disk. */
export function memoryRouteMemory(): JournalRouteMemory {
  const routes = new Map<string, JournalVariantName>();
  return { recall: (key) => routes.get(key), remember: (key, variant) => void routes.set(key, variant) };
}

export function routesPathBeside(databasePath: string): string {
  return join(dirname(databasePath), ROUTES_FILE);
}

function readRoutes(path: string): RoutesFile {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    const journals = isObject(parsed) && isObject(parsed.journals) ? parsed.journals : {};
    const kept = Object.entries(journals).filter((entry): entry is [string, JournalVariantName] =>
      isJournalVariantName(entry[1]),
    );
    return { journals: Object.fromEntries(kept) };
  } catch {
    return { journals: {} };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
