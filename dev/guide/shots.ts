/**
 * The guide's screenshots: their names, and the record that says which sources they were taken from.
 *
 * A picture shows the pane's layout and words (src/taskpane, src/i18n), the sheet texts the pane writes
 * (src/sheet/messages, src/sheet/status.ts) and how it marks cells (src/sheet/write-back.ts, src/excel), the workbench's sample workbooks and grid (dev/workbench) and the scenes
 * of dev/guide/screenshots.ts. docs/guide/screenshots.json keeps a SHA-256 of each of those files as they were when
 * the pictures were taken; `npm run guide:check` lists the files that changed since, so the pictures are re-shot on
 * purpose (`npm run guide:screenshots`) rather than drifting away from the pane unnoticed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { UI_LANGUAGES, type UiLanguage } from '../../src/i18n';

export const ROOT = join(__dirname, '..', '..');
export const GUIDE_ROOT = join(ROOT, 'docs', 'guide');
export const RECORD_FILE = join(GUIDE_ROOT, 'screenshots.json');
export const GUIDE_LANGUAGES: readonly UiLanguage[] = UI_LANGUAGES;

/** Every picture, in every language, as docs/guide/<lang>/img/<name>.png. */
export const SHOTS = [
  'sheet-tab',
  'connection',
  'check-results',
  'sheet-invalid',
  'send-ready',
  'send-summary',
  'sheet-statuses',
  'settings',
  'tools',
  'photos',
  'mapping',
  'repayments-summary',
  'repayments-sheet',
  'reopened-send',
  'reopened-sheet',
  'warnings-summary',
  'journals-confirm',
  'uncertain',
  'production-confirm',
] as const;
export type ShotName = (typeof SHOTS)[number];

/** What the pictures show: a change to any file under these makes them possibly out of date. */
export const SHOWN_SOURCES = [
  'src/taskpane',
  'src/i18n',
  'src/sheet/messages',
  'src/sheet/status.ts',
  // The sheet pictures: the fills, marker borders, notes and links a check or a send writes into cells.
  'src/sheet/write-back.ts',
  'src/excel',
  'dev/workbench',
  'dev/guide/screenshots.ts',
];

export interface ShotsRecord {
  /** How to make the pictures again. */
  command: string;
  /** repository-relative path → SHA-256 of its content when the pictures were taken. */
  sources: Record<string, string>;
}

export const RESHOOT_COMMAND = 'npm run guide:screenshots';

export function currentSources(root = ROOT): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const entry of SHOWN_SOURCES) {
    for (const file of filesUnder(join(root, entry))) {
      const name = relative(root, file).split(sep).join('/');
      sources[name] = createHash('sha256').update(readFileSync(file)).digest('hex');
    }
  }
  return Object.fromEntries(Object.entries(sources).sort(([a], [b]) => a.localeCompare(b)));
}

function filesUnder(path: string): string[] {
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch (error) {
    // A single file (src/sheet/status.ts) rather than a folder.
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return [path];
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries.flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(path, entry.name)) : entry.isFile() ? [join(path, entry.name)] : [],
  );
}

export function writeShotsRecord(): void {
  const record: ShotsRecord = { command: RESHOOT_COMMAND, sources: currentSources() };
  writeFileSync(RECORD_FILE, `${JSON.stringify(record, null, 2)}\n`);
}

export function readShotsRecord(): ShotsRecord {
  return JSON.parse(readFileSync(RECORD_FILE, 'utf8')) as ShotsRecord;
}

/** Files added, changed or removed since the pictures were taken. */
export function changedSince(record: ShotsRecord, now = currentSources()): string[] {
  const names = new Set([...Object.keys(record.sources), ...Object.keys(now)]);
  return [...names].filter((name) => record.sources[name] !== now[name]).sort();
}

export function imagePath(lang: UiLanguage, shot: ShotName): string {
  return join(GUIDE_ROOT, lang, 'img', `${shot}.png`);
}
