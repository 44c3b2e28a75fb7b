/**
 * Task pane weight: runs the production webpack build (into a temporary folder, so dist/ is left alone) and prints
 * the JavaScript taskpane.html loads before first paint — the entrypoint's initial chunks — gzipped, against
 * the goal (250 KB) and against Microsoft's React task-pane template (169 KB), as ratios. Lazy chunks (sign-in,
 * Tools, Preview) are listed apart: they load only when used.
 *
 * KB here is 1,024 bytes; gzip at level 9, as size tools (gzip-size, bundlesize) report.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Configuration, Stats, StatsChunk } from 'webpack';

const GOAL_KB = 250;
const TEMPLATE_KB = 169;

interface ConfigModule {
  createConfig(options: { mode: 'production'; outputPath: string }): Configuration;
}

export async function run(): Promise<void> {
  const load = createRequire(__filename);
  const { createConfig } = load('../webpack.config.js') as ConfigModule;
  const webpack = load('webpack') as typeof import('webpack');
  const outputPath = mkdtempSync(join(tmpdir(), 'kiva-pane-'));
  try {
    const started = performance.now();
    const stats = await build(webpack, createConfig({ mode: 'production', outputPath }));
    const seconds = (performance.now() - started) / 1000;
    const json = stats.toJson({ all: false, entrypoints: true, chunks: true, assets: true });
    const initialFiles = (json.entrypoints?.taskpane?.assets ?? [])
      .map((a) => a.name)
      .filter((name) => name.endsWith('.js'));
    const lazy = (json.chunks ?? []).filter((c: StatsChunk) => !c.initial);

    const gz = (file: string) => gzipSync(readFileSync(join(outputPath, file)), { level: 9 }).length;
    const raw = (file: string) => readFileSync(join(outputPath, file)).length;
    const kb = (bytes: number) => bytes / 1024;

    let initialGz = 0;
    let initialRaw = 0;
    console.log(`production build: ${seconds.toFixed(1)} s`);
    console.log('initial JavaScript (loaded by taskpane.html before first paint):');
    for (const file of initialFiles) {
      initialGz += gz(file);
      initialRaw += raw(file);
      console.log(
        `  ${file.padEnd(28)} ${kb(raw(file)).toFixed(1).padStart(7)} KB raw ${kb(gz(file)).toFixed(1).padStart(7)} KB gz`,
      );
    }
    console.log(
      `  ${'total'.padEnd(28)} ${kb(initialRaw).toFixed(1).padStart(7)} KB raw ${kb(initialGz).toFixed(1).padStart(7)} KB gz`,
    );
    console.log(`  vs goal ${GOAL_KB} KB gz:               ${(kb(initialGz) / GOAL_KB).toFixed(2)}× (≤ 1.00 meets it)`);
    console.log(`  vs Microsoft's React template ${TEMPLATE_KB} KB: ${(kb(initialGz) / TEMPLATE_KB).toFixed(2)}×`);
    console.log('loaded on demand:');
    for (const chunk of lazy) {
      for (const file of (chunk.files ?? []).filter((f) => f.endsWith('.js'))) {
        const name = (chunk.names ?? []).join(',') || String(chunk.id);
        console.log(
          `  ${name.padEnd(28)} ${kb(raw(file)).toFixed(1).padStart(7)} KB raw ${kb(gz(file)).toFixed(1).padStart(7)} KB gz`,
        );
      }
    }
  } finally {
    rmSync(outputPath, { recursive: true, force: true });
  }
}

function build(webpack: typeof import('webpack'), config: Configuration): Promise<Stats> {
  return new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) return reject(error);
      if (!stats) return reject(new Error('webpack gave no stats'));
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve(stats);
    });
  });
}
