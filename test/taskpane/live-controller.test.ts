/**
 * The live PaneController, wired as in Excel: src/excel over the simulated Excel, src/app's use cases, and the real
 * server (local mode) with the Kiva emulator behind it. Only the page around it is missing: its meta tags are
 * handed in, and node's fetch stands in for the browser's.
 */
import { createExcelHost, dumpWorkbook, loadWorkbook, type ExcelHost, type SimWorkbook } from '../../dev/excel-sim';
import { localDate, SAMPLES, type SampleName } from '../../dev/workbench/samples';
import { appError, type AppResult } from '../../src/app';
import { registerRibbonCommands } from '../../src/commands';
import { ExcelWorkbook } from '../../src/excel';
import type { FetchLike, LoanDraft } from '../../src/kiva';
import type { WriteBackPlan } from '../../src/sheet';
import type { MsalModule } from '../../src/taskpane/auth/entra-sign-in';
import type { PaneEvent, SendProgress, SendRequest } from '../../src/taskpane/controller';
import { createPaneController, ENTRA_META, type ControllerOptions } from '../../src/taskpane/create-controller';
import { createPaneEventHub, type PaneEventHub } from '../../src/taskpane/events';
import type { LiveController } from '../../src/taskpane/live-controller';
import type { PairingKeyStore } from '../../src/taskpane/pairing-key';
import { nodeWorkbookPhotos } from '../excel/xml-parser';
import { startHarness, type Harness } from '../server/harness';

const nodeFetch: FetchLike = (url, init) => fetch(url, init);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]);

// A server and an emulator per test: the server's duplicate guard remembers every loan sent.
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

interface Rig {
  book: SimWorkbook;
  host: ExcelHost;
  controller: LiveController;
  hub: PaneEventHub;
  events: PaneEvent[];
}

const uninstall: (() => void)[] = [];
afterEach(() => {
  while (uninstall.length > 0) uninstall.pop()?.();
});

function memoryKeys(): PairingKeyStore {
  let key: string | undefined;
  return { get: () => key, set: (value) => (key = value) };
}

function page(meta: Record<string, string>): ControllerOptions['page'] {
  return {
    querySelector: (selector: string) => {
      const name = /name="([^"]+)"/.exec(selector)?.[1] ?? '';
      const content = meta[name];
      return content === undefined ? null : ({ getAttribute: () => content } as unknown as Element);
    },
  };
}

function rig(sample: SampleName | SimWorkbook, options: ControllerOptions = {}, displayLanguage = 'en-US'): Rig {
  // A workbook already open in another rig stands for the same file opened again.
  const book = typeof sample === 'string' ? loadWorkbook(SAMPLES[sample].build(localDate(new Date()))) : sample;
  const host = createExcelHost(book, { displayLanguage });
  uninstall.push(host.install());
  const hub = createPaneEventHub();
  const events: PaneEvent[] = [];
  hub.subscribe((event) => events.push(event));
  const controller = createPaneController({ displayLanguage, theme: 'light' }, hub, {
    fetch: nodeFetch,
    apiBase: h.server.listenUrl,
    page: page({}),
    watchExcel: false,
    pairingKeys: memoryKeys(),
    workbookPhotos: nodeWorkbookPhotos(),
    ...options,
  });
  return { book, host, controller, hub, events };
}

const request = (overrides: Partial<SendRequest> = {}): SendRequest => ({
  scope: 'pending',
  env: 'stage',
  resend: false,
  includeUncertain: false,
  ...overrides,
});

const statuses = (book: SimWorkbook, column: string, from: number, to: number) =>
  book.getValues(`Loans!${column}${from}:${column}${to}`).map((row) => String(row[0] ?? ''));

const drafts = () => h.emulator.applied.filter((a) => a.endpoint === 'loan_draft').map((a) => a.body as LoanDraft);

