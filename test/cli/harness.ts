/**
 * Runs the real `kiva-sheets` command as a child process against the local Kiva emulator, which runs in the jest
 * process itself (so the children must be awaited asynchronously: a synchronous spawn would stall the emulator).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { DEMO_CREDENTIALS, startEmulator, type Emulator } from '../../dev/kiva-emulator';

export const BIN = join(__dirname, '../../bin/kiva-sheets.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const made: string[] = [];

/** A fresh folder, removed when the test file is done. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiva-sheets-cli-'));
  made.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * One emulator for the whole test file (starting it is the slow part), reset before each test, and a fresh folder
 * for each test: `on` is told both, so a file keeps its own `emulator` and `dir` variables.
 */
export function emulatorPerTest(loanCount: number, on: (emulator: Emulator, dir: string) => void): void {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ loanCount });
  });
  afterAll(async () => emulator.close());
  beforeEach(() => {
    emulator.reset();
    on(emulator, tempDir());
  });
}

export function emulatorEnv(emulator: Emulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    KIVA_CLIENT_ID: DEMO_CREDENTIALS.clientId,
    KIVA_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
    KIVA_ENV: 'stage',
    KIVA_TOKEN_URL: emulator.tokenUrl,
    KIVA_API_URL: emulator.apiBase,
    KIVA_AUDIENCE: emulator.audience,
    ...extra,
  };
}

export function runCli(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliRun> {
  return startCli(args, options).done;
}

export interface RunningCli {
  child: ChildProcess;
  done: Promise<CliRun>;
  /** Resolves once stderr contains `text`. */
  waitFor(text: string): Promise<void>;
}

export function startCli(args: string[], options: { cwd: string; env?: Record<string, string> }): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    // Only what the command needs: nothing from the developer's own KIVA_* settings leaks in.
    env: { PATH: process.env.PATH ?? '', HOME: options.cwd, TZ: 'America/Lima', ...options.env },
  });
  let stdout = '';
  let stderr = '';
  const waiting: { text: string; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    for (const w of waiting.splice(0)) {
      if (stderr.includes(w.text)) w.resolve();
      else waiting.push(w);
    }
  });
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      // Nobody waits forever for a text that will never come.
      for (const w of waiting.splice(0)) w.resolve();
      resolve({ code, stdout, stderr });
    });
  });
  return {
    child,
    done,
    waitFor: (text) =>
      new Promise((resolve) => {
        if (stderr.includes(text)) resolve();
        else waiting.push({ text, resolve });
      }),
  };
}

export type Row = (string | number | boolean | null | { formula: string; result?: unknown })[];

export interface SheetSpec {
  name: string;
  rows: Row[];
  hiddenRows?: number[];
}

export async function writeWorkbook(path: string, sheets: SheetSpec[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const ws = workbook.addWorksheet(spec.name);
    for (const row of spec.rows) ws.addRow(row);
    for (const r of spec.hiddenRows ?? []) ws.getRow(r).hidden = true;
  }
  await workbook.xlsx.writeFile(path);
}

export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** A sheet's values as plain rows (formulas as their results), row 1 first. */
export function values(workbook: ExcelJS.Workbook, sheet: string): unknown[][] {
  const ws = workbook.getWorksheet(sheet);
  if (ws === undefined) throw new Error(`no sheet ${sheet}`);
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: unknown[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cells[c - 1] = cell.value;
    });
    rows[r - 1] = cells;
  });
  return rows;
}

/** The `Kiva status` column of a sheet, by Excel row number. */
export function statuses(workbook: ExcelJS.Workbook, sheet: string, header = 'Kiva status'): Record<number, string> {
  const rows = values(workbook, sheet);
  const column = (rows[0] ?? []).indexOf(header);
  const out: Record<number, string> = {};
  rows.forEach((row, i) => {
    const value = row?.[column];
    // A journal's status is a link to its confirm address: exceljs gives `{ text, hyperlink }`.
    const text =
      typeof value === 'object' && value !== null && 'hyperlink' in value ? (value as { text?: unknown }).text : value;
    if (i > 0 && typeof text === 'string') out[i + 1] = text;
  });
  return out;
}

/** Every text the workbook holds: cell values, formulas, notes, as the person opening it would find them. */
export function allCellTexts(workbook: ExcelJS.Workbook): string[] {
  const texts: string[] = [];
  for (const ws of workbook.worksheets) {
    ws.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        texts.push(JSON.stringify(cell.value ?? ''));
        if (cell.note !== undefined) texts.push(JSON.stringify(cell.note));
      });
    });
  }
  return texts;
}

/** Every entry of a zip file (an .xlsx) as text: what a secret scanner would see in the raw file. */
export function zipEntries(path: string): Map<string, string> {
  const zip = readFileSync(path);
  const entries = new Map<string, string>();
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  for (let k = 0; k < count; k++) {
    const method = zip.readUInt16LE(offset + 10);
    const compressed = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + compressed);
    entries.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Rewrites an .xlsx with one more part (uncompressed), as Excel would have it for content exceljs does not know:
 * a chart, an add-in's settings. Text parts only, which is all the test workbooks hold.
 */
export function addZipEntry(path: string, name: string, text: string): void {
  writeZip(path, [...zipEntries(path), [name, text] as const]);
}

/** Rewrites one part of an .xlsx (a sheet's XML, say) with `change`. */
export function changeZipEntry(path: string, name: string, change: (text: string) => string): void {
  writeZip(
    path,
    [...zipEntries(path)].map(([entry, text]) => [entry, entry === name ? change(text) : text] as const),
  );
}

function writeZip(path: string, entries: (readonly [string, string])[]): void {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [entryName, content] of entries) {
    const data = Buffer.from(content, 'utf8');
    const nameBytes = Buffer.from(entryName, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(path, Buffer.concat([...locals, directory, end]));
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** The machine summary `--json` prints as the last stdout line. */
export function lastJson(run: CliRun): Record<string, unknown> {
  const lines = run.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '{}') as Record<string, unknown>;
}
