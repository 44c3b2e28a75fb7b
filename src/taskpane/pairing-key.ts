/**
 * Where the pane keeps the key a one-time pairing gave it (docs/server.md, local mode where the server cannot tell
 * which account connects): the page's own storage, which Office partitions per add-in and host. Never in the
 * workbook or its settings, never in a page the server serves. Storage refused: the pane pairs again next time.
 */
import { pageValue } from './page-storage';

export interface PairingKeyStore {
  get(): string | undefined;
  set(key: string): void;
}

export function browserPairingKeyStore(storage?: Pick<Storage, 'getItem' | 'setItem'>): PairingKeyStore {
  return pageValue('kiva-sheets.pairing-key', storage);
}
