/**
 * The add-in's `<Id>` for this deployment: made once per data folder and kept in a small file beside the audit
 * database, so a restart, an upgrade or a new container on the same volume serves the same add-in, while stage and
 * production servers (two data folders) are two add-ins in Office. Microsoft asks for a distinct id per deployment.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const DEPLOYMENT_FILE = 'deployment.json';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface DeploymentFile {
  addinId: string;
  createdAt: string;
}

export function deploymentFileBeside(databasePath: string): string {
  return join(dirname(databasePath), DEPLOYMENT_FILE);
}

/**
 * The id in `path`, or a new one written there. A file that exists but holds no valid id is an error, never
 * replaced: a new id would make Office see a second add-in and drop every user's pinned copy of the first.
 */
export function loadOrCreateAddinId(path: string, now: () => number = Date.now): string {
  const existing = readAddinId(path);
  if (existing !== undefined) return existing;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const created: DeploymentFile = { addinId: randomUUID(), createdAt: new Date(now()).toISOString() };
  try {
    // `wx`: two servers starting on one folder at once agree on whichever wrote first.
    writeFileSync(path, `${JSON.stringify(created, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    return created.addinId;
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
    const raced = readAddinId(path);
    if (raced === undefined) throw new Error(`${path} appeared while starting but holds no add-in id`);
    return raced;
  }
}

/** undefined when the file does not exist; throws when it exists and is not ours to read. */
function readAddinId(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${path}: ${(error as { code?: string }).code ?? 'unreadable'}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const id = (parsed as Partial<DeploymentFile> | undefined)?.addinId;
  if (typeof id !== 'string' || !GUID.test(id)) {
    throw new Error(
      `${path} holds no valid add-in id ("addinId": a GUID). Restore it from a backup to keep this deployment's identity in Office, or delete it to start a new add-in (users then add it again)`,
    );
  }
  return id.toLowerCase();
}
