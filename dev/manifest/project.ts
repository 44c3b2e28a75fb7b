/**
 * What the checks compare the manifest with, read from the project itself: the functions src/commands registers,
 * whether the FunctionFile page registers them, package.json's version, assets/, and the copy of manifest.xml the
 * server serves (its /manifest.xml route, run in-process with a public URL of our choosing).
 */
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerRibbonCommands, type CommandDeps } from '../../src/commands';
import { registerStatic } from '../../src/server/http/static-routes';
import { MANIFEST_PLACEHOLDER, type DeploymentKind } from '../../src/server/identity/manifest';
import type { Findings } from './findings';

export const ROOT = join(__dirname, '..', '..');
export const MANIFEST_FILE = join(ROOT, 'manifest.xml');
export const ASSETS_DIR = join(ROOT, 'assets');
export { MANIFEST_PLACEHOLDER };

/** The names registerRibbonCommands passes to Office.actions.associate (called here with a recording stand-in). */
export function registeredCommands(): string[] {
  const names: string[] = [];
  const never = () => Promise.reject(new Error('not called while listing the commands'));
  const deps: CommandDeps = {
    controller: { session: never, validate: never, planSend: never, send: never, showPane: never },
    publish: () => undefined,
  };
  registerRibbonCommands(deps, (name) => void names.push(name));
  return names;
}

/**
 * The FunctionFile is the task pane page (shared runtime): its code, under src/taskpane, must call
 * registerRibbonCommands, or Office finds no function behind the buttons.
 */
export function checkCommandPage(findings: Findings, dir = join(ROOT, 'src', 'taskpane')): void {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
  const calls = files.some((f) => /\bregisterRibbonCommands\s*\(/.test(readFileSync(join(dir, f), 'utf8')));
  if (!calls) {
    findings.add(
      'command.page',
      '<FunctionFile>',
      'no file under src/taskpane (the page of the FunctionFile) calls registerRibbonCommands',
    );
  }
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export interface ServedOptions {
  manifest?: string;
  /** Default `test`: the longer name, so the length rules see the worst case. */
  kind?: DeploymentKind;
  /** Default: a new GUID, as a new data folder gets. */
  addinId?: string;
}

/**
 * GET /manifest.xml from the server's own route (on 127.0.0.1, a free port), with `publicUrl` as its public URL and
 * the identity of a deployment of the given kind.
 */
export async function servedManifest(publicUrl: string, options: ServedOptions = {}): Promise<string> {
  const { manifest = MANIFEST_FILE, kind = 'test', addinId = randomUUID() } = options;
  const app = Fastify({ logger: false });
  try {
    await registerStatic(app, {
      paths: { dist: join(ROOT, 'dist'), assets: ASSETS_DIR, manifest },
      mounts: [],
      pageMeta: {},
      identity: () => ({ publicUrl, addinId, kind }),
    });
    // A real request on the loopback interface (fastify's inject needs ES modules jest does not load here).
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const answer = await fetch(`${address}/manifest.xml`);
    const body = await answer.text();
    if (answer.status !== 200) throw new Error(`/manifest.xml answered ${answer.status}`);
    return body;
  } finally {
    await app.close();
  }
}
