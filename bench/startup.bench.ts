/**
 * Start-up of the command line, as a scheduled job or a script pays it at every run: `kiva-sheets --version`, a
 * child process from start to exit, against a bare `node -e ''` measured in the same run (the floor: no command
 * can start faster than Node itself). Goal: within 3× the floor.
 *
 * Measured two ways: the installed package's bin (compiled lib/, built here by the real bundler into a temporary
 * package folder whose node_modules is this checkout's), and the checkout's bin, which compiles the TypeScript
 * sources with tsx at every start (how every install ran before lib/ existed). Also `validate` of a one-row CSV
 * with the installed bin: the time to a first answer, exceljs loaded. Runs are interleaved, medians reported.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundle } from '../dev/build/bundle';

const ROOT = join(__dirname, '..');
const RUNS = 15;
const GOAL = 3;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kiva-sheets-startup-'));
  try {
    const pkg = join(dir, 'package');
    cpSync(join(ROOT, 'bin'), join(pkg, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
    await bundle(join(pkg, 'lib'));
    writeFileSync(join(dir, 'report.csv'), 'loan_id,client_id,amount\n1,C1,2\n');

    const cases: Record<string, string[]> = {
      "bare node -e ''": ['-e', ''],
      'kiva-sheets --version, installed (lib/)': [join(pkg, 'bin', 'kiva-sheets.js'), '--version'],
      'kiva-sheets --version, checkout (tsx)': [join(ROOT, 'bin', 'kiva-sheets.js'), '--version'],
      'kiva-sheets validate 1-row CSV, installed (lib/)': [
        join(pkg, 'bin', 'kiva-sheets.js'),
        'validate',
        join(dir, 'report.csv'),
      ],
    };
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
    for (let round = 0; round < RUNS; round++) {
      for (const [name, args] of Object.entries(cases)) times[name]?.push(timeOnce(args, dir));
    }
    const medians = Object.fromEntries(Object.entries(times).map(([name, ms]) => [name, median(ms)]));
    const floor = medians["bare node -e ''"] ?? NaN;
    console.log(`${RUNS} runs each, interleaved; medians`);
    for (const [name, ms] of Object.entries(medians)) {
      console.log(`${name}: ${ms.toFixed(0)} ms = ${(ms / floor).toFixed(2)}× bare node`);
    }
    const installed = (medians['kiva-sheets --version, installed (lib/)'] ?? NaN) / floor;
    const checkout = (medians['kiva-sheets --version, checkout (tsx)'] ?? NaN) / floor;
    console.log(
      `start-up goal ≤ ${GOAL}× bare node: ${installed <= GOAL ? 'met' : 'MISSED'} (installed ${installed.toFixed(2)}×; ` +
        `through tsx ${checkout.toFixed(2)}×, i.e. before lib/)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function timeOnce(args: string[], cwd: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, KIVA_CSV_FORMAT: 'three-column' },
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
