/**
 * `npm run validate`: validates manifest.xml as committed (origin https://localhost:3000, the placeholder) and
 * the copy the server serves (its placeholder replaced by a public URL, a deployment's own <Id> and name, for a
 * production and a test deployment), offline. Exit code 1 on any finding.
 *
 *   tsx dev/manifest/main.ts [--manifest FILE] [--public-url URL]...
 *
 * Without --public-url, the served copy is checked for https://kiva-sheets.partner.org (docs/server.md's
 * example) and https://localhost:8443 (another port). docs/manifest.md lists every check.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UNIFIED_VERSION } from './convert';
import { formatFinding } from './findings';
import {
  ASSETS_DIR,
  checkCommandPage,
  MANIFEST_FILE,
  MANIFEST_PLACEHOLDER,
  packageVersion,
  registeredCommands,
  servedManifest,
} from './project';
import { Findings } from './findings';
import { validateManifest } from './validate';
import type { DeploymentKind } from '../../src/server/identity/manifest';

const DEFAULT_PUBLIC_URLS = ['https://kiva-sheets.partner.org', 'https://localhost:8443'];
/** A server that can send to production names its add-in "Kiva Sheets"; any other, "Kiva Sheets (test)". */
const DEPLOYMENT_KINDS: readonly DeploymentKind[] = ['production', 'test'];

interface Args {
  manifest: string;
  publicUrls: string[];
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { manifest: MANIFEST_FILE, publicUrls: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if ((arg === '--manifest' || arg === '--public-url') && value !== undefined) {
      if (arg === '--manifest') args.manifest = resolve(value);
      else args.publicUrls.push(value);
      i++;
    } else {
      throw new Error(`unknown argument ${arg ?? ''}; usage: validate [--manifest FILE] [--public-url URL]...`);
    }
  }
  if (args.publicUrls.length === 0) args.publicUrls = DEFAULT_PUBLIC_URLS;
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const options = {
    assetsDir: ASSETS_DIR,
    registeredCommands: registeredCommands(),
    packageVersion: packageVersion(),
  };
  const project = new Findings();
  checkCommandPage(project);
  const copies = [
    {
      label: `${args.manifest} (origin ${MANIFEST_PLACEHOLDER})`,
      xml: readFileSync(args.manifest, 'utf8'),
      origin: MANIFEST_PLACEHOLDER,
    },
  ];
  for (const url of args.publicUrls) {
    for (const kind of DEPLOYMENT_KINDS) {
      copies.push({
        label: `served /manifest.xml (public URL ${url}, ${kind} deployment)`,
        xml: await servedManifest(url, { manifest: args.manifest, kind }),
        origin: url,
      });
    }
  }
  let failed = project.list.length;
  for (const f of project.list) console.error(`✗ ${formatFinding(f)}`);
  for (const copy of copies) {
    const { findings, converted } = validateManifest(copy.xml, { ...options, origin: copy.origin });
    failed += findings.length;
    if (findings.length === 0) {
      const locales = Object.keys(converted?.locales ?? {}).join(', ');
      console.log(
        `✓ ${copy.label}: structure and own checks pass; converted and valid against unified manifest schema ${UNIFIED_VERSION} (locale files: ${locales})`,
      );
    } else {
      console.error(`✗ ${copy.label}: ${findings.length} problem(s)`);
      for (const f of findings) console.error(`  ${formatFinding(f)}`);
    }
  }
  console.log(`ribbon functions registered by src/commands: ${options.registeredCommands.join(', ')}`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