describe('session and connection', () => {
  it('describes the local server: environments, partner, permissions, the photo size it carries', async () => {
    const { controller } = rig('loans');
    const session = await controller.session();
    expect(session).toEqual({
      ok: true,
      value: expect.objectContaining({
        mode: 'local',
        signInRequired: false,
        activeEnvironment: 'stage',
        photoMaxBytes: 5 * 1024 * 1024,
        environments: [
          expect.objectContaining({ name: 'stage', configured: true, canSubmit: true, partnerId: '145' }),
          expect.objectContaining({ name: 'production', configured: true, canSubmit: true }),
        ],
      }),
    });
    const switched = await controller.selectEnvironment('production');
    expect(switched.ok && switched.value.activeEnvironment).toBe('production');
    const check = await controller.testConnection('stage');
    expect(check).toEqual({
      ok: true,
      value: expect.objectContaining({
        environment: 'stage',
        partnerId: '145',
        scopes: expect.arrayContaining(['read:loans']),
        // protocol: the server's connection check, every line OK against the emulator.
        report: expect.objectContaining({ outcome: 'ok', exit: 0 }),
      }),
    });
  });

  it('pairs once with the code a server that cannot tell accounts apart shows, and keeps the key', async () => {
    const pairing = await startHarness({ settings: { KIVA_SHEETS_LOCAL_AUTH: 'pairing' } });
    try {
      const keys = memoryKeys();
      const { controller } = rig('loans', { apiBase: pairing.server.listenUrl, pairingKeys: keys });
      expect(await controller.session()).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'auth.pairing-required' }),
      });
      expect(await controller.pair('WRON-GCOD')).toEqual({
        ok: false,
        error: expect.objectContaining({
          code: 'auth.pairing-code',
          params: expect.objectContaining({ attemptsLeft: 4 }),
        }),
      });
      const code = /pairing code for a task pane: ([A-Z0-9-]{9})/.exec(pairing.logs.join('\n'))?.[1] ?? '';
      expect(await controller.pair(code)).toEqual({ ok: true, value: undefined });
      expect(keys.get()).toMatch(/^[\w-]{43}$/);
      const session = await controller.session();
      expect(session.ok && session.value.mode).toBe('local');
      // The pane opened again (a new controller) keeps its key: no second pairing.
      const again = rig('loans', { apiBase: pairing.server.listenUrl, pairingKeys: keys });
      expect((await again.controller.session()).ok).toBe(true);
      const diagnostics = await controller.copyDiagnostics();
      expect(diagnostics.ok && diagnostics.value).not.toContain(keys.get());
    } finally {
      await pairing.close();
    }
  });

  it('in Entra mode: asks for a sign-in first, then sends the Microsoft token as a bearer, never elsewhere', async () => {
    const seen: Record<string, string>[] = [];
    const fetchEntra: FetchLike = async (url, init) => {
      seen.push(init.headers);
      const signedIn = init.headers.authorization === 'Bearer entra-token-123';
      if (url.endsWith('/api/health')) return Response.json({ status: 'ok', mode: 'entra' });
      if (!signedIn)
        return Response.json({ error: { code: 'auth.sign-in-required', message: 'sign in' } }, { status: 401 });
      return Response.json({ mode: 'entra', user: { name: 'ana@partner.org' }, environments: [] });
    };
    const msal: MsalModule = {
      createNestablePublicClientApplication: async () =>
        ({
          acquireTokenSilent: async () => ({
            accessToken: 'entra-token-123',
            account: { name: 'Ana', username: 'ana@partner.org' },
            expiresOn: new Date(Date.now() + 3_600_000),
          }),
          acquireTokenPopup: async () => {
            throw new Error('no popup in tests');
          },
          clearCache: async () => undefined,
        }) as unknown as Awaited<ReturnType<MsalModule['createNestablePublicClientApplication']>>,
    };
    const { controller } = rig('loans', {
      fetch: fetchEntra,
      apiBase: 'https://kiva-sheets.partner.org',
      page: page({
        [ENTRA_META.clientId]: '11111111-2222-3333-4444-555555555555',
        [ENTRA_META.scopes]: 'api://kiva-sheets/access_as_user',
      }),
      loadMsal: async () => msal,
    });
    expect(await controller.session()).toEqual({
      ok: true,
      value: { mode: 'entra', signInRequired: true, environments: [], activeEnvironment: 'stage' },
    });
    expect(await controller.signIn({ interactive: false })).toEqual({
      ok: true,
      value: expect.objectContaining({ name: 'Ana', username: 'ana@partner.org' }),
    });
    const session = await controller.session();
    expect(session.ok && session.value).toMatchObject({
      mode: 'entra',
      signInRequired: false,
      user: { name: 'ana@partner.org' },
    });
    expect(seen.at(-1)).toMatchObject({ authorization: 'Bearer entra-token-123' });
    expect(seen.at(-1)).not.toHaveProperty('x-kiva-sheets-key');
    const diagnostics = await controller.copyDiagnostics();
    expect(diagnostics.ok && diagnostics.value).not.toMatch(/entra-token-123/);
  });
});

