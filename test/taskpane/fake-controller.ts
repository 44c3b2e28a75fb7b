/**
 * A PaneController made of jest mocks with calm defaults (local mode, stage, a loans sheet, nothing wrong), each
 * replaceable per test. Lives in test/ on purpose: src/ ships no fake data.
 */
import type { WorkbookSettings } from '../../src/sheet';
import type {
  PaneController,
  PaneEvent,
  PaneResult,
  SendPlan,
  SessionInfo,
  SheetInfo,
  ValidationReport,
} from '../../src/taskpane/controller';

export type Mocked<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? jest.Mock<R, A> : T[K] };

export type FakeController = Mocked<PaneController> & {
  /** Sends an event to whatever the pane subscribed. */
  emit(event: PaneEvent): void;
  listeners: Set<(event: PaneEvent) => void>;
};

export function ok<T>(value: T): Promise<PaneResult<T>> {
  return Promise.resolve({ ok: true, value });
}

export function failing<T = never>(code: string, params: Record<string, string | number> = {}): Promise<PaneResult<T>> {
  return Promise.resolve({ ok: false, error: { code, params } });
}

export function session(overrides: Partial<SessionInfo> = {}): SessionInfo {
  return {
    mode: 'local',
    signInRequired: false,
    user: { name: 'maria' },
    version: '0.1.0',
    activeEnvironment: 'stage',
    environments: [
      {
        name: 'stage',
        configured: true,
        canSubmit: true,
        partnerId: '145',
        scopes: ['read:loans', 'create:loan_draft'],
        tokenExpiresAt: '2026-11-28T15:03:00.000Z',
      },
      { name: 'production', configured: true, canSubmit: true, partnerId: '145', scopes: [] },
    ],
    ...overrides,
  };
}

export function sheetInfo(overrides: Partial<SheetInfo> = {}): SheetInfo {
  return {
    sheet: 'Loans',
    kind: 'loans',
    kindSource: 'headers',
    columns: [
      { column: 'A', header: 'Loan ID', field: 'loan_id' },
      { column: 'B', header: 'Nombre', field: 'first_name' },
      { column: 'C', header: 'Monto', field: 'amount' },
      { column: 'D', header: 'Notas' },
      { column: 'E', header: 'Kiva status', status: true },
    ],
    missing: [],
    issues: [],
    statusColumn: { column: 'E', number: 5, index: 4, exists: true },
    rows: 12,
    ...overrides,
  };
}

export function plan(overrides: Partial<SendPlan> = {}): SendPlan {
  return {
    env: 'stage',
    scope: 'selection',
    rows: 3,
    requests: 3,
    alreadySent: 0,
    uncertain: 0,
    invalid: 0,
    missing: [],
    ...overrides,
  };
}

export function report(overrides: Partial<ValidationReport> = {}): ValidationReport {
  return { sheet: 'Loans', scope: 'sheet', rowsChecked: 12, issues: [], errors: 0, warnings: 0, ...overrides };
}

export function fakeController(overrides: Partial<PaneController> = {}): FakeController {
  const listeners = new Set<(event: PaneEvent) => void>();
  const fake = {
    displayLanguage: 'en-US',
    theme: 'light',
    setLanguage: jest.fn(),
    session: jest.fn(() => ok(session())),
    selectEnvironment: jest.fn(() => ok(session())),
    testConnection: jest.fn(() =>
      ok({ environment: 'stage' as const, partnerId: '145', scopes: ['read:loans' as const] }),
    ),
    signIn: jest.fn(() => ok({ name: 'María Pérez' })),
    signOut: jest.fn(() => ok(undefined)),
    detectSheet: jest.fn(() => ok(sheetInfo())),
    saveMapping: jest.fn(() => ok(sheetInfo({ kindSource: 'override' }))),
    validate: jest.fn(() => ok(report())),
    preview: jest.fn(() => ok({ items: [], skipped: 0 })),
    planSend: jest.fn(() => ok(plan())),
    setReportPeriod: jest.fn(() => ok(undefined)),
    send: jest.fn(() =>
      ok({ env: 'stage' as const, outcomes: [], skipped: { alreadySent: 0, uncertain: 0, invalid: 0 } }),
    ),
    goToCell: jest.fn(() => ok(undefined)),
    attachPhotos: jest.fn(() => ok({ attached: [], unmatched: [] })),
    addPhotoColumn: jest.fn(() => ok({ sheet: 'Loans', column: 'F', header: 'Photo' })),
    refreshLists: jest.fn(() =>
      ok({ asOf: '2026-11-28T14:03:00Z', counts: { activities: 160, themes: 30, locations: 900, locales: 12 } }),
    ),
    createRepaymentTemplate: jest.fn(() => ok({ sheet: 'Repayments', loans: 42 })),
    loadSettings: jest.fn(() => ok({})),
    saveSettings: jest.fn((settings: WorkbookSettings) => ok(settings)),
    copyDiagnostics: jest.fn(() => ok('POST https://partnerapi.staging.kiva.org/… 201 Authorization: [redacted]')),
    pair: jest.fn(() => ok(undefined)),
    showPane: jest.fn(() => Promise.resolve()),
    subscribe: jest.fn((listener: (event: PaneEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    listeners,
    emit(event: PaneEvent) {
      for (const listener of [...listeners]) listener(event);
    },
  };
  for (const [key, value] of Object.entries(overrides)) {
    (fake as Record<string, unknown>)[key] = typeof value === 'function' ? jest.fn(value as () => unknown) : value;
  }
  return fake as unknown as FakeController;
}
