/**
 * The command line's delivery ledger: the server's SQLite audit log (src/server/store), in the same data folder by
 * default (`KIVA_SHEETS_DB`, else the platform data folder), so a scheduled job, a person at the same computer and
 * the server share one memory of what was sent.
 *
 * `send` keeps it in a thread of its own (./ledger-thread.ts), so that SQLite's work runs beside the requests in
 * flight rather than between them; validate and preview, one lookup each, read it in-process.
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { DeliveryLedger } from '../app/ledger-rows';
import { DEFAULT_CLIENT_SETTINGS } from '../kiva';
import { systemClock } from '../app/host-runtime';
import { defaultReportPeriod } from '../app/guard-keys';
import { guardKeys } from '../server/store/guard-keys';
import { openLedger } from '../server/store/ledger-sqlite';
import { startLedgerWorker, type LedgerFailure, type WorkerLedger, type WorkerLedgerOptions } from './ledger-thread';

export interface CliLedger extends DeliveryLedger {
  path: string;
  close(): void;
}

/**
 * Opens the ledger at `path`. `readOnly` (validate, preview): a ledger that does not exist yet knows nothing and is
 * not created just to be read; one that exists is only looked up, never reserved in.
 */
export function openCliLedger(
  path: string,
  options: { readOnly: boolean; period?: string; now?: number },
): CliLedger | undefined {
  if (options.readOnly && (path === ':memory:' || !existsSync(path))) return undefined;
  const ledger = openLedger(path, { readOnly: options.readOnly });
  return { ...access(path, ledger, options), close: () => ledger.close() };
}

/** send's ledger, in its thread. */
export interface SendLedger extends CliLedger {
  ledger: WorkerLedger;
  /** Resolves once the file is open; rejects with why it cannot be (then nothing may be sent). */
  opened: Promise<void>;
  /** Why the ledger stopped answering during the run, if it did: what this run sent may not be recorded. */
  failure(): LedgerFailure | undefined;
}

/**
 * Starts send's ledger at `path` without waiting for it: the thread opens the file (and recovers dead runs) while
 * the workbook is read. Await `opened` before anything is sent.
 */
export function startSendLedger(
  path: string,
  options: { period?: string; now?: number } & WorkerLedgerOptions = {},
): SendLedger {
  const ledger = startLedgerWorker(path, options);
  return {
    ...access(path, ledger, options),
    ledger,
    opened: ledger.ready,
    failure: () => ledger.failure,
    close: () => ledger.close(),
  };
}

function access<L extends DeliveryLedger['ledger']>(
  path: string,
  ledger: L,
  options: { period?: string; now?: number },
): Omit<CliLedger, 'close'> & { ledger: L } {
  const now = options.now ?? Date.now();
  const account = accountName();
  return {
    path,
    ledger,
    keys: guardKeys,
    user: account,
    userId: `local:${account}`,
    // The month before today on this computer's clock: the rule the pane follows too (src/app/guard-keys.ts).
    period: options.period ?? defaultReportPeriod(now, systemClock.utcOffsetMinutes(now)),
    concurrency: DEFAULT_CLIENT_SETTINGS.concurrency,
  };
}

function accountName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? '';
  }
}
