import { EMULATOR_CONFIG } from '../../dev/kiva-emulator';
import type { KivaLogRecord, PartnerLoan, RowOutcome } from '../../src/kiva';
import { expectNoSecrets, startHarness, type Harness } from './harness';
import { groupDraft, individualDraft, journal, kinds, payingBackLoans, repaymentsFor } from './fixtures';

interface SubmitAnswer {
  submitId: number;
  outcomes: RowOutcome[];
  log: KivaLogRecord[];
}

describe('/api over HTTP, with the emulator behind', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('answers /api/health without any token', async () => {
    const answer = await h.api('/api/health');
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ status: 'ok', mode: 'local', version: expect.any(String) });
  });

  it('describes the session: mode, user, each environment with partner, scopes and token expiry', async () => {
    const answer = await h.api('/api/session');
    expect(answer.status).toBe(200);
    const session = answer.json<{ mode: string; user: { name: string }; environments: Record<string, unknown>[] }>();
    expect(session.mode).toBe('local');
    expect(session.user.name).toEqual(expect.any(String));
    expect(session.environments.map((environment) => environment.name)).toEqual(['stage', 'production']);
    const stage = session.environments[0];
    expect(stage).toMatchObject({
      configured: true,
      canSubmit: true,
      partnerId: '145',
      scopes: ['read:loans', 'create:loan_draft', 'create:journal_update', 'create:repayment'],
      urls: { tokenUrl: h.emulator.tokenUrl, audience: h.emulator.audience, apiBase: h.emulator.apiBase },
    });
    expect(Date.parse(String(stage?.tokenExpiresAt))).toBeGreaterThan(Date.now() + 11 * 3600 * 1000);
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('lists the four config lists, accents intact', async () => {
    const answer = await h.api('/api/config-lists?env=stage');
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({
      activities: EMULATOR_CONFIG.activities,
      locales: EMULATOR_CONFIG.locales,
      themes: EMULATOR_CONFIG.themes,
      locations: EMULATOR_CONFIG.locations,
    });
  });

  it('lists every page of loans of the given statuses, and searches', async () => {
    const answer = await h.api('/api/loans?env=stage&status=payingBack,defaulted');
    expect(answer.status).toBe(200);
    const loans = answer.json<{ loans: PartnerLoan[] }>().loans;
    expect(new Set(loans.map((loan) => loan.status))).toEqual(new Set(['payingBack', 'defaulted']));
    expect(new Set(loans.map((loan) => loan.kiva_id)).size).toBe(loans.length);
    const target = loans[3]?.internal_loan_id ?? '';
    const found = await h.api(`/api/loans?env=stage&status=payingBack,defaulted&query=${target}`);
    expect(found.json<{ loans: PartnerLoan[] }>().loans.map((loan) => loan.internal_loan_id)).toContain(target);
    const byDefault = await h.api('/api/loans?env=stage');
    expect(byDefault.json<{ loans: PartnerLoan[] }>().loans).toHaveLength(loans.length);
  });

  it('refuses bad queries with 400 and a code', async () => {
    for (const path of ['/api/loans?env=stage&status=flying', '/api/loans', '/api/config-lists?env=moon']) {
      const answer = await h.api(path);
      expect(answer.status).toBe(400);
      expect(answer.json()).toMatchObject({ error: { code: 'request.invalid', message: expect.any(String) } });
    }
    const unknown = await h.api('/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'request.not-found' } });
  });

  it('sends loan drafts: one outcome per row, Kiva references, rejects kept to their rows', async () => {
    h.emulator.reset();
    const rejected = individualDraft('X-1', 9);
    rejected.body.theme_type_id = 123456;
    const answer = await h.api('/api/submit/loan-drafts', {
      body: { env: 'stage', items: [individualDraft('L-100', 2), groupDraft('G-7', 3), rejected] },
    });
    expect(answer.status).toBe(200);
    const { outcomes, log, submitId } = answer.json<SubmitAnswer>();
    expect(kinds(outcomes)).toEqual(['sent', 'sent', 'sent', 'rejected']);
    expect(outcomes.map((outcome) => outcome.row.row)).toEqual([2, 3, 4, 9]);
    const uuids = h.emulator.applied.map((applied) => applied.reference);
    expect(uuids).toHaveLength(2);
    const sentUuids = outcomes.map((outcome) =>
      outcome.kind === 'sent' ? outcome.reference?.loanDraftUuid : undefined,
    );
    expect(new Set(sentUuids.filter(Boolean))).toEqual(new Set(uuids));
    expect(outcomes[3]).toMatchObject({
      kind: 'rejected',
      status: 400,
      message: expect.stringContaining('theme_type_id'),
    });
    expect(log.filter((record) => record.operation === 'loan-draft')).toHaveLength(3);
    expect(submitId).toEqual(expect.any(Number));

    const items = h.auditRows<{ state: string; http_status: number; reference: string | null; content_hash: string }>(
      'SELECT state, http_status, reference, content_hash FROM items WHERE submit_id = ? ORDER BY position',
      submitId,
    );
    expect(items.map((item) => [item.state, item.http_status])).toEqual([
      ['accepted', 200],
      ['accepted', 200],
      ['released', 400],
    ]);
    expect(items.every((item) => /^[0-9a-f]{64}$/.test(item.content_hash))).toBe(true);
    expect(new Set(items.map((item) => item.reference).filter(Boolean))).toEqual(new Set(uuids));
  });

  it('sends repayments: per-loan problems land on their row', async () => {
    h.emulator.reset();
    const items = [...repaymentsFor(await payingBackLoans(h, 3))];
    items.push({
      repayment: { loan_id: 'no-such-loan', amount: 5 },
      row: { sheet: 'Repayments', row: 40, key: 'no-such-loan' },
    });
    const answer = await h.api('/api/submit/repayments', { body: { env: 'stage', items } });
    const { outcomes } = answer.json<SubmitAnswer>();
    expect(kinds(outcomes)).toEqual(['sent', 'sent', 'sent', 'rejected']);
    expect(outcomes[3]).toMatchObject({ message: 'Loan not found', severity: 'error' });
    expect(outcomes[0]?.kind === 'sent' && outcomes[0].reference?.uploadId).toBe(h.emulator.applied[0]?.reference);
    expect(h.emulator.appliedRepaymentLoanIds()).toHaveLength(3);
  });

  it('sends journals, each with its confirm_url', async () => {
    h.emulator.reset();
    const answer = await h.api('/api/submit/journals', {
      body: { env: 'stage', items: [journal('000100', 2), journal('1040007', 3)] },
    });
    const { outcomes } = answer.json<SubmitAnswer>();
    expect(kinds(outcomes)).toEqual(['sent', 'sent']);
    const urls = outcomes.map((outcome) => (outcome.kind === 'sent' ? outcome.reference?.confirmUrl : undefined));
    expect(new Set(urls).size).toBe(2);
    expect(urls.every((url) => url?.startsWith(h.emulator.url))).toBe(true);
  });

  it('refuses malformed submits before anything reaches Kiva', async () => {
    h.emulator.reset();
    const draft = individualDraft('L-bad', 2);
    const bodies: unknown[] = [
      { env: 'stage', items: [] },
      { env: 'qa', items: [draft] },
      { env: 'stage', items: [{ ...draft, extra: 1 }] },
      { env: 'stage', items: [{ body: { ...draft.body, theme: 'Green' }, rows: draft.rows }] },
      { env: 'stage', items: [{ body: draft.body, rows: [] }] },
      { env: 'stage', items: [{ body: draft.body, rows: [{ sheet: 'Loans', row: 0 }] }] },
    ];
    for (const body of bodies) {
      const answer = await h.api('/api/submit/loan-drafts', { body });
      expect(answer.status).toBe(400);
      expect(answer.json()).toMatchObject({ error: { code: 'request.invalid' } });
    }
    const notJson = await h.api('/api/submit/journals', {
      raw: '{"env":',
      headers: { 'content-type': 'application/json' },
    });
    expect([notJson.status, notJson.json()]).toEqual([
      400,
      { error: expect.objectContaining({ code: 'request.invalid-json' }) },
    ]);
    const form = await h.api('/api/submit/journals', { raw: 'env=stage', headers: { 'content-type': 'text/plain' } });
    expect([form.status, form.json()]).toEqual([
      415,
      { error: expect.objectContaining({ code: 'request.unsupported-media-type' }) },
    ]);
    expect(h.emulator.received.filter((request) => request.method === 'POST')).toEqual([]);
  });

  it('keeps the client secret and every access token out of answers, logs and the audit log', async () => {
    expect(h.issuedTokens.length).toBeGreaterThan(0);
    expect(h.logs.length).toBeGreaterThan(10);
    expectNoSecrets(h);
  });
});

describe('/api/session publishes how the server cuts requests', () => {
  it('names the repayments per call, journals per call and journal body shape each environment sends with', async () => {
    const h = await startHarness({
      settings: { KIVA_SHEETS_REPAYMENTS_PER_CALL: '40', KIVA_SHEETS_JOURNAL_VARIANT: 'sample' },
    });
    try {
      const session = await h.api('/api/session');
      const [stage, production] = session.json<{ environments: Record<string, unknown>[] }>().environments;
      const batching = { repaymentsPerCall: 40, journalsPerCall: 1, journalsBody: 'array' };
      expect(stage).toMatchObject({ name: 'stage', batching });
      expect(production).toMatchObject({ name: 'production', batching });
    } finally {
      await h.close();
    }
  });

  it('publishes the defaults when nothing is configured, and nothing for an environment not configured', async () => {
    const h = await startHarness({ settings: { KIVA_SHEETS_ENVIRONMENTS: 'stage' } });
    try {
      const session = await h.api('/api/session');
      const [stage, production] = session.json<{ environments: Record<string, unknown>[] }>().environments;
      expect(stage).toMatchObject({
        batching: { repaymentsPerCall: 250, journalsPerCall: 1, journalsBody: 'wrapped' },
      });
      expect(production).not.toHaveProperty('batching');
    } finally {
      await h.close();
    }
  });
});

describe('/api when Kiva refuses the server', () => {
  it('reports bad credentials as a coded 502 and per-row failures, without the secret', async () => {
    const h = await startHarness({
      settings: { KIVA_SHEETS_ENVIRONMENTS: 'stage', KIVA_STAGE_CLIENT_SECRET: 'wrong-secret-value-123' },
    });
    try {
      const lists = await h.api('/api/config-lists?env=stage');
      expect(lists.status).toBe(502);
      expect(lists.json()).toMatchObject({ error: { code: 'auth.bad-credentials' } });
      const sent = await h.api('/api/submit/loan-drafts', {
        body: { env: 'stage', items: [individualDraft('L-1', 2)] },
      });
      expect(sent.json<SubmitAnswer>().outcomes).toEqual([
        expect.objectContaining({ kind: 'failed', code: 'auth.bad-credentials' }),
      ]);
      const session = await h.api('/api/session');
      const [stage, production] = session.json<{ environments: Record<string, unknown>[] }>().environments;
      expect(stage).toMatchObject({ configured: true, tokenError: { code: 'auth.bad-credentials' } });
      expect(production).toMatchObject({ configured: false, urls: expect.any(Object) });
      const unconfigured = await h.api('/api/config-lists?env=production');
      expect(unconfigured.status).toBe(409);
      expect(unconfigured.json()).toMatchObject({ error: { code: 'environment.not-configured' } });
      const everything = [h.answers.join('\n'), h.logs.join('\n'), h.auditDump()].join('\n');
      expect(everything).not.toContain('wrong-secret-value-123');
    } finally {
      await h.close();
    }
  });
});
