import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { en } from '../../src/i18n/en';
import { es } from '../../src/i18n/es';
import { fr } from '../../src/i18n/fr';
import { fill, formatError, pickLanguage, plural } from '../../src/i18n';
import type { KnownErrorCode, PaneController, PaneEvent } from '../../src/taskpane/controller';
import { createPaneController } from '../../src/taskpane/create-controller';
import { createPaneEventHub } from '../../src/taskpane/events';
import { themeFromBackground } from '../../src/taskpane/theme';

// Compile-time: every error code the controller may return has an English sentence.
const _everyCodeWorded: Record<KnownErrorCode, string> = en.errors;
void _everyCodeWorded;

const root = join(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function leaves(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value))
      for (const [k, v] of leaves(inner, `${prefix}.${key}`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI catalogue', () => {
  it('has the same sentences, with the same placeholders, in English, Spanish and French', () => {
    const english = leaves(en);
    for (const [name, other] of [
      ['es', leaves(es)],
      ['fr', leaves(fr)],
    ] as const) {
      expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of english) {
        expect({ lang: name, key, placeholders: placeholders(other.get(key) ?? '') }).toEqual({
          lang: name,
          key,
          placeholders: placeholders(text),
        });
      }
    }
  });

  it('never starts a sentence with a character Excel would read as a formula', () => {
    for (const catalogue of [en, es, fr]) {
      for (const text of leaves(catalogue).values()) expect(text).not.toMatch(/^[=+\-@]/);
    }
  });

  it('picks the language from Office’s display language', () => {
    expect(pickLanguage('es-MX')).toBe('es');
    expect(pickLanguage('fr_FR')).toBe('fr');
    expect(pickLanguage('pt-BR')).toBe('en');
    expect(pickLanguage(undefined)).toBe('en');
  });

  it('words plurals per language (French counts 0 and 1 as singular)', () => {
    expect(plural('en', en.send.ready, 1)).toBe('1 row ready to send.');
    expect(plural('en', en.send.ready, 0)).toBe('0 rows ready to send.');
    expect(plural('fr', fr.send.ready, 0)).toBe('0 ligne prête à envoyer.');
    expect(plural('es', es.send.ready, 2)).toBe('2 filas listas para enviar.');
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('words unknown and half-filled errors without leaving placeholders behind', () => {
    expect(formatError({ code: 'server.brand-new', params: {} }, 'en')).toBe(
      'Something went wrong (server.brand-new).',
    );
    expect(formatError({ code: 'office.failed', params: {} }, 'en')).toBe(
      'Excel could not finish the task. Try again.',
    );
    expect(
      formatError({ code: 'duplicate', params: { previous: 'in-flight', sentBy: 'ana', environment: 'stage' } }, 'fr'),
    ).toBe('ana l’envoie à Kiva Test (stage) en ce moment\u202f; pas envoyé deux fois.');
  });
});

describe('house rules for the pane', () => {
  it('components reach Office, Excel and the network only through the controller', () => {
    const allowed = new Set(['src/taskpane/index.tsx', 'src/commands/index.ts']);
    const offenders: string[] = [];
    for (const file of [...files(join(root, 'src/taskpane')), ...files(join(root, 'src/commands'))]) {
      const path = relative(root, file).split('\\').join('/');
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (/\bfetch\s*\(|XMLHttpRequest|\bExcel\.|\bOfficeRuntime\b/.test(text)) offenders.push(path);
      if (/\bOffice\./.test(text) && !allowed.has(path)) offenders.push(path);
      // The one exception: the page's own storage (local mode's pairing key, docs/server.md, and the language the
      // user chose), behind a port.
      const storageAllowed = path === 'src/taskpane/page-storage.ts';
      if (/localStorage|sessionStorage|document\.cookie/.test(text) && !storageAllowed) offenders.push(path);
    }
    expect(offenders).toEqual([]);
  });

  it('ships no fake controller or demo data in src', () => {
    const names = files(join(root, 'src/taskpane')).map((f) => relative(root, f));
    expect(names.filter((n) => /fake|demo|mock/i.test(n))).toEqual([]);
  });
});

describe('create-controller (the wiring)', () => {
  it('answers every call with a result, never a rejection, with neither Excel nor a server, and loads no msal', async () => {
    const loadMsal = jest.fn(() => Promise.reject(new Error('msal must not load in local mode')));
    const controller = createPaneController({ displayLanguage: 'fr-FR', theme: 'dark' }, createPaneEventHub(), {
      fetch: () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })),
      page: { querySelector: () => null },
      loadMsal,
      watchExcel: false,
    });
    expect(controller.displayLanguage).toBe('fr-FR');
    expect(controller.theme).toBe('dark');
    // One after the other: tasks that write into the workbook run one at a time (`pane.busy` otherwise).
    const calls: (() => Promise<unknown>)[] = [
      () => controller.session(),
      () => controller.selectEnvironment('stage'),
      () => controller.testConnection('stage'),
      () => controller.detectSheet(),
      () => controller.saveMapping({ version: 1 }),
      () => controller.validate('sheet'),
      () => controller.preview('selection'),
      () => controller.planSend({ scope: 'selection', env: 'stage', resend: false, includeUncertain: false }),
      () =>
        controller.send({
          scope: 'selection',
          env: 'stage',
          resend: false,
          includeUncertain: false,
          signal: new AbortController().signal,
        }),
      () => controller.goToCell('A1'),
      () => controller.attachPhotos({ files: [], match: 'file-name' }),
      () => controller.refreshLists(),
      () => controller.createRepaymentTemplate(),
    ];
    const codes: (string | undefined)[] = [];
    for (const call of calls) {
      const answer = (await call()) as { ok: boolean; error?: { code: string } };
      codes.push(answer.ok ? 'ok' : answer.error?.code);
    }
    expect(codes).toEqual([
      'server.unreachable',
      'server.unreachable',
      'server.unreachable',
      ...Array(8).fill('office.unavailable'),
      // The Kiva lists and the loans come from the server first.
      'server.unreachable',
      'server.unreachable',
    ]);
    expect(await controller.signOut()).toEqual({ ok: true, value: undefined });
    expect(loadMsal).not.toHaveBeenCalled();
  });

  it('relays the hub’s events to the pane', () => {
    const hub = createPaneEventHub();
    const controller: PaneController = createPaneController({ displayLanguage: '', theme: 'light' }, hub);
    const seen: PaneEvent[] = [];
    const stop = controller.subscribe((e) => seen.push(e));
    hub.publish({ type: 'sheet-changed' });
    stop();
    hub.publish({ type: 'sheet-changed' });
    expect(seen).toEqual([{ type: 'sheet-changed' }]);
  });
});

