/**
 * src/sheet throughput: convert + validate 100,000 repayment rows, and 5,000 loans with 12 instalments each,
 * against a bare loop that only builds the same request objects and JSON.stringifies them, in the same run.
 * Goal: at most 4× the bare loop.
 */
import type { ConfigLists, LoanDraft, Repayment, ScheduleItem } from '../src/kiva/models';
import { convertWorkbook, serialToIso, type CellGrid, type RawCell } from '../src/sheet';

const REPAYMENT_ROWS = 100_000;
const LOANS = 5_000;
const INSTALMENTS = 12;
const RUNS = 9;

const CONFIG: ConfigLists = {
  activities: [
    { activity_id: 61, activity: 'Agriculture' },
    { activity_id: 13, activity: 'Retail' },
    { activity_id: 17, activity: 'Bakery' },
  ],
  locales: [{ currency: 'PEN', language_code: 'es', language_name: 'Spanish', language_id: 2 }],
  themes: [{ theme_type_id: 48, theme_type: 'General' }],
  locations: [
    { country: 'Peru', location: 'Lima', full_name: 'Lima: Peru' },
    { country: 'Peru', location: 'Cusco', full_name: 'Cusco: Peru' },
  ],
};
const ACTIVITIES = ['Agriculture', 'Retail', 'Bakery'];
const LOCATIONS = ['Lima: Peru', 'Cusco: Peru'];
const TODAY = '2026-11-28';
const DISBURSAL_SERIAL = 46346; // 2026-11-20
const DATE_FORMAT = 'yyyy-mm-dd';

function repaymentsGrid(): CellGrid {
  const values: RawCell[][] = [['loan_id', 'client_id', 'amount']];
  for (let n = 0; n < REPAYMENT_ROWS; n++) values.push([`L${String(n).padStart(7, '0')}`, `C${n}`, 10 + (n % 500) / 4]);
  return { sheet: 'Repayments', values };
}

function loanGrids(): CellGrid[] {
  const loans: RawCell[][] = [
    [
      'loan_id',
      'client_id',
      'first_name',
      'last_name',
      'gender',
      'amount',
      'activity',
      'theme',
      'location',
      'language',
      'currency',
      'disburse_time',
      'description',
      'loanuse',
      'client_waiver_signed',
    ],
  ];
  const loanFormats: (string | undefined)[][] = [[]];
  const schedule: RawCell[][] = [['loan_id', 'date', 'principal', 'interest']];
  const scheduleFormats: (string | undefined)[][] = [[]];
  for (let n = 0; n < LOANS; n++) {
    const id = `P${String(n).padStart(6, '0')}`;
    loans.push([
      id,
      `C${n}`,
      'María José',
      'Quispe Ñahui',
      n % 2 === 0 ? 'F' : 'M',
      1200,
      ACTIVITIES[n % 3] as string,
      'General',
      LOCATIONS[n % 2] as string,
      'Spanish',
      'PEN',
      DISBURSAL_SERIAL,
      'Sells vegetables at the market in the morning and weaves at night.',
      'to buy seeds and fertiliser',
      'yes',
    ]);
    const row: (string | undefined)[] = [];
    row[11] = DATE_FORMAT;
    loanFormats.push(row);
    for (let k = 0; k < INSTALMENTS; k++) {
      schedule.push([id, DISBURSAL_SERIAL + 30 * (k + 1), 100, 12.5]);
      scheduleFormats.push([undefined, DATE_FORMAT]);
    }
  }
  return [
    { sheet: 'Loans', values: loans, formats: loanFormats },
    { sheet: 'Schedule', values: schedule, formats: scheduleFormats },
  ];
}

/**
 * The floor: the same objects built straight from known columns, no checks, then serialised. Dates still have
 * to become `YYYY-MM-DD`, with the same arithmetic, or the objects would not be the same.
 */
function bareRepayments(grid: CellGrid): number {
  let bytes = 0;
  let batch: Repayment[] = [];
  for (let i = 1; i < grid.values.length; i++) {
    const row = grid.values[i] as RawCell[];
    batch.push({ loan_id: row[0] as string, amount: row[2] as number });
    if (batch.length === 250) {
      bytes += JSON.stringify({ repayments: batch }).length;
      batch = [];
    }
  }
  if (batch.length > 0) bytes += JSON.stringify({ repayments: batch }).length;
  return bytes;
}