describe('the sheet', () => {
  it('reads a sheet with Spanish headers, saves a hand-made mapping in the workbook, and reads it again', async () => {
    const { controller, book, events } = rig('prestamos', {}, 'es-PE');
    const detected = await controller.detectSheet();
    expect(detected.ok && detected.value).toMatchObject({
      sheet: 'Préstamos',
      kind: 'loans',
      kindSource: 'headers',
      rows: 3,
      missing: [],
    });
    const columns = detected.ok ? detected.value.columns : [];
    expect(columns.find((c) => c.header === 'Sector')?.field).toBeUndefined();
    expect(columns.find((c) => c.header === 'Ubicación')?.field).toBe('location');

    const saved = await controller.saveMapping({ version: 1, columns: { Sector: 'activity' } });
    expect(saved.ok && saved.value.columns.find((c) => c.header === 'Sector')?.field).toBe('activity');
    expect(saved.ok && saved.value.override).toEqual({ version: 1, columns: { Sector: 'activity' } });
    expect(Object.keys(book.settings)).toContain('KivaSheets.mapping:Préstamos');
    expect(events).toContainEqual({ type: 'sheet-changed' });

    const preview = await controller.preview('pending');
    expect(preview.ok && preview.value.items.map((i) => (i.body as LoanDraft).activity_id)).toEqual([61, 101, 34]);
  });

  it('says which saved column choice took a required column away', async () => {
    const { controller } = rig('loans');
    const saved = await controller.saveMapping({ version: 1, columns: { loan_id: 'client_id' } });
    expect(saved.ok && saved.value.missing).toEqual(['loan_id']);
    expect(saved.ok && saved.value.mappedAway).toEqual([
      { field: 'loan_id', column: 'A', header: 'loan_id', mappedTo: 'client_id' },
    ]);
    const ignored = await controller.saveMapping({ version: 1, columns: { loan_id: null } });
    expect(ignored.ok && ignored.value.mappedAway).toEqual([{ field: 'loan_id', column: 'A', header: 'loan_id' }]);
    const reset = await controller.saveMapping({ version: 1 });
    expect(reset.ok && reset.value.mappedAway).toBeUndefined();
  });

  it('goes to a cell, and says so when the cell cannot exist', async () => {
    const { controller, book } = rig('loans');
    expect(await controller.goToCell('Schedule!C3')).toEqual({ ok: true, value: undefined });
    expect(book.selectedAddress).toBe('Schedule!C3');
    expect(await controller.goToCell('Nowhere!A1')).toEqual({
      ok: false,
      error: { code: 'sheet.cell-not-found', params: { address: 'Nowhere!A1' } },
    });
  });
});

