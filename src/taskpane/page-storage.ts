/**
 * One value in the page's own storage (localStorage), which Office partitions per add-in and host and keeps per
 * user: the pairing key (pairing-key.ts) and the language chosen in the pane. When the browser refuses storage
 * (privacy settings), the value lasts for this session only. Never in the workbook or its settings.
 */
export interface PageValue {
  get(): string | undefined;
  set(value: string): void;
}

export function pageValue(key: string, storage?: Pick<Storage, 'getItem' | 'setItem'>): PageValue {
  const store = (() => {
    try {
      return storage ?? globalThis.localStorage;
    } catch {
      return undefined;
    }
  })();
  let memory: string | undefined;
  return {
    get() {
      try {
        return store?.getItem(key) ?? memory;
      } catch {
        return memory;
      }
    },
    set(value) {
      memory = value;
      try {
        store?.setItem(key, value);
      } catch {
        // Kept for this session only.
      }
    },
  };
}
