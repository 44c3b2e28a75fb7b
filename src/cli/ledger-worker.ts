/**
 * The command line's delivery ledger, in a thread of its own: SQLite's work (about 160 ms of a 10,000-repayment
 * send) then runs on the other core while requests are in flight, instead of holding the event loop that sends
 * them. The ledger is the very one the server and an in-process CLI open (src/server/store/ledger-sqlite.ts):
 * same file, same durability (each commit's -wal fsync awaited before its answer goes back, off this thread's
 * loop too), same recovery of dead runs — a worker thread is part of its process, so its pid is the CLI's.
 *
 * Started by ./ledger-thread.ts through bin/ledger-worker.js, which loads this file through tsx in a checkout and
 * lib/ledger-worker.js in the installed package. Calls are answered in the order they came, each once.
 */
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { ConfirmationExceeded, type Ledger } from '../app/ledger';
import { openLedger, type SqliteLedger } from '../server/store/ledger-sqlite';
import {
  decodeItems,
  decodeSettlements,
  encodeReserved,
  type LedgerWorkerData,
  type SettleArgs,
  type WireItem,
  type WorkerAnswer,
  type WorkerCall,
  type WorkerReady,
  type WorkerStats,
} from './ledger-worker-protocol';

/** Calls answered at once, ahead of those queued. */
const URGENT = new Set(['leaving', 'stats']);

export function serveLedger(port: MessagePort, data: LedgerWorkerData): void {
  let ledger: SqliteLedger;
  try {
    ledger = openLedger(data.path);
  } catch (error) {
    port.postMessage({ ready: false, message: (error as Error).message } satisfies WorkerReady);
    port.close();
    return;
  }
  const stats: WorkerStats = { calls: 0, blockingMs: 0, syncs: 0 };
  /** Each Ledger method by name, with its arguments decoded; any other method is called with them as they came. */
  const special: Record<string, (args: unknown[]) => Promise<unknown>> = {
    reserve: async ([submit, items]) =>
      encodeReserved(
        await ledger.reserve(submit as Parameters<Ledger['reserve']>[0], decodeItems(items as WireItem[])),
      ),
    settle: (args) => {
      const [submitId, groups, calls, last] = args as SettleArgs;
      return ledger.settle(submitId, decodeSettlements(groups), calls, last);
    },
    lookup: async ([environment, keys]) => [...(await ledger.lookup(environment as string, keys as string[])).values()],
    stats: () => Promise.resolve({ ...stats, syncs: ledger.syncs }),
  };
  const run = (call: WorkerCall): void => {
    if (call.op === 'close') {
      ledger.close();
      port.close();
      return;
    }
    const started = performance.now();
    let answer: Promise<unknown>;
    try {
      const handler = special[call.op];
      if (handler !== undefined) answer = handler(call.args);
      else {
        const method = (ledger as unknown as Record<string, unknown>)[call.op];
        if (typeof method !== 'function') throw new Error(`the delivery ledger has no method ${call.op}`);
        answer = Promise.resolve((method as (...args: unknown[]) => unknown).apply(ledger, call.args));
      }
    } catch (error) {
      answer = Promise.reject(error);
    }
    // The synchronous part (SQLite's work); the rest is the fsync, on the thread pool.
    stats.calls++;
    stats.blockingMs += performance.now() - started;
    answer.then(
      (value) => port.postMessage({ id: call.id, ok: true, value } satisfies WorkerAnswer),
      (error: unknown) => port.postMessage({ id: call.id, ok: false, error: errorOf(error) } satisfies WorkerAnswer),
    );
  };
  // A leaving mark is what a request waits for just before it leaves: it goes before the reservations and
  // settlements that came with it or before it (each is milliseconds of SQLite; the mark is one small commit). The
  // others run in the order they came, those of one turn of this thread's loop together, so that their commits share
  // one fsync (./wal-sync.ts). Order between them and a mark does not matter: a mark is only sent once its
  // reservation is answered.
  const queue: WorkerCall[] = [];
  const drain = (): void => {
    for (const call of queue.splice(0)) run(call);
  };
  port.on('message', (call: WorkerCall) => {
    if (URGENT.has(call.op)) return run(call);
    if (queue.push(call) === 1) setImmediate(drain);
  });
  port.postMessage({ ready: true } satisfies WorkerReady);
}

function errorOf(error: unknown): Extract<WorkerAnswer, { ok: false }>['error'] {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  if (error instanceof ConfirmationExceeded) {
    const { confirmed, requested } = error;
    return { name: 'ConfirmationExceeded', message: error.message, confirmed, requested };
  }
  return { name: error.name, message: error.message };
}

if (!isMainThread && parentPort !== null) serveLedger(parentPort, workerData as LedgerWorkerData);
