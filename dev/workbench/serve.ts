/**
 * The workbench on our own server: its page at `/workbench.html` (with the same page settings as the task pane, and
 * like it no key: the pane inside it is let into /api as the server's own account, or paired), its scripts under
 * `/workbench/`. Built with webpack (`createWorkbenchConfig` in webpack.config.js) into build/workbench, git-ignored.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Configuration, Stats, Watching } from 'webpack';
import type { ServerHooks } from '../../src/server';

interface WebpackConfigModule {
  createWorkbenchConfig(options?: {
    mode?: 'production' | 'development';
    outputPath?: string;
    cacheDirectory?: string | false;
  }): Configuration;
  WORKBENCH_OUTPUT: string;
}

const load = createRequire(__filename);
const configModule = (): WebpackConfigModule => load('../../webpack.config.js') as WebpackConfigModule;

export const WORKBENCH_PAGE = 'workbench.html';

export function workbenchOutput(): string {
  return configModule().WORKBENCH_OUTPUT;
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Kiva Sheets workbench</title>
<meta http-equiv="refresh" content="3">
<p style="font-family:system-ui,sans-serif">The workbench is being built (the first time takes about half a minute). This page reloads by itself.</p>`;

/** Server hooks that serve a built workbench from `dir`. */
export function workbenchHooks(dir: string = workbenchOutput()): ServerHooks {
  return {
    mounts: [{ prefix: '/workbench/', dir, index: WORKBENCH_PAGE }],
    routes(app, { injectPageMeta }) {
      app.get(`/${WORKBENCH_PAGE}`, async (_request, reply) => {
        const file = join(dir, WORKBENCH_PAGE);
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
        if (!existsSync(file)) return reply.code(503).send(NOT_BUILT);
        return reply.send(injectPageMeta(await readFile(file, 'utf8')));
      });
    },
  };
}

export interface BuildOptions {
  mode?: 'production' | 'development';
  outputPath?: string;
}

/** One build; rejects with webpack's errors. */
export async function buildWorkbench(options: BuildOptions = {}): Promise<{ seconds: number; outputPath: string }> {
  const webpack = load('webpack') as typeof import('webpack');
  const config = configModule().createWorkbenchConfig(options);
  const started = performance.now();
  const compiler = webpack(config);
  try {
    const stats = await new Promise<Stats | undefined>((resolve, reject) =>
      compiler.run((error, result) => (error ? reject(error) : resolve(result))),
    );
    failOnErrors(stats);
  } finally {
    await new Promise<void>((resolve) => compiler.close(() => resolve()));
  }
  return { seconds: (performance.now() - started) / 1000, outputPath: config.output?.path ?? workbenchOutput() };
}

/** Builds, then rebuilds on every change: `npm start` keeps the workbench in step with the code. */
export function watchWorkbench(onBuilt: (result: { seconds: number } | { error: string }) => void): Watching {
  const webpack = load('webpack') as typeof import('webpack');
  const compiler = webpack(configModule().createWorkbenchConfig({ mode: 'development' }));
  let started = performance.now();
  compiler.hooks.watchRun.tap('kiva-sheets-workbench', () => {
    started = performance.now();
  });
  const watching = compiler.watch({ aggregateTimeout: 300 }, (error, stats) => {
    try {
      if (error) throw error;
      failOnErrors(stats);
      onBuilt({ seconds: (performance.now() - started) / 1000 });
    } catch (problem) {
      onBuilt({ error: problem instanceof Error ? problem.message : String(problem) });
    }
  });
  if (watching === undefined) throw new Error('webpack did not start watching');
  return watching;
}

function failOnErrors(stats: Stats | undefined): void {
  if (stats?.hasErrors()) throw new Error(stats.toString({ all: false, errors: true, colors: false }));
}