function bareLoans(grids: CellGrid[]): number {
  const [loans, schedule] = grids as [CellGrid, CellGrid];
  const activity = new Map(CONFIG.activities.map((a) => [a.activity, a.activity_id]));
  const byLoan = new Map<string, ScheduleItem[]>();
  for (let i = 1; i < schedule.values.length; i++) {
    const row = schedule.values[i] as RawCell[];
    const list = byLoan.get(row[0] as string) ?? [];
    list.push({
      date: serialToIso(row[1] as number) as string,
      principal: row[2] as number,
      interest: row[3] as number,
    });
    byLoan.set(row[0] as string, list);
  }
  let bytes = 0;
  for (let i = 1; i < loans.values.length; i++) {
    const r = loans.values[i] as RawCell[];
    const draft: LoanDraft = {
      activity_id: activity.get(r[6] as string) ?? 0,
      theme_type_id: 48,
      location: r[8] as string,
      description_language_id: 2,
      currency: 'PEN',
      description: r[12] as string,
      loanuse: r[13] as string,
      disburse_time: serialToIso(r[11] as number) as string,
      client_waiver_signed: true,
      entreps: [
        {
          amount: r[5] as number,
          client_id: r[1] as string,
          loan_id: r[0] as string,
          first_name: r[2] as string,
          last_name: r[3] as string,
          gender: r[4] === 'F' ? 'female' : 'male',
        },
      ],
      schedule: byLoan.get(r[0] as string) ?? [],
    };
    bytes += JSON.stringify(draft).length;
  }
  return bytes;
}

function ours(sheets: CellGrid[]): { bytes: number; errors: number; requests: number } {
  const conversion = convertWorkbook({ sheets, config: CONFIG, settings: { today: TODAY } });
  let bytes = 0;
  for (const request of conversion.requests) bytes += JSON.stringify(request.body).length;
  return { bytes, errors: conversion.errorCount, requests: conversion.requests.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median milliseconds of each function, run alternately so both see the same machine and the same heap. */
function timePair(a: () => unknown, b: () => unknown): [number, number] {
  const ta: number[] = [];
  const tb: number[] = [];
  a(); // warm-up: JIT and caches
  b();
  for (let k = 0; k < RUNS; k++) {
    let start = performance.now();
    a();
    ta.push(performance.now() - start);
    sampleHeap();
    start = performance.now();
    b();
    tb.push(performance.now() - start);
  }
  return [median(ta), median(tb)];
}

let peakHeap = 0;
function sampleHeap(): void {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}

function report(name: string, rows: number, oursMs: number, bareMs: number): void {
  const ratio = oursMs / bareMs;
  console.log(
    `${name}: ${Math.round(rows / (oursMs / 1000)).toLocaleString('en')} rows/s ` +
      `(${oursMs.toFixed(1)} ms; bare loop ${bareMs.toFixed(1)} ms) — ${ratio.toFixed(2)}× the bare loop ` +
      `${ratio <= 4 ? '(goal ≤ 4×: met)' : '(goal ≤ 4×: MISSED)'}`,
  );
}

export async function run(): Promise<void> {
  const repayments = repaymentsGrid();
  const check = ours([repayments]);
  if (check.errors !== 0 || check.requests !== Math.ceil(REPAYMENT_ROWS / 250)) {
    throw new Error(`repayments bench input did not convert cleanly: ${JSON.stringify(check)}`);
  }
  if (bareRepayments(repayments) !== check.bytes) throw new Error('the bare loop does not build the same repayments');
  const [repOurs, repBare] = timePair(
    () => ours([repayments]),
    () => bareRepayments(repayments),
  );
  report(`repayments × ${REPAYMENT_ROWS.toLocaleString('en')}`, REPAYMENT_ROWS, repOurs, repBare);

  const loans = loanGrids();
  const loanCheck = ours(loans);
  if (loanCheck.errors !== 0 || loanCheck.requests !== LOANS) {
    throw new Error(`loans bench input did not convert cleanly: ${JSON.stringify(loanCheck)}`);
  }
  if (bareLoans(loans) !== loanCheck.bytes) throw new Error('the bare loop does not build the same loan drafts');
  const [loanOurs, loanBare] = timePair(
    () => ours(loans),
    () => bareLoans(loans),
  );
  report(
    `loans × ${LOANS.toLocaleString('en')} (+${(LOANS * INSTALMENTS).toLocaleString('en')} instalments)`,
    LOANS * (INSTALMENTS + 1),
    loanOurs,
    loanBare,
  );

  console.log(
    `peak memory: heap ${(peakHeap / 1048576).toFixed(0)} MB, ` +
      `resident ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (whole process, inputs included)`,
  );
}
