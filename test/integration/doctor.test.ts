/**
 * The connection check (src/app doctor over src/kiva) against emulators that are right, misconfigured or out of
 * reach, over real HTTP. Every run must leave Kiva as it found it: the emulator applies nothing and sees no POST
 * but token requests.
 */
import {
  DEMO_CREDENTIALS,
  READONLY_CREDENTIALS,
  seedLoans,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
} from '../../dev/kiva-emulator';
import { doctor, doctorText, kivaDoctorPort, type DoctorReport } from '../../src/app';
import type { JournalRouteMemory, JournalVariantName } from '../../src/kiva';
import { closedPort, connect } from './kiva-harness';

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  emulator = await startEmulator({ loanCount: 60, ...options });
  return emulator;
}

function memory(): JournalRouteMemory & { routes: Map<string, JournalVariantName> } {
  const routes = new Map<string, JournalVariantName>();
  return { routes, recall: (key) => routes.get(key), remember: (key, variant) => void routes.set(key, variant) };
}

async function check(
  target: Emulator,
  options: Parameters<typeof connect>[2] = {},
): Promise<{ report: DoctorReport; text: string; secrets: string[] }> {
  const connection = connect(target, {}, options);
  const report = await doctor(kivaDoctorPort({ tokens: connection.tokens, client: connection.kiva }), {
    now: Date.now,
  });
  return {
    report,
    text: doctorText(report, 'en'),
    secrets: [(options.credentials ?? DEMO_CREDENTIALS).clientSecret],
  };
}

const statuses = (report: DoctorReport) => Object.fromEntries(report.lines.map((l) => [l.check, l.status]));

/** Nothing was created: no POST reached the API, nothing applied. */
function expectReadOnly(target: Emulator): void {
  expect(target.applied).toEqual([]);
  expect(target.received.filter((r) => r.method !== 'GET' && r.path !== '/oauth/token')).toEqual([]);
}

describe('doctor against a working Kiva (strictest emulator)', () => {
  it('says OK on every line, counts lists and loans by status, and creates nothing', async () => {
    const target = await start();
    const { report, text, secrets } = await check(target);
    expect(report.outcome).toBe('ok');
    expect(report.exit).toBe(0);
    expect(statuses(report)).toEqual({
      'token-url': 'ok',
      credentials: 'ok',
      audience: 'ok',
      'partner-id': 'ok',
      scopes: 'ok',
      'token-lifetime': 'ok',
      'config-lists': 'ok',
      loans: 'ok',
      'journal-route': 'info',
    });
    const seeded = seedLoans(60);
    const payingBack = seeded.filter((loan) => loan.status === 'payingBack').length;
    expect(report.lines.find((l) => l.check === 'loans')?.params).toMatchObject({ total: 60 });
    expect(text).toContain(`[OK] Loans: 60 loans readable (payingBack ${payingBack}, `);
    expect(text).toContain('[OK] Partner id: Kiva’s token names partner 145.');
    expect(text).toContain('[OK] Token lifetime: A token lasts 11 h 59 min');
    expect(text).toContain(
      'They allow reading loans, creating loan drafts, posting journal updates, and reporting repayments.',
    );
    expect(text).toContain(
      '[NOTE] Journal route: Not known yet: the first journal send tries POST /v3/partner/145/journals, then POST /v3/partners/145/journals once',
    );
    // Every status asked for, as the strictest emulator wants (status required).
    expect(target.received.filter((r) => r.path.endsWith('/loans')).every((r) => r.status === 200)).toBe(true);
    expectReadOnly(target);
    for (const secret of secrets) expect(JSON.stringify(report) + text).not.toContain(secret);
  });

  it('asks for a token now, not the one it holds: the token URL must answer today', async () => {
    const target = await start();
    const connection = connect(target);
    expect((await connection.tokens.getToken()).ok).toBe(true);
    const report = await doctor(kivaDoctorPort({ tokens: connection.tokens, client: connection.kiva }), {
      now: Date.now,
    });
    expect(report.outcome).toBe('ok');
    expect(target.tokensIssued).toBe(2);
  });

  it('knows the journal route once a send found it (route memory), and says which', async () => {
    const target = await start({ journalRoute: 'sample' });
    const routes = memory();
    routes.routes.set(`custom ${target.apiBase}`, 'sample');
    const { report, text } = await check(target, { journalRoutes: routes });
    expect(report.lines.find((l) => l.check === 'journal-route')).toMatchObject({
      status: 'ok',
      code: 'journal-route.known',
    });
    expect(text).toContain('[OK] Journal route: Journal updates go to POST /v3/partners/145/journals');
    expectReadOnly(target);
  });

  it('flags a token that lives only minutes', async () => {
    const target = await start({ tokenLifetimeSeconds: 120 });
    const { report, text } = await check(target);
    expect(report.exit).toBe(1);
    expect(statuses(report)['token-lifetime']).toBe('problem');
    // The JWT's `exp` is in whole seconds, so the lifetime it gives may be a second short of `expires_in`.
    expect(text).toMatch(/A token lasts only 1(19|20) s \(Kiva documents about 12 h\)\./);
  });
});

