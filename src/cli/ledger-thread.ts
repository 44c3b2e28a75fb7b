/**
 * The main thread's side of the ledger thread (./ledger-worker.ts): a Ledger whose calls are messages to a worker
 * that holds the SQLite connection. The send keeps its event loop for the requests in flight; SQLite's work runs on
 * the other core meanwhile.
 *
 * Failure is never a guess: if the worker dies, or a call gets no answer in time, every call waiting and every call
 * after it rejects with a LedgerFailure. A reservation not confirmed is a request that does not leave (the send
 * awaits it first); whatever the worker may have recorded before it stopped is a reservation that the next run reads
 * as a dead run's (Uncertain), never as sent.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ConfirmationExceeded, type Ledger, type LedgerEntry } from '../app/ledger';
import {
  decodeReserved,
  encodeItems,
  encodeSettlements,
  type LedgerWorkerData,
  type WireLookup,
  type WireReserved,
  type WorkerAnswer,
  type WorkerCall,
  type WorkerReady,
  type WorkerStats,
} from './ledger-worker-protocol';

/** The ledger stopped answering (its thread died, or did not answer in time), or refused a call. */
export class LedgerFailure extends Error {
  constructor(readonly detail: string) {
    super(`delivery ledger: ${detail}`);
    this.name = 'LedgerFailure';
  }
}

export interface WorkerLedger extends Ledger {
  /** Resolves once the thread has the file open; rejects with why it could not (every call then rejects too). */
  readonly ready: Promise<void>;
  /** Why the ledger stopped answering, once it has: the send's result cannot be trusted to be recorded. */
  readonly failure: LedgerFailure | undefined;
  /** The worker's own time (the bench). */
  stats(): Promise<WorkerStats>;
  /**
   * Milliseconds this side spent on the main thread so far: encoding calls, posting them, reading and decoding
   * answers (the bench: what the ledger still costs the event loop the requests run on).
   */
  readonly mainThreadMs: number;
  /** Resolves when the worker has exited (after close, the connection is closed and its fsyncs done). */
  readonly exited: Promise<void>;
  /** Stops the thread at once, as a crash would (the tests). */
  terminate(): Promise<void>;
}

export interface WorkerLedgerOptions {
  /**
   * How long a call may wait for its answer. A reservation waits up to 5 s for another process's write lock
   * (busy_timeout) and for its fsync: a minute is an ill ledger, not a slow one.
   */
  answerTimeoutMs?: number;
  /** How long the thread may take to start and open the file (it waits up to 5 s for a lock too). */
  openTimeoutMs?: number;
}

const ANSWER_TIMEOUT_MS = 60_000;
const WORKER_ENTRY = 'ledger-worker.js';

/**
 * Starts the ledger thread on `path`. Calls may be made at once (they wait in the thread's queue while it opens the
 * file, so a send reads its workbook meanwhile); `ready` says whether the file could be opened.
 */