describe('validate, plan, send', () => {
  it('validates in the pane’s language: statuses, fills and notes at the cells, raw issues for the pane', async () => {
    const { controller, book } = rig('loans');
    controller.setLanguage('es');
    const report = await controller.validate('sheet');
    expect(report.ok && report.value).toMatchObject({
      sheet: 'Loans',
      scope: 'sheet',
      rowsChecked: 14,
      errors: 3,
      // The sample has no theme, photo or waiver column: one PA2-readiness warning each, at A1; and its Schedule
      // sheet has instalments for L-1001 and G-100 only: a schedule-missing warning for each of the ten others.
      warnings: 13,
    });
    const cells = report.ok ? report.value.issues.filter((i) => i.code !== 'schedule-missing') : [];
    expect(cells.map((i) => `${i.column}${i.row}`)).toEqual(['A1', 'A1', 'A1', 'H6', 'D8', 'E9']);
    const schedules = report.ok ? report.value.issues.filter((i) => i.code === 'schedule-missing') : [];
    expect(schedules.map((i) => `${i.column}${i.row}`)).toEqual([
      'A6',
      'A7',
      'A8',
      'A9',
      'A10',
      'A11',
      'A12',
      'A13',
      'A14',
      'A15',
    ]);
    expect(statuses(book, 'O', 1, 6)).toEqual([
      'Estado Kiva',
      '',
      '',
      '',
      '',
      expect.stringMatching(/^No válido: H6: /),
    ]);
    expect(book.getCell('Loans!H6').fill).toBe('#FFC7CE');
    expect(book.getCell('Loans!H6').note).toMatch(/^Kiva Sheets: /);
  });

  it('plans a send with the counts the confirmations name, and sends with progress, row by row', async () => {
    const { controller, book } = rig('loans');
    expect(await controller.planSend(request())).toEqual({
      ok: true,
      value: {
        env: 'stage',
        scope: 'pending',
        rows: 11,
        requests: 9,
        alreadySent: 0,
        uncertain: 0,
        changed: 0,
        invalid: 3,
        missing: [],
        // Not saved in the workbook: the month before today (the user's clock).
        period: { value: expect.stringMatching(/^\d{4}-\d{2}$/), saved: false },
        // 9 loans (the group loan G-100 is one) over 11 borrower rows; the valid rows' amounts add up to 3,750.
        contents: { endpoint: 'loan_draft', items: 9, rows: 11, totals: [{ currency: 'PEN', amount: 3750 }] },
      },
    });
    book.select('Loans!2:5');
    const progress: SendProgress[] = [];
    const summary = await controller.send({
      ...request({ scope: 'selection' }),
      signal: new AbortController().signal,
      onProgress: (p) => progress.push(p),
    });
    expect(summary.ok && summary.value.outcomes.map((o) => `${o.row.row}:${o.kind}`)).toEqual([
      '2:sent',
      '3:sent',
      '4:sent',
      '5:sent',
    ]);
    expect(summary.ok && summary.value.skipped).toEqual({ alreadySent: 0, uncertain: 0, invalid: 0 });
    expect(progress[0]).toEqual({ total: 4, sent: 0, rejected: 0, uncertain: 0, failed: 0, left: 4 });
    expect(progress.at(-1)).toEqual({ total: 4, sent: 4, rejected: 0, uncertain: 0, failed: 0, left: 0 });
    expect(statuses(book, 'O', 2, 5)).toEqual(Array(4).fill(expect.stringMatching(/^Sent · stage · /)));
    expect(book.sheets.map((s) => s.name)).toContain('Kiva log');

    expect(await controller.planSend(request({ scope: 'selection' }))).toMatchObject({
      ok: true,
      value: { rows: 0, alreadySent: 4 },
    });
    expect(await controller.planSend(request({ scope: 'selection', resend: true }))).toMatchObject({
      ok: true,
      value: { rows: 4, requests: 2, alreadySent: 4 },
    });
  });

  it('previews and plans with the batching the server publishes, the one it sends with', async () => {
    await h.close();
    h = await startHarness({
      settings: { KIVA_SHEETS_REPAYMENTS_PER_CALL: '2', KIVA_SHEETS_JOURNAL_VARIANT: 'documented' },
    });
    const { controller } = rig('repayments');
    const preview = await controller.preview('pending');
    const items = preview.ok ? preview.value.items : [];
    const rows = items.reduce((sum, item) => sum + item.rows.length, 0);
    expect(rows).toBeGreaterThan(2);
    expect(items.map((item) => item.rows.length)).toEqual([
      ...Array<number>(Math.floor(rows / 2)).fill(2),
      ...(rows % 2 === 1 ? [1] : []),
    ]);
    expect(await controller.planSend(request())).toMatchObject({
      ok: true,
      value: { rows, requests: Math.ceil(rows / 2) },
    });

    const journals = rig('journals');
    const shown = await journals.controller.preview('pending');
    // The documented variant wraps the journals: { journals: [...] }.
    expect(shown.ok && shown.value.items[0]?.body).toEqual({ journals: expect.any(Array) });
  });

  it('keeps resend and "I checked PA2" apart, and forces the server’s guard only for the rows chosen', async () => {
    const { controller, book } = rig('loans');
    book.select('Loans!2:2');
    await controller.send({ ...request({ scope: 'selection' }), signal: new AbortController().signal });
    h.emulator.inject({ kind: 'reset-after-apply', match: { path: 'loan_draft' } });
    book.select('Loans!7:7');
    await controller.send({ ...request({ scope: 'selection' }), signal: new AbortController().signal });
    expect(statuses(book, 'O', 7, 7)[0]).toMatch(/^Uncertain: /);

    book.select('Loans!2:7');
    const plans = await Promise.all([
      controller.planSend(request({ scope: 'selection' })),
      controller.planSend(request({ scope: 'selection', resend: true })),
      controller.planSend(request({ scope: 'selection', includeUncertain: true })),
    ]);
    expect(plans.map((p) => p.ok && [p.value.rows, p.value.alreadySent, p.value.uncertain])).toEqual([
      [3, 1, 1],
      [4, 1, 1],
      [4, 1, 1],
    ]);

    const before = drafts().length;
    book.select('Loans!7:7');
    const resent = await controller.send({
      ...request({ scope: 'selection', includeUncertain: true }),
      signal: new AbortController().signal,
    });
    expect(resent.ok && resent.value.outcomes.map((o) => o.kind)).toEqual(['sent']);
    expect(drafts()).toHaveLength(before + 1);
    expect(statuses(book, 'O', 2, 2)[0]).toMatch(/^Sent · stage · /);
  });

  it('sends production only with the count the dialog confirmed, which the server records', async () => {
    const { controller, book } = rig('loans');
    await controller.selectEnvironment('production');
    book.select('Loans!2:3');
    const signal = new AbortController().signal;
    const unconfirmed = await controller.send({ ...request({ scope: 'selection', env: 'production' }), signal });
    expect(!unconfirmed.ok && unconfirmed.error.code).toBe('production-not-confirmed');
    // As the pane does: the dialog names the plan's count.
    const plan = await controller.planSend(request({ scope: 'selection', env: 'production' }));
    const rows = plan.ok ? plan.value.rows : 0;
    expect(rows).toBeGreaterThan(0);
    const sent = await controller.send({
      ...request({ scope: 'selection', env: 'production' }),
      confirmedRows: rows,
      signal,
    });
    expect(sent.ok && sent.value.outcomes.map((o) => o.kind)).toEqual(Array(rows).fill('sent'));
    const recorded = h.auditRows<{ confirmed_rows: number; confirmation_id: string }>(
      `SELECT confirmed_rows, confirmation_id FROM submits WHERE environment = 'production'`,
    );
    expect(recorded.length).toBeGreaterThan(0);
    expect(new Set(recorded.map((row) => `${row.confirmed_rows}:${row.confirmation_id.length}`))).toEqual(
      new Set([`${rows}:32`]),
    );
  });

  it('stops on Cancel: rows never sent keep their status, and one task runs at a time', async () => {
    const { controller, book } = rig('loans');
    h.emulator.setLatency(100);
    try {
      const stop = new AbortController();
      const running = controller.send({
        ...request(),
        signal: stop.signal,
        onProgress: (p) => {
          if (p.sent > 0) stop.abort();
        },
      });
      expect(await controller.validate('sheet')).toEqual({ ok: false, error: { code: 'pane.busy', params: {} } });
      const summary = await running;
      const kinds = summary.ok ? summary.value.outcomes.map((o) => o.kind) : [];
      expect(kinds).toContain('cancelled');
      const sent = kinds.filter((k) => k === 'sent').length;
      expect(sent).toBeGreaterThan(0);
      expect(drafts().flatMap((d) => d.entreps ?? [])).toHaveLength(sent);
      const cancelledRows = summary.ok
        ? summary.value.outcomes.filter((o) => o.kind === 'cancelled').map((o) => o.row.row)
        : [];
      for (const row of cancelledRows) expect(book.getCell(`Loans!O${row}`).text).toBe('');
    } finally {
      h.emulator.setLatency(0);
    }
  });

  it('writes statuses it could not write before the next task, so no row Kiva holds is left pending', async () => {
    class FlakyWorkbook extends ExcelWorkbook {
      failures = 0;
      override async apply(plan: WriteBackPlan): Promise<AppResult<void>> {
        if (this.failures > 0) {
          this.failures--;
          return { ok: false, error: appError('workbook-write-failed', { detail: 'busy', office: 'office.failed' }) };
        }
        return super.apply(plan);
      }
    }
    let flaky: FlakyWorkbook | undefined;
    const { controller, book } = rig('loans', {
      workbook: (photos) => (flaky = new FlakyWorkbook(photos)),
    });
    book.select('Loans!2:2');
    if (flaky) flaky.failures = 2;
    const summary = await controller.send({ ...request({ scope: 'selection' }), signal: new AbortController().signal });
    expect(summary.ok && summary.value.outcomes.map((o) => o.kind)).toEqual(['sent']);
    expect(book.getCell('Loans!O2').text).toBe('');
    await controller.validate('selection');
    expect(String(book.getCell('Loans!O2').value)).toMatch(/^Sent · stage · /);
    expect(drafts()).toHaveLength(1);
  });
});

