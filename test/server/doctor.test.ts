/**
 * GET /api/doctor: the pane's "Test the connection", run by the server (which holds the secret) over real HTTP
 * against the emulator. The report says what the CLI's doctor says, holds no secret or token, and creates nothing.
 */
import type { DoctorReport } from '../../src/app';
import { expectNoSecrets, startHarness, type Harness } from './harness';

describe('GET /api/doctor', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      // Production points at the right token server with a stage audience Kiva's docs name but this Kiva refuses.
      settings: { KIVA_PRODUCTION_AUDIENCE: 'https://partner-api-stage.kiva.org' },
    });
  });
  afterAll(async () => h.close());

  it('reports every line OK for a working environment, and nothing reaches Kiva but reads and a token', async () => {
    h.emulator.reset();
    const answer = await h.api('/api/doctor?env=stage');
    expect(answer.status).toBe(200);
    const { report } = answer.json<{ report: DoctorReport }>();
    expect(report).toMatchObject({ outcome: 'ok', exit: 0, environment: { name: 'stage' } });
    expect(report.lines.map((line) => line.check)).toEqual([
      'token-url',
      'credentials',
      'audience',
      'partner-id',
      'scopes',
      'token-lifetime',
      'config-lists',
      'loans',
      'journal-route',
    ]);
    expect(report.lines.find((line) => line.check === 'partner-id')?.params).toEqual({ partnerId: '145' });
    expect(h.emulator.applied).toEqual([]);
    // Token requests only (the server's own renewals of both environments among them): no POST to the API.
    const posts = h.emulator.received.filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.filter((r) => r.path !== '/oauth/token')).toEqual([]);
    expectNoSecrets(h);
  });

  it('reports the refused audience of a misconfigured environment as that line’s problem', async () => {
    const answer = await h.api('/api/doctor?env=production');
    expect(answer.status).toBe(200);
    const { report } = answer.json<{ report: DoctorReport }>();
    expect(report).toMatchObject({ outcome: 'problems', exit: 1 });
    expect(report.lines.find((line) => line.check === 'audience')).toMatchObject({
      status: 'problem',
      code: 'audience.refused',
      error: { code: 'auth.audience-refused', params: { status: 403 } },
    });
    expectNoSecrets(h);
  });

  it('refuses an unknown environment', async () => {
    expect((await h.api('/api/doctor?env=moon')).status).toBe(400);
  });
});

it('says an environment the server holds no credentials for is not configured (409)', async () => {
  const h = await startHarness({ settings: { KIVA_SHEETS_ENVIRONMENTS: 'stage' } });
  try {
    const answer = await h.api('/api/doctor?env=production');
    expect(answer.status).toBe(409);
    expect(answer.json()).toMatchObject({ error: { code: 'environment.not-configured' } });
  } finally {
    await h.close();
  }
});
