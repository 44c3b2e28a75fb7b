import { ENVIRONMENT_PRESETS, OPERATION_SCOPES, resolveEnvironment, scopesFor } from '../../src/kiva';

describe('environments', () => {
  it('has the newest stage and production values as presets', () => {
    expect(resolveEnvironment({ name: 'stage' })).toEqual({
      ok: true,
      value: {
        name: 'stage',
        tokenUrl: 'https://auth.staging.kiva.org/oauth/token',
        audience: 'https://partner-api-stage.dk1.kiva.org',
        apiBase: 'https://partnerapi.staging.kiva.org',
      },
    });
    expect(ENVIRONMENT_PRESETS.production).toEqual({
      tokenUrl: 'https://auth.k1.kiva.org/oauth/token',
      audience: 'https://partner-api.k1.kiva.org',
      apiBase: 'https://partner-api.k1.kiva.org',
    });
  });

  it('overrides each URL on its own', () => {
    const result = resolveEnvironment({ name: 'stage', audience: 'https://partner-api-stage.kiva.org' });
    expect(result.ok && result.value).toMatchObject({
      audience: 'https://partner-api-stage.kiva.org',
      apiBase: 'https://partnerapi.staging.kiva.org',
    });
    const base = resolveEnvironment({ name: 'production', apiBase: 'https://partnerapi.production.kiva.org/' });
    expect(base.ok && base.value.apiBase).toBe('https://partnerapi.production.kiva.org');
  });

  it('needs all three values for custom, and real URLs', () => {
    expect(resolveEnvironment({ name: 'custom', tokenUrl: 'http://localhost:1/oauth/token' })).toMatchObject({
      ok: false,
      error: { code: 'config.invalid-environment', params: { field: 'apiBase' } },
    });
    expect(resolveEnvironment({ name: 'stage', tokenUrl: 'ftp://x' })).toMatchObject({ ok: false });
    const custom = resolveEnvironment({
      name: 'custom',
      tokenUrl: 'http://127.0.0.1:4000/oauth/token',
      audience: 'local',
      apiBase: 'http://127.0.0.1:4000',
    });
    expect(custom.ok).toBe(true);
  });

  it('knows the scope of each operation', () => {
    expect(OPERATION_SCOPES.repayments).toBe('create:repayment');
    expect(scopesFor(['loans', 'journals', 'config', 'loans'])).toEqual(['read:loans', 'create:journal_update']);
  });
});
