/**
 * `npm run build:node`: compiles the command line and the server to plain JavaScript in lib/, so that an installed
 * package starts without a TypeScript compiler (tsx cost ~0.4 s at every start of `kiva-sheets`).
 *
 * One CommonJS bundle per entry point, our own code only: packages stay `require`d from node_modules, where
 * `npm install` puts the package's dependencies (better-sqlite3 must stay outside anyway: it is a native addon).
 * The build fails when a bundle requires a package that is not in `dependencies`: an installed package would
 * crash on it at run time, where no devDependency exists.
 */
import { build, type Metafile } from 'esbuild';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** lib/<name>.js ← src/… */
export const ENTRY_POINTS = {
  cli: 'src/cli/main.ts',
  server: 'src/server/main.ts',
  // The command line's delivery ledger thread (src/cli/ledger-thread.ts starts it through bin/ledger-worker.js).
  'ledger-worker': 'src/cli/ledger-worker.ts',
} as const;

export interface BundleResult {
  outdir: string;
  /** Bare package names each bundle requires at run time. */
  externals: Record<string, string[]>;
}

export async function bundle(outdir = join(ROOT, 'lib')): Promise<BundleResult> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    outdir,
    bundle: true,
    platform: 'node',
    // The oldest Node line in package.json's engines.
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    metafile: true,
    // Stack traces of an internal error then name our source files, which is what a bug report needs.
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const externals = requiredPackages(result.metafile);
  const missing = undeclared(externals);
  if (missing.length > 0) {
    throw new Error(`lib/ requires packages that are not in package.json's dependencies: ${missing.join(', ')}`);
  }
  return { outdir, externals };
}

function requiredPackages(metafile: Metafile): Record<string, string[]> {
  const builtins = new Set(builtinModules);
  const byBundle: Record<string, string[]> = {};
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (!file.endsWith('.js')) continue;
    const names = new Set<string>();
    for (const imported of output.imports) {
      if (!imported.external) continue;
      const path = imported.path.replace(/^node:/, '');
      if (builtins.has(path) || builtins.has(path.split('/')[0] ?? '')) continue;
      names.add(packageName(imported.path));
    }
    byBundle[file] = [...names].sort();
  }
  return byBundle;
}

/** `@fastify/static/x` → `@fastify/static`; `exceljs/lib/x` → `exceljs`. */
function packageName(path: string): string {
  const parts = path.split('/');
  return path.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? path);
}

function undeclared(externals: Record<string, string[]>): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: object };
  const declared = new Set(Object.keys(pkg.dependencies ?? {}));
  return [...new Set(Object.values(externals).flat())].filter((name) => !declared.has(name)).sort();
}

if (require.main === module) {
  bundle().then(
    (result) => {
      for (const [file, names] of Object.entries(result.externals)) console.log(`${file}: requires ${names.join(', ')}`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
