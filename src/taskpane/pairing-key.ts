/**
 * Where the pane keeps the key a one-time pairing gave it (docs/server.md, local mode where the server cannot tell
 * which account connects): the page's own storage, which Office partitions per add-in and host. Never in the
 * workbook or its settings, never in a page the server serves.
 */
export interface PairingKeyStore {
  get(): string | undefined;
  set(key: string): void;
}

const STORAGE_KEY = 'kiva-sheets.pairing-key';

export function browserPairingKeyStore(storage?: Pick<Storage, 'getItem' | 'setItem'>): PairingKeyStore {
  const store = (() => {
    try {
      return storage ?? globalThis.localStorage;
    } catch {
      // Storage refused (privacy settings): the pane pairs again next time.
      return undefined;
    }
  })();
  let memory: string | undefined;
  return {
    get() {
      try {
        return store?.getItem(STORAGE_KEY) ?? memory;
      } catch {
        return memory;
      }
    },
    set(key) {
      memory = key;
      try {
        store?.setItem(STORAGE_KEY, key);
      } catch {
        // Kept for this session only.
      }
    },
  };
}
