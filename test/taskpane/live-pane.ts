/**
 * The real task pane on the live controller over the simulated Excel, with no server behind it (every request
 * fails as an unreachable one would): for component tests of what the pane reads and writes in the workbook
 * (settings, mappings) and of checks that need no Kiva. The portfolio check then says it was skipped.
 */
import { webcrypto } from 'node:crypto';
import { TextEncoder } from 'node:util';
import { createExcelHost, type SimWorkbook } from '../../dev/excel-sim';
import type { FetchLike } from '../../src/kiva';
import { createPaneController } from '../../src/taskpane/create-controller';
import { createPaneEventHub } from '../../src/taskpane/events';
import type { TabId } from '../../src/taskpane/pane-state';
import { renderPane } from './render';

const offline: FetchLike = () => Promise.reject(new TypeError('fetch failed'));

const uninstall: (() => void)[] = [];

/** Call once per test file: what a browser has and jsdom lacks, and the simulated Excel taken down after each test. */
export function useLivePane(): void {
  // The pane's guard keys (src/app/guard-keys.ts) are SHA-256 by WebCrypto.
  beforeAll(() => {
    Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
    Object.defineProperty(globalThis, 'TextEncoder', { value: TextEncoder, configurable: true });
  });
  afterEach(() => {
    while (uninstall.length > 0) uninstall.pop()?.();
  });
}

/** The pane opened on `book` in Office's `displayLanguage`, on `tab`. */
export function openLivePane(book: SimWorkbook, displayLanguage: string, tab: TabId) {
  const host = createExcelHost(book, { displayLanguage });
  uninstall.push(host.install());
  let key: string | undefined;
  const controller = createPaneController({ displayLanguage, theme: 'light' }, createPaneEventHub(), {
    fetch: offline,
    apiBase: 'http://127.0.0.1:9',
    page: { querySelector: () => null },
    watchExcel: false,
    pairingKeys: { get: () => key, set: (value) => (key = value) },
  });
  return renderPane(controller, tab);
}
