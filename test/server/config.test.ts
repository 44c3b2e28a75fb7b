import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataDirectory, loadServerConfig, type LoadOptions } from '../../src/server';
import { parseServeArguments } from '../../src/server/cli-args';

const SECRET = 'sk-this-is-the-secret-0123456789';
const home = '/home/ana';

function load(env: Record<string, string>, options: Omit<LoadOptions, 'env'> = {}) {
  return loadServerConfig({ env, homedir: home, platform: 'linux', ...options });
}

function problemsOf(result: ReturnType<typeof load>): string {
  return result.ok ? '' : result.problems.map((problem) => `${problem.setting}: ${problem.message}`).join('\n');
}

describe('server configuration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiva-sheets-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults to local mode on 127.0.0.1:3000 with the audit log in the data folder', () => {
    const result = load({});
    if (!result.ok) throw new Error(problemsOf(result));
    expect(result.config).toMatchObject({
      mode: 'local',
      host: '127.0.0.1',
      port: 3000,
      databasePath: '/home/ana/.local/share/kiva-sheets/kiva-sheets.sqlite',
      limits: { bodyBytes: 8 * 1024 * 1024, requestsPerMinute: 300, kivaConcurrency: 4 },
    });
    expect(result.config.environments.map((environment) => environment.credentials)).toEqual([undefined, undefined]);
  });

  it('finds the data folder the way each system expects', () => {
    expect(dataDirectory({ platform: 'linux', env: { XDG_DATA_HOME: '/data/x' }, homedir: home })).toBe(
      '/data/x/kiva-sheets',
    );
    expect(dataDirectory({ platform: 'linux', env: { XDG_DATA_HOME: 'relative' }, homedir: home })).toBe(
      '/home/ana/.local/share/kiva-sheets',
    );
    expect(
      dataDirectory({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, homedir: home }),
    ).toMatch(/^C:\\Users\\ana\\AppData\\Roaming.kiva-sheets$/);
  });

  it('reads credentials and URL overrides per environment', () => {
    const result = load({
      PORT: '8443',
      KIVA_STAGE_CLIENT_ID: 'id-1',
      KIVA_STAGE_CLIENT_SECRET: SECRET,
      KIVA_STAGE_AUDIENCE: 'https://partner-api-stage.kiva.org',
      KIVA_PRODUCTION_API_URL: 'https://partnerapi.production.kiva.org/',
    });
    if (!result.ok) throw new Error(problemsOf(result));
    const [stage, production] = result.config.environments;
    expect(stage).toMatchObject({
      name: 'stage',
      credentials: { clientId: 'id-1', clientSecret: SECRET },
      urls: { audience: 'https://partner-api-stage.kiva.org' },
    });
    expect(production).toMatchObject({
      name: 'production',
      urls: { apiBase: 'https://partnerapi.production.kiva.org/' },
    });
    expect(production?.credentials).toBeUndefined();
    expect(result.config.port).toBe(8443);
  });

  it('with --env, needs credentials for exactly the environments named', () => {
    const args = parseServeArguments(['--env', 'stage,production', '--port=4000']);
    expect(args).toMatchObject({
      overrides: { KIVA_SHEETS_ENVIRONMENTS: 'stage,production', PORT: '4000' },
      problems: [],
    });
    const result = load(
      { KIVA_STAGE_CLIENT_ID: 'id', KIVA_STAGE_CLIENT_SECRET: SECRET },
      { overrides: args.overrides },
    );
    expect(problemsOf(result)).toMatch(/KIVA_PRODUCTION_CLIENT_ID: production needs both/);
    const onlyProduction = load(
      {
        KIVA_STAGE_CLIENT_ID: 'id',
        KIVA_STAGE_CLIENT_SECRET: SECRET,
        KIVA_PRODUCTION_CLIENT_ID: 'p',
        KIVA_PRODUCTION_CLIENT_SECRET: 's',
      },
      { overrides: { KIVA_SHEETS_ENVIRONMENTS: 'production' } },
    );
    if (!onlyProduction.ok) throw new Error(problemsOf(onlyProduction));
    expect(onlyProduction.config.environments.map((environment) => environment.credentials !== undefined)).toEqual([
      false,
      true,
    ]);
    expect(parseServeArguments(['--envv', 'stage']).problems).toContain('unknown option --envv');
    expect(parseServeArguments(['--env']).problems).toEqual(['--env needs a value']);
  });

  it('reads a settings file only when no other user can read it, and says chmod 600', () => {
    const file = join(dir, 'kiva-sheets.json');
    writeFileSync(
      file,
      JSON.stringify({ KIVA_STAGE_CLIENT_ID: 'from-file', KIVA_STAGE_CLIENT_SECRET: SECRET, PORT: 3100 }),
    );
    for (const mode of [0o644, 0o640, 0o604, 0o660]) {
      chmodSync(file, mode);
      const refused = load({}, { configFile: file });
      expect(refused.ok).toBe(false);
      expect(problemsOf(refused)).toContain(`chmod 600 ${file}`);
      expect(problemsOf(refused)).not.toContain(SECRET);
    }
    chmodSync(file, 0o600);
    const accepted = load({ PORT: '3200' }, { configFile: file });
    if (!accepted.ok) throw new Error(problemsOf(accepted));
    expect(accepted.config.environments[0]?.credentials).toEqual({ clientId: 'from-file', clientSecret: SECRET });
    expect(accepted.config.port).toBe(3200);
    const viaVariable = load({ KIVA_SHEETS_CONFIG: file });
    expect(viaVariable.ok).toBe(true);
  });

  it('reports a broken settings file without echoing its content', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, `{"KIVA_STAGE_CLIENT_SECRET": "${SECRET}" oops`, { mode: 0o600 });
    expect(problemsOf(load({}, { configFile: file }))).toMatch(/not valid JSON/);
    expect(problemsOf(load({}, { configFile: file }))).not.toContain(SECRET);
    writeFileSync(file, JSON.stringify({ KIVA_STAGE_CLIENT_SECRETS: SECRET }), { mode: 0o600 });
    expect(problemsOf(load({}, { configFile: file }))).toMatch(/unknown setting KIVA_STAGE_CLIENT_SECRETS/);
  });

  it('keeps local mode on loopback, and Entra mode off plain HTTP on the network', () => {
    expect(problemsOf(load({ KIVA_SHEETS_HOST: '0.0.0.0' }))).toMatch(/local mode and listens on 127.0.0.1 only/);
    const entra = {
      KIVA_SHEETS_ENTRA_TENANT_ID: 'tenant',
      KIVA_SHEETS_ENTRA_AUDIENCE: 'api://kiva-sheets, 0b5e6a9c-3f1d-4c2e-9a7b-5d8e1f2a3b4c',
      KIVA_SHEETS_ALLOWED_GROUPS: 'group-1',
    };
    expect(problemsOf(load(entra))).toMatch(/KIVA_SHEETS_TLS_CERT: sign-in tokens must not cross the network in clear/);
    const proxied = load({ ...entra, KIVA_SHEETS_BEHIND_PROXY: 'true' });
    if (!proxied.ok) throw new Error(problemsOf(proxied));
    expect(proxied.config).toMatchObject({
      mode: 'entra',
      host: '0.0.0.0',
      entra: {
        issuers: ['https://login.microsoftonline.com/tenant/v2.0', 'https://sts.windows.net/tenant/'],
        jwksUrl: 'https://login.microsoftonline.com/tenant/discovery/v2.0/keys',
        // The pane's sign-in follows from the audience when one registration serves both.
        pane: {
          clientId: '0b5e6a9c-3f1d-4c2e-9a7b-5d8e1f2a3b4c',
          authority: 'https://login.microsoftonline.com/tenant',
          scopes: ['api://kiva-sheets/access_as_user'],
        },
      },
    });
    const noClientId = load({
      ...entra,
      KIVA_SHEETS_ENTRA_AUDIENCE: 'api://kiva-sheets',
      KIVA_SHEETS_BEHIND_PROXY: 'true',
    });
    expect(problemsOf(noClientId)).toMatch(/KIVA_SHEETS_ENTRA_PANE_CLIENT_ID/);
    const noList = load({ ...entra, KIVA_SHEETS_ALLOWED_GROUPS: '', KIVA_SHEETS_BEHIND_PROXY: 'true' });
    expect(problemsOf(noList)).toMatch(/KIVA_SHEETS_ALLOWED_USERS/);
  });

  it('lists Entra users by object id, a name in brackets for the audit log; names alone are refused', () => {
    const entra = {
      KIVA_SHEETS_ENTRA_TENANT_ID: 'tenant',
      KIVA_SHEETS_ENTRA_AUDIENCE: 'api://kiva-sheets, 0b5e6a9c-3f1d-4c2e-9a7b-5d8e1f2a3b4c',
      KIVA_SHEETS_BEHIND_PROXY: 'true',
    };
    const listed = load({
      ...entra,
      KIVA_SHEETS_ALLOWED_USERS:
        '6F1C2A9B-0000-4000-8000-00000000000A (Ana Quispe); 6f1c2a9b-0000-4000-8000-00000000000b',
      KIVA_SHEETS_PRODUCTION_USERS: '6f1c2a9b-0000-4000-8000-00000000000a',
    });
    if (!listed.ok) throw new Error(problemsOf(listed));
    expect(listed.config.entra).toMatchObject({
      allowedUsers: [
        { oid: '6f1c2a9b-0000-4000-8000-00000000000a', label: 'Ana Quispe' },
        { oid: '6f1c2a9b-0000-4000-8000-00000000000b' },
      ],
      productionUsers: [{ oid: '6f1c2a9b-0000-4000-8000-00000000000a' }],
      requiredScopes: ['access_as_user'],
    });
    const byName = problemsOf(load({ ...entra, KIVA_SHEETS_ALLOWED_USERS: 'ana@partner.org' }));
    expect(byName).toMatch(/KIVA_SHEETS_ALLOWED_USERS.*"ana@partner.org" is not an object id/);
    expect(byName).toMatch(/Object ID/);
    expect(
      problemsOf(load({ ...entra, KIVA_SHEETS_PRODUCTION_USERS: 'Ana Quispe', KIVA_SHEETS_ALLOWED_GROUPS: 'g' })),
    ).toMatch(/KIVA_SHEETS_PRODUCTION_USERS.*"Ana Quispe" is not an object id/);
  });

  it('refuses a TLS key other users can read', () => {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    writeFileSync(cert, 'CERT');
    writeFileSync(key, 'KEY', { mode: 0o644 });
    chmodSync(key, 0o644);
    expect(problemsOf(load({ KIVA_SHEETS_TLS_CERT: cert, KIVA_SHEETS_TLS_KEY: key }))).toContain(`chmod 600 ${key}`);
  });

  it('names each bad value', () => {
    const problems = problemsOf(
      load({
        PORT: 'eighty',
        KIVA_SHEETS_BODY_LIMIT_MB: '-1',
        KIVA_SHEETS_KIVA_CONCURRENCY: '100',
        KIVA_SHEETS_TIME_ZONE: 'Mars/Olympus',
        KIVA_STAGE_TOKEN_URL: 'not a url',
        KIVA_SHEETS_PUBLIC_URL: 'https://x.example.org/kiva',
        KIVA_SHEETS_ENVIRONMENTS: 'staging',
      }),
    );
    for (const setting of [
      'PORT',
      'KIVA_SHEETS_BODY_LIMIT_MB',
      'KIVA_SHEETS_KIVA_CONCURRENCY',
      'KIVA_SHEETS_TIME_ZONE',
      'KIVA_STAGE_TOKEN_URL',
      'KIVA_SHEETS_PUBLIC_URL',
      'KIVA_SHEETS_ENVIRONMENTS',
    ]) {
      expect(problems).toContain(`${setting}:`);
    }
  });
});