describe('doctor against a misconfigured Kiva', () => {
  it('wrong audience: the audience line, Kiva’s words, both stage values; exit 1', async () => {
    const target = await start({ audience: 'https://partner-api-stage.dk1.kiva.org' });
    const { report, text } = await check(target, { audience: 'https://partner-api-stage.kiva.org' });
    expect(report.exit).toBe(1);
    expect(statuses(report)).toMatchObject({ 'token-url': 'ok', audience: 'problem', loans: 'not-checked' });
    expect(text).toContain(
      '[PROBLEM] Audience: Kiva refused the audience https://partner-api-stage.kiva.org (HTTP 403: “Service not found: https://partner-api-stage.kiva.org”).',
    );
    expect(text).toContain(
      'Fix: Set the audience Kiva gave you for this environment. Kiva documents two stage values: https://partner-api-stage.dk1.kiva.org or https://partner-api-stage.kiva.org.',
    );
    expectReadOnly(target);
  });

  it.each(['reject', 'intersect'] as const)(
    'missing scopes (scope policy %s): granted and missing named, with the operations they block',
    async (scopePolicy) => {
      const target = await start({ scopePolicy });
      const { report, text } = await check(target, { credentials: READONLY_CREDENTIALS });
      expect(report.exit).toBe(1);
      expect(statuses(report)).toMatchObject({ scopes: 'problem', 'config-lists': 'ok', loans: 'ok' });
      expect(text).toContain(
        'Granted: read:loans (they allow reading loans). Missing: create:loan_draft, create:journal_update, and create:repayment, so creating loan drafts, posting journal updates, and reporting repayments will be refused.',
      );
      expectReadOnly(target);
    },
  );

  it('wrong secret: the credentials line with Kiva’s words, the rest not checked, the secret nowhere', async () => {
    const target = await start();
    const wrong = { clientId: DEMO_CREDENTIALS.clientId, clientSecret: 'not-the-secret-41' };
    const { report, text } = await check(target, { credentials: wrong });
    expect(report.exit).toBe(1);
    expect(statuses(report)).toMatchObject({
      'token-url': 'ok',
      credentials: 'problem',
      audience: 'not-checked',
      'config-lists': 'not-checked',
    });
    expect(text).toContain(
      '[PROBLEM] Client id and secret: Kiva refused the client id or secret (HTTP 401: “Unauthorized”).',
    );
    expect(JSON.stringify(report) + text).not.toContain('not-the-secret-41');
    expect(target.received.filter((r) => r.path !== '/oauth/token')).toEqual([]);
  });

  it('a portal in front of the API (200 HTML): the lists line says it is not Kiva answering', async () => {
    const target = await start({ mode: 'portal' });
    const { report, text } = await check(target);
    expect(report.exit).toBe(1);
    expect(statuses(report)).toMatchObject({ 'token-url': 'ok', 'config-lists': 'problem', loans: 'not-checked' });
    expect(text).toContain(`The API base ${target.apiBase} answered, but not as Kiva does:`);
  });
});

describe('doctor against an unreachable Kiva', () => {
  it('token URL out of reach: exit 2, the network reason kept', async () => {
    const target = await start();
    const port = await closedPort();
    const offline = { ...target, tokenUrl: `http://127.0.0.1:${port}/oauth/token` };
    const { report, text } = await check(offline);
    expect(report.outcome).toBe('unreachable');
    expect(report.exit).toBe(2);
    expect(text).toContain(`[PROBLEM] Token URL: Could not reach http://127.0.0.1:${port}/oauth/token (ECONNREFUSED).`);
    expect(target.received).toEqual([]);
  });

  it('API base out of reach after a good token: exit 2 on the lists line', async () => {
    const target = await start();
    const port = await closedPort();
    const offline = { ...target, apiBase: `http://127.0.0.1:${port}` };
    const { report } = await check(offline);
    expect(report.exit).toBe(2);
    expect(statuses(report)).toMatchObject({ 'token-url': 'ok', 'config-lists': 'problem', loans: 'not-checked' });
    expect(report.lines.find((l) => l.check === 'config-lists')?.code).toBe('lists.unreachable');
  });
});