export function startLedgerWorker(path: string, options: WorkerLedgerOptions = {}): WorkerLedger {
  const timeout = options.answerTimeoutMs ?? ANSWER_TIMEOUT_MS;
  const worker = new Worker(workerEntry(), { workerData: { path } satisfies LedgerWorkerData });
  const waiting = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
  >();
  let nextId = 1;
  let failure: LedgerFailure | undefined;
  let closing = false;
  let opened: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const ready = new Promise<void>((resolve, reject) => (opened = { resolve, reject }));
  // Nobody may be waiting for it (a failure then shows in the calls).
  ready.catch(() => {});
  // Opening waits for another process's write lock at most 5 s (recovery writes): a thread that says nothing for a
  // minute is as ill as one that does not answer a call.
  const openTimeout = options.openTimeoutMs ?? ANSWER_TIMEOUT_MS;
  const opening = setTimeout(() => {
    stop(new LedgerFailure(`it did not open in ${openTimeout / 1000} s`));
    void worker.terminate();
  }, openTimeout);
  void ready.finally(() => clearTimeout(opening)).catch(() => {});

  const stop = (why: LedgerFailure): void => {
    failure ??= why;
    opened?.reject(failure);
    opened = undefined;
    for (const call of waiting.values()) {
      clearTimeout(call.timer);
      call.reject(failure);
    }
    waiting.clear();
  };
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (error) => stop(new LedgerFailure(`its thread stopped: ${error.message}`)));
  worker.on('messageerror', (error) => stop(new LedgerFailure(`an answer could not be read: ${error.message}`)));
  worker.on('exit', (code) => {
    // A close with nothing waiting is the normal end, not a failure.
    if (closing && waiting.size === 0) return;
    stop(new LedgerFailure(closing ? 'closed' : `its thread stopped (exit code ${code})`));
  });
  let mainThreadMs = 0;
  /** Runs `work`, adding its time to mainThreadMs. */
  const timed = <T>(work: () => T): T => {
    const started = performance.now();
    try {
      return work();
    } finally {
      mainThreadMs += performance.now() - started;
    }
  };
  worker.on('message', (message: WorkerReady | WorkerAnswer) => timed(() => answered(message)));
  const answered = (message: WorkerReady | WorkerAnswer): void => {
    if ('ready' in message) {
      if (message.ready) opened?.resolve();
      else stop(new LedgerFailure(message.message));
      opened = undefined;
      return;
    }
    const call = waiting.get(message.id);
    if (call === undefined) return;
    waiting.delete(message.id);
    clearTimeout(call.timer);
    if (message.ok) call.resolve(message.value);
    else call.reject(errorFrom(message.error));
  };

  const call = <T>(op: string, args: unknown[]): Promise<T> => {
    if (failure !== undefined) return Promise.reject(failure);
    if (closing) return Promise.reject(new LedgerFailure('closed'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        stop(new LedgerFailure(`no answer in ${timeout / 1000} s`));
        void worker.terminate();
      }, timeout);
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      worker.postMessage({ id, op, args } satisfies WorkerCall);
    });
  };

  return {
    ready,
    get failure() {
      return failure;
    },
    exited,
    get mainThreadMs() {
      return mainThreadMs;
    },
    reserve: async (submit, items) => {
      const answer = await timed(() => call<WireReserved>('reserve', [submit, encodeItems(items)]));
      return timed(() => decodeReserved(answer));
    },
    settle: (submitId, settlements, calls, last) =>
      timed(() => call<void>('settle', [submitId, encodeSettlements(settlements), calls, last])),
    lookup: async (environment, guardKeys) => {
      const entries = await timed(() => call<WireLookup>('lookup', [environment, guardKeys]));
      return timed(() => new Map<string, LedgerEntry>(entries.map((entry) => [entry.guardKey, entry])));
    },
    // Any other method goes by name, its arguments as they are: a new Ledger method is one line here.
    leaving: (submitId) => timed(() => call<void>('leaving', [submitId])),
    recoverDeadRuns: () => call<number>('recoverDeadRuns', []),
    stats: () => call<WorkerStats>('stats', []),
    close: () => {
      if (closing || failure !== undefined) return;
      closing = true;
      worker.postMessage({ id: 0, op: 'close', args: [] } satisfies WorkerCall);
    },
    terminate: async () => {
      await worker.terminate();
    },
  };
}

function errorFrom(error: Extract<WorkerAnswer, { ok: false }>['error']): Error {
  if (error.name === 'ConfirmationExceeded')
    return new ConfirmationExceeded(error.confirmed ?? 0, error.requested ?? 0);
  return new LedgerFailure(error.message);
}

/**
 * bin/ledger-worker.js, which loads the worker's code as bin/kiva-sheets.js loads the CLI's (tsx in a checkout,
 * lib/ in the package): a worker is a fresh thread, outside the main thread's tsx hook and outside jest's transform.
 * This file is src/cli/ledger-thread.ts in a checkout and part of lib/cli.js in the package: the package's root is
 * the nearest folder above it with that entry.
 */
function workerEntry(): string {
  for (let folder = __dirname; ; folder = dirname(folder)) {
    const entry = join(folder, 'bin', WORKER_ENTRY);
    if (existsSync(entry)) return entry;
    if (dirname(folder) === folder) throw new Error(`bin/${WORKER_ENTRY} not found above ${__dirname}`);
  }
}