describe('event hub', () => {
  it('keeps a ribbon outcome published before the pane subscribed, once', () => {
    const hub = createPaneEventHub();
    hub.publish({ type: 'sheet-changed' });
    hub.publish({ type: 'command-failed', command: 'sendSelection', error: { code: 'pane.busy', params: {} } });
    const first: PaneEvent[] = [];
    hub.subscribe((e) => first.push(e));
    expect(first.map((e) => e.type)).toEqual(['command-failed']);
    const second: PaneEvent[] = [];
    hub.subscribe((e) => second.push(e));
    expect(second).toEqual([]);
  });

  it('keeps delivering when one listener throws', () => {
    const hub = createPaneEventHub();
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const seen: string[] = [];
    hub.subscribe(() => {
      throw new Error('bad listener');
    });
    hub.subscribe((e) => seen.push(e.type));
    hub.publish({ type: 'sheet-changed' });
    expect(seen).toEqual(['sheet-changed']);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});

describe('Office theme', () => {
  it('tells dark from light by Office’s body background', () => {
    expect(themeFromBackground('#262626')).toBe('dark');
    expect(themeFromBackground('#FFFFFF')).toBe('light');
    expect(themeFromBackground('#E6E6E6')).toBe('light');
    expect(themeFromBackground(undefined)).toBe('light');
    expect(themeFromBackground('not a colour')).toBe('light');
  });
});