// period: the server's delivery ledger seen from the pane (issue #10).
describe('reconcile with the ledger before Check and Send', () => {
  const repaymentRows = (book: SimWorkbook, from: number, to: number) =>
    book.getValues(`Repayments!D${from}:D${to}`).map((row) => String(row[0] ?? ''));
  const applied = () => h.emulator.appliedRepaymentLoanIds().length;
  const send = (controller: LiveController, overrides: Partial<SendRequest> = {}) =>
    controller.send({ ...request(overrides), signal: new AbortController().signal });

  it('a reopened workbook without statuses: rows Kiva holds read Sent (sent earlier), not Error, and are not pending', async () => {
    const first = rig('repayments', {}, 'es-ES');
    first.controller.setLanguage('es');
    const sent = await send(first.controller);
    const sentRows = sent.ok ? sent.value.outcomes.filter((o) => o.kind === 'sent').map((o) => o.row.row) : [];
    expect(sentRows.length).toBeGreaterThan(2);
    // Kiva refused a loan it does not know: that row is not at Kiva, so it stays to send.
    const refused = sent.ok ? sent.value.outcomes.filter((o) => o.kind === 'rejected').length : -1;
    const atKiva = applied();

    // Yesterday's copy: the same rows, no statuses.
    const lookups: string[] = [];
    const counting: FetchLike = (url, init) => {
      if (String(url).includes('/api/ledger/lookup')) lookups.push(String(init?.body ?? ''));
      return nodeFetch(url, init);
    };
    const copy = rig('repayments', { fetch: counting }, 'es-ES');
    copy.controller.setLanguage('es');
    const plan = await copy.controller.planSend(request());
    expect(plan).toMatchObject({
      ok: true,
      value: { rows: refused, alreadySent: sentRows.length, reconciled: { restored: sentRows.length, changed: 0 } },
    });
    const statuses = repaymentRows(copy.book, 2, Math.max(...sentRows));
    for (const row of sentRows) {
      const status = statuses[row - 2] ?? '';
      // Spanish, local time, who sent it; never English, "force", "root" or an ISO instant.
      expect(status).toMatch(/^Enviado · [^·]+ · \d{4}-\d{2}-\d{2} \d{2}:\d{2} · .+ · enviado antes por /);
      expect(status).not.toMatch(/Already|force|root|T\d{2}:\d{2}:\d{2}/);
    }
    // Nothing pending: "Send all pending" sends nothing again, and Kiva got nothing more.
    const again = await send(copy.controller);
    expect(again.ok && again.value.outcomes.filter((o) => o.kind !== 'rejected')).toEqual([]);
    expect(applied()).toBe(atKiva);
    // One lookup for the whole sheet per look at it (the plan, the send), never one per row.
    expect(lookups.length).toBe(2);
    expect(JSON.parse(lookups[0] ?? '{}')).toMatchObject({ env: 'stage', keys: expect.any(Array) });
    expect((JSON.parse(lookups[0] ?? '{}') as { keys: string[] }).keys.length).toBeGreaterThan(sentRows.length);
  });

  it('a corrected amount in the same period is "changed since sent": not sent, says what changed; Resend sends it', async () => {
    const first = rig('repayments');
    await send(first.controller);
    const atKiva = applied();
    const copy = rig('repayments');
    copy.book.setValue('Repayments!C2', 2500);
    const plan = await copy.controller.planSend(request());
    expect(plan).toMatchObject({ ok: true, value: { changed: 1, reconciled: { changed: 1 } } });
    const [status] = repaymentRows(copy.book, 2, 2);
    expect(status).toMatch(
      /^Changed since sent: amount 20 → 2,500 \(sent \d{4}-\d{2}-\d{2} \d{2}:\d{2} by .+\): correct/,
    );
    const pending = await send(copy.controller);
    expect(pending.ok && pending.value.outcomes.map((o) => o.row.row)).not.toContain(2);
    expect(applied()).toBe(atKiva);

    const resent = await send(copy.controller, { resendChanged: true });
    expect(resent.ok && resent.value.outcomes.filter((o) => o.kind === 'sent').map((o) => o.row.row)).toEqual([2]);
    expect(applied()).toBe(atKiva + 1);
    expect(repaymentRows(copy.book, 2, 2)[0]).toMatch(/^Sent · stage · /);
    // The resend is in the audit log as forced.
    expect(h.auditRows<{ forced: number }>('SELECT forced FROM submits ORDER BY id DESC LIMIT 1')).toEqual([
      { forced: 1 },
    ]);
  });

  it('shows the report period, keeps the one chosen in the workbook, and keys the repayments by it', async () => {
    const { controller, book } = rig('repayments');
    const plan = await controller.planSend(request());
    expect(plan.ok && plan.value.period).toEqual({ value: expect.stringMatching(/^\d{4}-\d{2}$/), saved: false });
    expect(await controller.setReportPeriod('2026-13')).toEqual({
      ok: false,
      error: { code: 'period.invalid', params: { period: '2026-13' } },
    });
    expect(await controller.setReportPeriod('2025-10')).toEqual({ ok: true, value: undefined });
    expect(book.setting('KivaSheets.reportPeriod')).toBe('2025-10');
    const chosen = await controller.planSend(request());
    expect(chosen.ok && chosen.value.period).toEqual({ value: '2025-10', saved: true });
    await send(controller);
    const [period] = h.auditRows<{ guard_key: string }>(
      `SELECT guard_key FROM items WHERE endpoint = 'repayments' ORDER BY id LIMIT 1`,
    );
    expect(period?.guard_key).toMatch(/^repayment:2025-10:/);

    // Another period's report of the same loans is not held back by October's.
    const november = rig('repayments');
    await november.controller.setReportPeriod('2025-11');
    const next = await november.controller.planSend(request());
    expect(next).toMatchObject({ ok: true, value: { alreadySent: 0, period: { value: '2025-11', saved: true } } });
    expect(next.ok && next.value.rows).toBeGreaterThan(2);
  });
});

