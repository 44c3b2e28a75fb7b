/**
 * A package folder laid out as `npm pack` in the repository lays it out (prepack: pane build, lib/ bundles,
 * npm-shrinkwrap.json), from the same steps, into a temporary folder.
 *
 * One difference, on purpose: the task pane's production build (webpack, ~1.5 min on a 2-core machine) is replaced
 * by a one-page stand-in, dist/taskpane.html. What is tested here is that the package carries and serves dist/,
 * installs, and runs without the repository or tsx; the pane's build itself is tested by the browser tests.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundle } from '../../dev/build/bundle';
import { writeShrinkwrap } from '../../dev/build/shrinkwrap';

export const ROOT = resolve(__dirname, '..', '..');
export const STAND_IN_TEXT = 'stand-in for the task pane build';
const STAND_IN_PANE = `<!doctype html><html><head><title>Kiva Sheets</title></head><body>${STAND_IN_TEXT}</body></html>`;

export interface PackageJson {
  name: string;
  version: string;
  files: string[];
  bin: Record<string, string>;
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  private?: boolean;
  scripts: Record<string, string>;
}

export function readPackageJson(): PackageJson {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
}

export async function stagePackage(stage: string): Promise<void> {
  const pkg = readPackageJson();
  mkdirSync(stage, { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(stage, 'package.json'));
  writeShrinkwrap(ROOT, stage);
  for (const entry of pkg.files) {
    const name = entry.replace(/\/$/, '');
    if (name === 'lib' || name === 'dist' || name === 'npm-shrinkwrap.json') continue;
    cpSync(join(ROOT, name), join(stage, name), { recursive: true });
  }
  await bundle(join(stage, 'lib'));
  mkdirSync(join(stage, 'dist'), { recursive: true });
  writeFileSync(join(stage, 'dist', 'taskpane.html'), STAND_IN_PANE);
}
