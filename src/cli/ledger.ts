/**
 * The command line's delivery ledger: the server's SQLite audit log (src/server/store), in the same data folder by
 * default (`KIVA_SHEETS_DB`, else the platform data folder), so a scheduled job, a person at the same computer and
 * the server share one memory of what was sent.
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { DeliveryLedger } from '../app/ledger-rows';
import { DEFAULT_CLIENT_SETTINGS } from '../kiva';
import { systemClock } from '../app/host-runtime';
import { defaultReportPeriod } from '../app/guard-keys';
import { guardKeys } from '../server/store/guard-keys';
import { openLedger } from '../server/store/ledger-sqlite';

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
    close: () => ledger.close(),
  };
}

function accountName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? '';
  }
}