describe('tools', () => {
  it('attaches photos by file name (kept in the workbook, sent inside the draft) and to the selected borrower', async () => {
    const { controller, book } = rig('loans');
    book.setValue('Loans!O1', 'photo');
    book.setValue('Loans!O2', 'fotos/ana.jpg');
    const ana = new File([JPEG], 'ANA.JPG');
    const other = new File([JPEG], 'nobody.jpg');
    const byName = await controller.attachPhotos({ files: [ana, other], match: 'file-name' });
    expect(byName).toEqual({
      ok: true,
      value: {
        attached: [{ file: 'ANA.JPG', rows: [{ sheet: 'Loans', row: 2 }] }],
        unmatched: ['nobody.jpg'],
        sessionOnly: [],
      },
    });
    book.select('Loans!7:7');
    const selected = await controller.attachPhotos({
      files: [new File([JPEG], 'pedro.jpg')],
      match: 'selected-borrower',
    });
    expect(selected.ok && selected.value.attached).toEqual([{ file: 'pedro.jpg', rows: [{ sheet: 'Loans', row: 7 }] }]);
    expect(book.getCell('Loans!O7').value).toBe('pedro.jpg');

    const preview = await controller.preview('pending');
    const bodies = preview.ok ? preview.value.items.map((i) => i.body as LoanDraft) : [];
    const base64 = Buffer.from(JPEG).toString('base64');
    expect(bodies.find((b) => b.entreps?.[0]?.loan_id === 'L-1001')?.image_encoded).toBe(
      `data:image/jpeg;base64,${base64}`,
    );
    expect(bodies.find((b) => b.entreps?.[0]?.loan_id === 'L-1006')?.image_encoded).toBe(
      `data:image/jpeg;base64,${base64}`,
    );
    // The photo itself never lands in a cell.
    expect(JSON.stringify(book.getValues('Loans!A1:Z20'))).not.toContain(base64);
  });

  it('attaches a photo to the selected borrower of a sheet without a photo column, by loan id, kept across reopen', async () => {
    const first = rig('loans');
    const photoColumnMissing = async (controller: LiveController) => {
      const checked = await controller.validate('sheet');
      return (
        checked.ok &&
        checked.value.issues.some((i) => i.code === 'publish-column-missing' && i.params.field === 'photo')
      );
    };
    expect(await photoColumnMissing(first.controller)).toBe(true);
    const before = JSON.stringify(first.book.getValues('Loans!A1:Z20'));
    first.book.select('Loans!7:7');
    const attached = await first.controller.attachPhotos({
      files: [new File([JPEG], 'pedro.jpg')],
      match: 'selected-borrower',
    });
    expect(attached).toEqual({
      ok: true,
      value: {
        attached: [{ file: 'pedro.jpg', rows: [{ sheet: 'Loans', row: 7 }] }],
        unmatched: [],
        sessionOnly: [],
        loanId: 'L-1006',
      },
    });
    // No cell changed: the photo is in the workbook's own parts, not in the sheet.
    expect(JSON.stringify(first.book.getValues('Loans!A1:Z20'))).toBe(before);
    const base64 = Buffer.from(JPEG).toString('base64');
    expect([...first.book.customXmlStore.values()].some((p) => p.xml.includes(base64))).toBe(true);

    // "No column is Photo" would now send the coordinator astray.
    expect(await photoColumnMissing(first.controller)).toBe(false);

    // The file saved, closed and opened again (another pane, nothing in its memory).
    const reopened = rig(loadWorkbook(dumpWorkbook(first.book)));
    const preview = await reopened.controller.preview('pending');
    const bodies = preview.ok ? preview.value.items.map((i) => i.body as LoanDraft) : [];
    expect(bodies.find((b) => b.entreps?.[0]?.loan_id === 'L-1006')?.image_encoded).toBe(
      `data:image/jpeg;base64,${base64}`,
    );
    // Only that loan has one.
    expect(bodies.filter((b) => b.image_encoded !== undefined)).toHaveLength(1);
    // And it goes to Kiva as base64 inside the draft.
    reopened.book.select('Loans!7:7');
    const sent = await reopened.controller.send({
      ...request({ scope: 'selection' }),
      signal: new AbortController().signal,
    });
    expect(sent.ok && sent.value.outcomes.map((o) => o.kind)).toEqual(['sent']);
    expect(drafts().find((d) => d.entreps?.[0]?.loan_id === 'L-1006')?.image_encoded).toBe(
      `data:image/jpeg;base64,${base64}`,
    );
  });

  it('keeps photos matched by file name across reopen, and a photo cell wins over a photo attached by loan id', async () => {
    const first = rig('loans');
    first.book.select('Loans!2:2');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    await first.controller.attachPhotos({ files: [new File([png], 'by-loan.png')], match: 'selected-borrower' });
    const added = await first.controller.addPhotoColumn();
    expect(added).toEqual({ ok: true, value: { sheet: 'Loans', column: 'O', header: 'Photo' } });
    expect(first.book.getCell('Loans!O1')).toMatchObject({ value: 'Photo', bold: true });
    first.book.setValue('Loans!O2', 'ana.jpg');
    const byName = await first.controller.attachPhotos({ files: [new File([JPEG], 'ana.jpg')], match: 'file-name' });
    expect(byName.ok && byName.value.attached).toEqual([{ file: 'ana.jpg', rows: [{ sheet: 'Loans', row: 2 }] }]);
    expect(await first.controller.addPhotoColumn()).toEqual({
      ok: false,
      error: { code: 'photo.column-exists', params: { column: 'O' } },
    });

    const reopened = rig(loadWorkbook(dumpWorkbook(first.book)));
    const preview = await reopened.controller.preview('pending');
    const bodies = preview.ok ? preview.value.items.map((i) => i.body as LoanDraft) : [];
    expect(bodies.find((b) => b.entreps?.[0]?.loan_id === 'L-1001')?.image_encoded).toBe(
      `data:image/jpeg;base64,${Buffer.from(JPEG).toString('base64')}`,
    );
    // Emptied, the cell lets the photo attached to the loan through again, and is no gap PA2 would ask about.
    reopened.book.setValue('Loans!O2', '');
    const checked = await reopened.controller.validate('sheet');
    const gaps = checked.ok
      ? checked.value.issues.filter((i) => i.code === 'recommended-missing' && i.field === 'photo')
      : [];
    // Row 3 on (no photo anywhere) is asked about; row 2, whose loan has one attached, is not.
    expect(gaps.map((i) => i.row)).toContain(3);
    expect(gaps.map((i) => i.row)).not.toContain(2);
    const again = await reopened.controller.preview('pending');
    const body = again.ok ? again.value.items.map((i) => i.body as LoanDraft) : [];
    expect(body.find((b) => b.entreps?.[0]?.loan_id === 'L-1001')?.image_encoded).toBe(
      `data:image/png;base64,${Buffer.from(png).toString('base64')}`,
    );
  });

  it('adds the Photo column in the pane’s language, after the last column, and the sheet then has one', async () => {
    const { controller, book } = rig('loans', {}, 'es-PE');
    const added = await controller.addPhotoColumn();
    expect(added).toEqual({ ok: true, value: { sheet: 'Loans', column: 'O', header: 'Foto' } });
    const info = await controller.detectSheet();
    expect(info.ok && info.value.columns.find((c) => c.column === 'O')).toEqual({
      column: 'O',
      header: 'Foto',
      field: 'photo',
    });
    expect(book.getCell('Loans!N1').value).not.toBe('');
  });

  it('refuses photos where there is no photo column or no borrower selected', async () => {
    const { controller, book } = rig('repayments');
    expect(await controller.attachPhotos({ files: [new File([JPEG], 'a.jpg')], match: 'file-name' })).toEqual({
      ok: false,
      error: { code: 'photo.no-photo-column', params: {} },
    });
    book.setValue('Repayments!E1', 'photo');
    // A photo column on a sheet named Repayments: the kind is asked, and here the user chooses loan drafts.
    await controller.saveMapping({ version: 1, kind: 'loans' });
    book.select('Repayments!A1');
    expect(await controller.attachPhotos({ files: [new File([JPEG], 'a.jpg')], match: 'selected-borrower' })).toEqual({
      ok: false,
      error: { code: 'photo.no-selection', params: {} },
    });
  });

  it('refreshes the Kiva lists into a hidden sheet with dropdowns, and creates a repayment template', async () => {
    const { controller, book } = rig('loans');
    const lists = await controller.refreshLists();
    expect(lists).toEqual({
      ok: true,
      value: { asOf: '2026-01-15T08:00:00Z', counts: { activities: 40, themes: 8, locations: 30, locales: 10 } },
    });
    expect(book.sheet('Kiva lists').visibility).toBe('Hidden');
    expect(book.getCell('Loans!H2').validation?.list?.source).toMatch(/^='Kiva lists'!/);
    const detected = await controller.detectSheet();
    expect(detected.ok && detected.value.listsAsOf).toBe('2026-01-15T08:00:00Z');

    const template = await controller.createRepaymentTemplate();
    expect(template.ok && template.value.sheet).toBe('Repayments');
    expect(template.ok && template.value.loans).toBeGreaterThan(100);
    expect(book.getCell('Repayments!A2').value).toBe('000100');
    // recognition: beside it, every loan of every status and when it was read, for the Check when Kiva is unreachable.
    const kept = template.ok ? template.value.kivaLoans : undefined;
    expect(kept?.sheet).toBe('Kiva loans');
    expect(kept?.loans).toBeGreaterThan(template.ok ? template.value.loans : 0);
    expect(book.getValues("'Kiva loans'!A1:D2")).toEqual([
      ['loan_id', 'client_id', 'status', 'read_at'],
      ['000100', '0000500', expect.any(String), expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)],
    ]);
    expect(book.sheet('Kiva loans').visibility).toBe('Visible');
  });

  it('knows the lists’ as_of again after the workbook is reopened: it is kept in the lists sheet', async () => {
    const first = rig('loans');
    const never = await first.controller.detectSheet();
    expect(never).toMatchObject({ ok: true, value: { sheet: 'Loans' } });
    expect(never.ok && never.value.listsAsOf).toBeUndefined();
    expect(await first.controller.refreshLists()).toMatchObject({ ok: true, value: { asOf: '2026-01-15T08:00:00Z' } });

    const reopened = rig(first.book);
    const detected = await reopened.controller.detectSheet();
    expect(detected.ok && detected.value.listsAsOf).toBe('2026-01-15T08:00:00Z');
    // The lists are read once; later looks at the sheet keep what they said.
    expect(await reopened.controller.detectSheet()).toMatchObject({
      ok: true,
      value: { listsAsOf: '2026-01-15T08:00:00Z' },
    });
  });

  it('copies diagnostics: the calls made, Kiva’s answers, no token', async () => {
    const { controller, book } = rig('loans');
    book.select('Loans!2:2');
    await controller.send({ ...request({ scope: 'selection' }), signal: new AbortController().signal });
    const text = await controller.copyDiagnostics();
    expect(text.ok && text.value).toMatch(/POST \/api\/submit\/loan-drafts 200/);
    expect(text.ok && text.value).toMatch(
      /stage · POST \/v3\/partner\/145\/loan_draft · rows 1 · attempt 1 · HTTP 200/,
    );
    for (const token of h.issuedTokens) expect(text.ok && text.value).not.toContain(token);
  });
});

describe('the ribbon shares the controller', () => {
  it('runs its commands through the same controller, waiting for the user to leave a cell being edited', async () => {
    const { controller, book, host, hub, events } = rig('loans');
    expect(registerRibbonCommands({ controller: controller.ribbon, publish: hub.publish })).toBe(true);
    book.enterCellEditMode();
    // The pane fails fast in cell-edit mode; the ribbon waits for the user.
    expect(await controller.detectSheet()).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'office.cell-edit-mode' }),
    });
    const pressed = host.invokeAction('validateSheet');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events.map((e) => e.type)).toEqual(['command-started']);
    book.exitCellEditMode();
    await pressed;
    expect(events.map((e) => e.type)).toEqual(['command-started', 'sheet-changed', 'command-validated']);

    await controller.selectEnvironment('production');
    book.select('Loans!2:2');
    await host.invokeAction('sendSelection');
    expect(events.at(-1)).toEqual({ type: 'send-requested', command: 'sendSelection', scope: 'selection' });
    expect(h.emulator.applied).toHaveLength(0);
  });
});
