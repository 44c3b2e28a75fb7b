/**
 * src/excel round trips on the simulated Excel (dev/excel-sim): what a validation costs in syncs and bytes, against
 * the goal of one read and one write (plus one per extra 100k-cell chunk) and against the lower bound Excel on the
 * web's 5 MB payload cap allows. Byte counts are the JSON of Office.js's wire shape, as the simulation measures them.
 */
import { createExcelHost, loadWorkbook, type SimSheetData, type SimWorkbook } from '../dev/excel-sim';
import { isScheduleSheet, validate, type AppResult, type KivaPort } from '../src/app';
import { createExcelWorkbook } from '../src/excel';

const MB = 1024 * 1024;
const CAP = 5 * MB;

function repayments(rows: number, invalidEvery: number): SimSheetData {
  const header = ['loan_id', 'client_id', 'amount'];
  for (let c = header.length; c < 20; c++) header.push(`Notes ${c}`);
  const out: unknown[][] = [header];
  for (let r = 0; r < rows; r++) {
    const line: unknown[] = [`L${String(r).padStart(6, '0')}`, `C${r}`, r % invalidEvery === 0 ? -5 : 10 + (r % 97)];
    for (let c = 3; c < 20; c++) line.push(c % 2 === 0 ? r * c : `note ${r}-${c}`);
    out.push(line);
  }
  return { name: 'Repayments', rows: out, columnFormats: { A: '@', B: '@' } };
}

/** Validation needs no Kiva call for repayments: a port that refuses everything proves it. */
const NO_KIVA: KivaPort = {
  environment: 'stage',
  batching: { repaymentsPerCall: 250, journalsPerCall: 50, journalsBody: 'array' },
  connect: unused,
  getConfigLists: unused,
  getAllLoans: unused,
  createLoanDrafts: unused,
  sendRepayments: unused,
  sendJournals: unused,
};
function unused(): never {
  throw new Error('validation must not call Kiva');
}

const CLOCK = { now: () => Date.UTC(2026, 10, 28, 19, 3), utcOffsetMinutes: () => -300 };

const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
const ratio = (value: number, bound: number): string => `${(value / bound).toFixed(2)}×`;

async function validateOnce(book: SimWorkbook): Promise<{ readSyncs: number; writeSyncs: number }> {
  const workbook = createExcelWorkbook();
  const result: AppResult<unknown> = await validate(
    { workbook, kiva: NO_KIVA },
    { scope: { kind: 'active' }, clock: CLOCK },
  );
  if (!result.ok) throw new Error(`validation failed: ${result.error.code}`);
  const writeSyncs = workbook.lastCall?.operation === 'apply' ? workbook.lastCall.syncs : 0;
  return { readSyncs: book.syncCount - writeSyncs, writeSyncs };
}

async function typical(): Promise<void> {
  const book = loadWorkbook({ sheets: [repayments(5_000, 10)] });
  const uninstall = createExcelHost(book).install();
  try {
    const { readSyncs, writeSyncs } = await validateOnce(book);
    const syncs = book.syncs;
    console.log(
      `validate 5,000 rows × 20 columns (500 invalid): ${readSyncs} read + ${writeSyncs} write syncs — ` +
        `${ratio(readSyncs + writeSyncs, 2)} the goal (1 + 1)`,
    );
    syncs.forEach((s, i) =>
      console.log(
        `  sync ${i + 1}: request ${kb(s.requestBytes)}, response ${kb(s.responseBytes)}, ${s.actions} actions — ` +
          `${ratio(Math.max(s.requestBytes, s.responseBytes), CAP)} of the 5 MB cap`,
      ),
    );
  } finally {
    uninstall();
  }
}

async function large(): Promise<void> {
  const rows = 100_000;
  const book = loadWorkbook({ sheets: [repayments(rows, 1)] });
  const uninstall = createExcelHost(book).install();
  try {
    const { readSyncs, writeSyncs } = await validateOnce(book);
    const cells = (rows + 1) * 20;
    const read = book.syncs.slice(0, readSyncs);
    const write = book.syncs.slice(readSyncs);
    const readBytes = read.reduce((n, s) => n + s.responseBytes, 0);
    const writeBytes = write.reduce((n, s) => n + s.requestBytes, 0);
    const errors = book.syncs.filter((s) => s.error !== undefined).length;
    const goal = Math.ceil(cells / 100_000);
    console.log(
      `validate 100,000 rows × 20 columns (every row invalid: status, fill and note each): ` +
        `${errors === 0 ? 'no payload error' : `${errors} PAYLOAD ERRORS`}`,
    );
    console.log(
      `  read: ${readSyncs} chunks for ${cells.toLocaleString('en')} cells (${(readBytes / MB).toFixed(1)} MB) — ` +
        `${ratio(readSyncs, goal)} the goal of one per 100k cells (${goal}), ` +
        `${ratio(readSyncs, Math.ceil(readBytes / CAP))} the 5 MB lower bound (${Math.ceil(readBytes / CAP)}); ` +
        `largest answer ${ratio(Math.max(...read.map((s) => s.responseBytes)), CAP)} of the cap`,
    );
    console.log(
      `  write: ${writeSyncs} chunks for ${(writeBytes / MB).toFixed(1)} MB of requests (100,000 statuses, ` +
        `100,000 fills, 100,000 notes) — ${ratio(writeSyncs, Math.ceil(writeBytes / CAP))} the 5 MB lower bound ` +
        `(${Math.ceil(writeBytes / CAP)}); largest request ${ratio(Math.max(...write.map((s) => s.requestBytes)), CAP)} of the cap`,
    );
  } finally {
    uninstall();
  }
}

/** Hidden rows: the visible view of one column (what src/excel does) against `rowHidden` asked row by row. */
async function visibility(): Promise<void> {
  const hiddenRows = Array.from({ length: 250 }, (_, i) => 10 + i * 20);
  const book = loadWorkbook({ sheets: [{ ...repayments(5_000, 1_000_000), hiddenRows }] });
  const host = createExcelHost(book);
  const uninstall = host.install();
  try {
    const workbook = createExcelWorkbook();
    await workbook.read({ scope: { kind: 'active' }, isReference: isScheduleSheet, withLists: false });
    const pass = book.syncs[1];
    book.resetCounters();
    await host.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Repayments').getRange('A1:A5001');
      for (let i = 0; i < 5_001; i++) range.getRow(i).load('rowHidden');
      await context.sync();
    });
    const probes = book.syncs[0];
    if (pass === undefined || probes === undefined) throw new Error('missing sync records');
    const ours = pass.requestBytes + pass.responseBytes;
    const perRow = probes.requestBytes + probes.responseBytes;
    console.log(
      `hidden rows in 5,000: visible view ${pass.actions} actions, ${kb(ours)}; rowHidden per row ` +
        `${probes.actions} actions, ${kb(perRow)} — ${ratio(ours, perRow)} the bytes, one extra round trip either way`,
    );
  } finally {
    uninstall();
  }
}

export async function run(): Promise<void> {
  await typical();
  await large();
  await visibility();
}
