/**
 * send's delivery ledger in its own thread (src/cli/ledger-thread.ts, src/cli/ledger-worker.ts): it answers as the
 * in-process ledger does, and when the thread dies or stops answering, nothing whose reservation was not confirmed
 * leaves, the send stops with the ledger's error and exit 1, and rows not sent stay pending. The worker here is the
 * real one, started through bin/ledger-worker.js (a fresh thread, outside jest's transform: tsx loads it).
 */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedLoans, type Emulator } from '../../dev/kiva-emulator';
import { ConfirmationExceeded, type LedgerItem, type LedgerSubmit } from '../../src/app/ledger';
import { main } from '../../src/cli/main';
import { openLedger } from '../../src/server/store/ledger-sqlite';
import * as thread from '../../src/cli/ledger-thread';
import { emulatorEnv, emulatorPerTest, readWorkbook, statuses, writeWorkbook } from './harness';

/** Every ledger thread the CLI starts in this process, so a test can kill one mid-send. */
const started: thread.WorkerLedger[] = [];
jest.mock('../../src/cli/ledger-thread', () => {
  const actual = jest.requireActual<typeof thread>('../../src/cli/ledger-thread');
  return {
    ...actual,
    startLedgerWorker: (...args: Parameters<typeof actual.startLedgerWorker>) => {
      const ledger = actual.startLedgerWorker(...args);
      started.push(ledger);
      return ledger;
    },
  };
});

const LOAN_COUNT = 420;
const eligible = seedLoans(LOAN_COUNT).filter((loan) => loan.status === 'payingBack');
const loanId = (k: number): string => eligible[k]?.internal_loan_id ?? '';

let emulator: Emulator;
let dir: string;
emulatorPerTest(LOAN_COUNT, (e, folder) => {
  emulator = e;
  dir = folder;
  started.length = 0;
});

const submit: LedgerSubmit = {
  time: Date.parse('2026-12-04T02:00:00Z'),
  user: 'ana',
  environment: 'stage',
  endpoint: 'journals',
  forced: false,
};
const item = (k: number, hash = 'h'): LedgerItem => ({
  guardKey: `journal:L-${k}`,
  contentHash: hash,
  rows: [{ sheet: 'Journals', row: k + 2, key: `L-${k}` }],
  summary: { subject: `Update ${k}` },
});

it('answers as the in-process ledger does: admissions, held-back items, settlements, lookups, confirmation', async () => {
  const path = join(dir, 'ledger.sqlite');
  const ledger = thread.startLedgerWorker(path);
  await ledger.ready;
  const first = await ledger.reserve(submit, [item(0), item(1), item(0)]);
  expect(first.admissions.map((a) => a.admitted)).toEqual([true, true, false]);
  const [a0, a1] = first.admissions;
  await ledger.settle(
    first.submitId,
    [
      {
        itemId: a0?.itemId ?? 0,
        outcomes: [{ kind: 'sent', row: item(0).rows[0]!, reference: { confirmUrl: 'https://x/0' } }],
        httpStatus: 200,
      },
      {
        itemId: a1?.itemId ?? 0,
        outcomes: [{ kind: 'rejected', row: item(1).rows[0]!, message: 'no such loan' }],
        httpStatus: 200,
      },
    ],
    [],
    true,
  );
  const again = await ledger.reserve(submit, [item(0), item(1), item(2, 'other')]);
  expect(again.admissions[0]).toMatchObject({
    admitted: false,
    previous: { state: 'sent', reference: 'https://x/0', sentBy: 'ana' },
  });
  // A rejected row did not take effect at Kiva: it may be sent again.
  expect(again.admissions.slice(1).map((a) => a.admitted)).toEqual([true, true]);
  await expect(
    ledger.reserve({ ...submit, confirmation: { id: 'c1', rows: 1 } }, [item(5), item(6)]),
  ).rejects.toBeInstanceOf(ConfirmationExceeded);
  const found = await ledger.lookup('stage', ['journal:L-0', 'journal:L-1', 'journal:L-9']);
  expect([...found.keys()].sort()).toEqual(['journal:L-0', 'journal:L-1']);
  expect(found.get('journal:L-0')).toMatchObject({ state: 'sent', summary: { subject: 'Update 0' } });
  expect(found.get('journal:L-1')).toMatchObject({ state: 'sending', otherRun: false });
  expect((await ledger.stats()).calls).toBeGreaterThanOrEqual(5);
  ledger.close();
  await ledger.exited;
  expect(ledger.failure).toBeUndefined();

  // What the thread wrote is the file the server and validate read, rows as they were given (read-only: opening it
  // to write would recover this closed run's reservations).
  const inProcess = openLedger(path, { readOnly: true });
  try {
    const rows = inProcess.db.prepare(`SELECT rows, state FROM items ORDER BY id`).all() as {
      rows: string;
      state: string;
    }[];
    expect(rows[0]).toEqual({ rows: JSON.stringify(item(0).rows), state: 'accepted' });
    expect(rows.map((r) => r.state)).toEqual([
      'accepted',
      'released',
      'held-back',
      'held-back',
      'reserved',
      'reserved',
    ]);
  } finally {
    inProcess.close();
  }
});

it('a ledger that cannot be opened says why, and every call refuses', async () => {
  const file = join(dir, 'a-file');
  writeFileSync(file, '');
  // A folder that cannot be made (a file is in the way).
  const ledger = thread.startLedgerWorker(join(file, 'ledger.sqlite'));
  await expect(ledger.ready).rejects.toBeInstanceOf(thread.LedgerFailure);
  await expect(ledger.reserve(submit, [item(0)])).rejects.toBeInstanceOf(thread.LedgerFailure);
  await ledger.exited;
});

