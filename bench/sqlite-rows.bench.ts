/**
 * sqlite-rows: what the delivery ledger's SQLite adapter costs per row, phase by phase, on the event loop.
 *
 * 10,000 repayments keyed (guard key + content hash + summary, as the CLI and the server key them), reserved as 40
 * requests of 250 (as a send reserves them), settled as Kiva answers a request (one upload id for its 250), then
 * looked up in one query (the reconcile of a copy without statuses), all in a fresh ledger file each round. Each
 * phase is the synchronous part of its calls (what holds the event loop; the -wal fsync runs off it and is not
 * counted). The baseline, measured in the same run: 10,000 trivial prepared INSERTs of one integer and two short
 * texts in one transaction on the same kind of file: the least a row can cost in SQLite on this machine.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summariseRepayment, type LedgerItem, type LedgerSubmit, type Settlement } from '../src/app/ledger';
import type { Repayment, RowOutcome } from '../src/kiva';
import { guardKeys } from '../src/server/store/guard-keys';
import { openLedger } from '../src/server/store/ledger-sqlite';

const ROWS = 10_000;
const PER_REQUEST = 250;
const ROUNDS = 7;
const PERIOD = '2026-11';

const repayments: Repayment[] = Array.from({ length: ROWS }, (_, n) => ({
  loan_id: `L-${String((n * 7919) % ROWS).padStart(6, '0')}`,
  amount: 10 + (n % 400) / 4,
}));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function keyAll(): LedgerItem[] {
  const items: LedgerItem[] = [];
  for (let n = 0; n < ROWS; n++) {
    const repayment = repayments[n] as Repayment;
    const { guardKey, contentHash } = guardKeys.repayment(repayment, PERIOD);
    items.push({
      guardKey,
      contentHash,
      rows: [{ sheet: 'Repayments', row: n + 2 }],
      summary: summariseRepayment(repayment),
    });
  }
  return items;
}

function trivialInserts(path: string): number {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT, c TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?)');
    const started = performance.now();
    db.transaction(() => {
      for (let n = 0; n < ROWS; n++) insert.run(n + 1, 'x'.repeat(64), 'repayment:2026-11:L-000123');
    }).immediate();
    return performance.now() - started;
  } finally {
    db.close();
  }
}

interface Phases {
  key: number;
  reserve: number;
  settle: number;
  lookup: number;
}

async function ledgerRound(path: string): Promise<Phases> {
  const ledger = openLedger(path);
  try {
    const submit: LedgerSubmit = {
      time: Date.now(),
      user: 'bench',
      environment: 'stage',
      endpoint: 'repayments',
      forced: false,
    };
    let started = performance.now();
    const items = keyAll();
    const key = performance.now() - started;
    let reserve = 0;
    let settle = 0;
    for (let k = 0; k < ROWS; k += PER_REQUEST) {
      const request = items.slice(k, k + PER_REQUEST);
      started = performance.now();
      const reserving = ledger.reserve(submit, request);
      reserve += performance.now() - started;
      const { submitId, admissions } = await reserving;
      const uploadId = String(70_000 + k);
      const settlements: Settlement[] = admissions.map((admission, position): Settlement => {
        const outcome: RowOutcome = {
          kind: 'sent',
          row: request[position]?.rows[0] ?? { sheet: 'Repayments', row: 0 },
          reference: { uploadId },
        };
        return { itemId: admission.itemId, outcomes: [outcome], httpStatus: 200 };
      });
      started = performance.now();
      const settling = ledger.settle(submitId, settlements, [], true);
      settle += performance.now() - started;
      await settling;
    }
    started = performance.now();
    const found = await ledger.lookup(
      'stage',
      items.map((item) => item.guardKey),
    );
    const lookup = performance.now() - started;
    if (found.size !== ROWS) throw new Error(`lookup found ${found.size} of ${ROWS}`);
    return { key, reserve, settle, lookup };
  } finally {
    ledger.close();
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kiva-sheets-sqlite-rows-'));
  try {
    const baseline: number[] = [];
    const phases: Phases[] = [];
    // Round 0 warms up (JIT, the file system) and is not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      const trivial = trivialInserts(join(dir, `trivial-${round}.sqlite`));
      const phase = await ledgerRound(join(dir, `ledger-${round}.sqlite`));
      if (round === 0) continue;
      baseline.push(trivial);
      phases.push(phase);
    }
    const base = median(baseline);
    const line = (name: keyof Phases) => {
      const ms = median(phases.map((p) => p[name]));
      return `${name} ${ms.toFixed(1)} ms (${((ms * 1000) / ROWS).toFixed(2)} µs a row, ${(ms / base).toFixed(2)}×)`;
    };
    const total = median(phases.map((p) => p.key + p.reserve + p.settle + p.lookup));
    console.log(
      `10,000 repayments through the SQLite ledger, event-loop time (medians of ${ROUNDS}); baseline 10,000 trivial ` +
        `INSERTs ${base.toFixed(1)} ms (${((base * 1000) / ROWS).toFixed(2)} µs a row)`,
    );
    console.log(`  ${line('key')}; ${line('reserve')}; ${line('settle')}; ${line('lookup')}`);
    console.log(
      `  in all ${total.toFixed(1)} ms, ${((total * 1000) / ROWS).toFixed(2)} µs a row: ${(total / base).toFixed(2)}× the trivial INSERTs`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
