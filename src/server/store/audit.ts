/**
 * The server's store: the delivery ledger (./ledger-sqlite.ts, shared with the command line) and local mode's
 * paired panes, in one SQLite file.
 */
import type { PairingKeys } from '../auth/pairing';
import type { Ledger, LedgerEndpoint, LedgerItem, LedgerSubmit } from '../../app/ledger';
import { openDatabase } from './database';
import { ledgerOn, type LedgerOptions } from './ledger-sqlite';

export { ConfirmationExceeded, type Admission, type PreviousSend, type Settlement } from '../../app/ledger';

export type SubmitEndpoint = LedgerEndpoint;
export type SubmitHeader = LedgerSubmit;
export type GuardedItem = LedgerItem;

export interface AuditStore extends Ledger {
  /** Local mode's paired panes, kept across restarts. */
  pairingKeys: PairingKeys;
}

export function openAuditStore(path: string, now: () => number = Date.now, options: LedgerOptions = {}): AuditStore {
  const db = openDatabase(path);
  const ledger = ledgerOn(db, { ...options, now });
  const insertPairing = db.prepare(`INSERT OR IGNORE INTO pairings (key_hash, created_at) VALUES (?, ?)`);
  const hasPairing = db.prepare(`SELECT 1 FROM pairings WHERE key_hash = ?`);
  return {
    reserve: ledger.reserve,
    leaving: ledger.leaving,
    settle: ledger.settle,
    lookup: ledger.lookup,
    recoverDeadRuns: ledger.recoverDeadRuns,
    close: ledger.close,
    pairingKeys: {
      add: (keyHash, time) => {
        insertPairing.run(keyHash, new Date(time).toISOString());
      },
      has: (keyHash) => hasPairing.get(keyHash) !== undefined,
    },
  };
}