it('an answer that never comes: the call fails after its timeout, the thread is stopped, later calls refuse', async () => {
  const path = join(dir, 'ledger.sqlite');
  const ledger = thread.startLedgerWorker(path, { answerTimeoutMs: 300 });
  await ledger.ready;
  // Another process holds the write lock: the thread's reservation waits for it (busy_timeout, 5 s) and answers late.
  const other = new Database(path);
  other.exec('BEGIN IMMEDIATE');
  try {
    const reserving = ledger.reserve(submit, [item(0)]);
    await expect(reserving).rejects.toThrow('delivery ledger: no answer in 0.3 s');
    expect(ledger.failure?.detail).toBe('no answer in 0.3 s');
    await expect(ledger.lookup('stage', ['journal:L-0'])).rejects.toBe(ledger.failure);
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  await ledger.exited;
});

it('a thread that does not open in time is stopped: ready and every call fail with why', async () => {
  const path = join(dir, 'ledger.sqlite');
  openLedger(path).close();
  // Opening recovers dead runs, a write: it waits for the lock another process holds (5 s), past the timeout.
  const other = new Database(path);
  other.exec('BEGIN IMMEDIATE');
  try {
    // Longer than the thread takes to start here (tsx compiles its code), shorter than the lock's 5 s.
    const ledger = thread.startLedgerWorker(path, { openTimeoutMs: 2000 });
    await expect(ledger.ready).rejects.toThrow('delivery ledger: it did not open in 2 s');
    await expect(ledger.reserve(submit, [item(0)])).rejects.toBe(ledger.failure);
    other.exec('ROLLBACK');
    await ledger.exited;
  } finally {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
  }
});

/** Resolves once the emulator has received `count` journal requests (answered or not yet). */
async function receivedJournals(count: number): Promise<void> {
  while (emulator.received.filter((r) => r.method === 'POST' && r.path.includes('journals')).length < count) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function appliedJournalLoans(): string[] {
  return emulator.applied
    .filter((a) => a.endpoint === 'journals')
    .flatMap(
      (a) =>
        (Array.isArray(a.body) ? a.body : (a.body as { journals: unknown[] }).journals) as {
          internal_loan_id: string;
        }[],
    )
    .map((j) => j.internal_loan_id);
}

it('the ledger thread killed mid-send: nothing leaves unrecorded, the send stops with the ledger error and exit 1, the rest stays pending', async () => {
  const file = join(dir, 'journals.xlsx');
  const count = 12;
  const rows = Array.from({ length: count }, (_, k) => [loanId(k), `Update ${k}`]);
  await writeWorkbook(file, [{ name: 'Journals', rows: [['internal_loan_id', 'body'], ...rows] }]);
  const ledgerPath = join(dir, 'ledger.sqlite');
  const env = { ...emulatorEnv(emulator), KIVA_SHEETS_DB: ledgerPath, HOME: dir, TZ: 'America/Lima' };
  // Each answer takes a while, so the thread dies with requests in flight and more to reserve.
  emulator.inject({ match: { method: 'POST', path: 'journals' }, kind: 'latency', ms: 400, times: 100 });
  let stderr = '';
  // In this process, as the rerun below: a run's reservations are a dead run's once its process (here its run id
  // under this same pid) is gone, and jest's process stays alive.
  const send = () =>
    main({
      argv: ['send', file],
      env,
      cwd: dir,
      io: { stdout: () => {}, stderr: (text) => void (stderr += text), stderrIsTty: false },
      signal: new AbortController().signal,
    });
  const running = send();
  await receivedJournals(2);
  const [ledger] = started;
  if (ledger === undefined) throw new Error('send started no ledger thread');
  await ledger.terminate();
  expect(await running).toBe(1);
  expect(stderr).toContain(
    `The delivery ledger ${ledgerPath} stopped answering during the send (its thread stopped (exit code 1)).`,
  );
  expect(stderr).toContain('rows not sent stay pending');
  expect(stderr).not.toMatch(/internal error/);

  // What left had its reservation on disk first: every loan Kiva applied is in the ledger, the others are not.
  const applied = appliedJournalLoans();
  expect(applied.length).toBeGreaterThanOrEqual(2);
  expect(applied.length).toBeLessThan(count);
  const after = openLedger(ledgerPath, { readOnly: true });
  const items = after.db.prepare(`SELECT guard_key, state FROM items`).all() as { guard_key: string; state: string }[];
  after.close();
  // journal:<loan>:<content hash>
  const state = new Map(items.map((i) => [i.guard_key.split(':')[1], i.state]));
  for (const loan of applied) expect(state.get(loan)).toMatch(/^(reserved|accepted)$/);
  const unsent = rows.map(([loan]) => loan as string).filter((loan) => !applied.includes(loan));
  expect(unsent.filter((loan) => state.get(loan) === 'accepted')).toEqual([]);
  // The file is not written: rows not sent are still pending, and the next run sends them, each loan once.
  expect(Object.values(statuses(await readWorkbook(file), 'Journals'))).toEqual([]);
  emulator.clearFaults();
  const rerun = await send();
  const loans = appliedJournalLoans();
  expect(new Set(loans).size).toBe(loans.length);
  const final = statuses(await readWorkbook(file), 'Journals');
  const finalRows = Array.from({ length: count }, (_, k) => final[k + 2] ?? '');
  expect(finalRows.every((status) => /^(Sent|Uncertain)/.test(status))).toBe(true);
  expect(rerun).toBe(1); // the rows whose answer the dead run never recorded are Uncertain: check PA2
});
