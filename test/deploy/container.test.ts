/**
 * The container recipe (issue #16): Docker cannot run on this machine (no engine), so the recipe is checked as far
 * as it can be without one. The Dockerfile is linted with dockerfile-utils (the validator of the Dockerfile language
 * server) at its strictest and read with dockerfile-ast for our own rules; compose.yaml is parsed with `yaml` and
 * linted with dclint (which also validates it against the Compose schema); .dockerignore is applied with Docker's
 * own matching rules (@balena/dockerignore) to the files of a clean clone; and the settings the container gets are
 * loaded by the server's real configuration loader.
 */
import ignore from '@balena/dockerignore';
import { DCLinter } from 'dclint';
import { DockerfileParser, type Copy, type Instruction } from 'dockerfile-ast';
import { validate, ValidationSeverity } from 'dockerfile-utils';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { parseDocument } from 'yaml';
import { parseServeArguments } from '../../src/server/cli-args';
import { loadServerConfig, SETTING_NAMES, CONFIG_FILE_VARIABLE } from '../../src/server';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Names that must never be set in an image or a compose file: their values belong in the settings secret. */
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|CLIENT_ID|PRIVATE/i;
const KNOWN_NAMES = new Set<string>([...SETTING_NAMES, CONFIG_FILE_VARIABLE]);

describe('Dockerfile', () => {
  const text = read('Dockerfile');
  const dockerfile = DockerfileParser.parse(text);
  const instructions = dockerfile.getInstructions();
  const stages = splitStages(instructions);
  const final = stages[stages.length - 1] ?? [];
  const env = environmentOf(final);

  it('passes dockerfile-utils with every rule an error', () => {
    const strict = ValidationSeverity.ERROR;
    const diagnostics = validate(text, {
      deprecatedMaintainer: strict,
      directiveCasing: strict,
      emptyContinuationLine: strict,
      instructionCasing: strict,
      instructionCmdMultiple: strict,
      instructionEntrypointMultiple: strict,
      instructionHealthcheckMultiple: strict,
      instructionJSONInSingleQuotes: strict,
      instructionWorkdirRelative: strict,
    });
    expect(diagnostics.map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it('builds on a slim Node LTS image, the same in both stages', () => {
    const base = dockerfile.getInitialARGs().find((arg) => arg.getProperty()?.getName() === 'NODE_IMAGE');
    const image = base?.getProperty()?.getValue() ?? '';
    // Even majors become LTS; 24 is the oldest LTS line package.json's engines and the server support (≥ 24).
    const major = Number(/^node:(\d+)-[a-z]+-slim$/.exec(image)?.[1]);
    expect([image, major % 2, major >= 24]).toEqual([image, 0, true]);
    expect(dockerfile.getFROMs().map((from) => from.getImage())).toEqual(['${NODE_IMAGE}', '${NODE_IMAGE}']);
  });

  it('installs the package as npm pack makes it, the built pane inside, and copies only that', () => {
    const build = stages[0] ?? [];
    const commands = build.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent() ?? '');
    expect(commands.join('\n')).toMatch(/npm ci[\s\S]*npm pack[\s\S]*npm install --global --prefix \/opt\/kiva-sheets/);
    const copies = final
      .filter((i): i is Copy => i.getKeyword() === 'COPY')
      .map((copy) => [copy.getFromFlag()?.getValue(), ...copy.getArguments().map((a) => a.getValue())]);
    expect(copies).toEqual([['build', '/opt/kiva-sheets', '/opt/kiva-sheets']]);
    // `npm pack` ships dist/ (the pane) by package.json's files list; test/package installs that very tarball.
    expect((JSON.parse(read('package.json')) as { files: string[] }).files).toEqual(
      expect.arrayContaining(['dist/', 'lib/', 'assets/', 'manifest.xml', 'npm-shrinkwrap.json']),
    );
  });

  it('runs as a user other than root', () => {
    const users = final.filter((i) => i.getKeyword() === 'USER').map((i) => i.getArgumentsContent() ?? '');
    const last = users[users.length - 1] ?? 'root';
    const [user = ''] = last.split(':');
    expect([last, user === 'root' || user === '0' || user === '']).toEqual([last, false]);
    // Numeric, so an orchestrator's "run as non-root" can check it without reading /etc/passwd.
    expect(user).toMatch(/^[1-9]\d*$/);
  });

  it('checks its health on /api/health with a flag the server really has', () => {
    const checks = final.filter((i) => i.getKeyword() === 'HEALTHCHECK').map((i) => i.getArgumentsContent() ?? '');
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatch(/CMD \["kiva-sheets-server", "--health-check"\]$/);
    expect(parseServeArguments(['--health-check'])).toMatchObject({ healthCheck: true, problems: [] });
  });

  it('keeps the database on a volume, and the settings in a secret file, with no secret in its environment', () => {
    const volumes = final
      .filter((i) => i.getKeyword() === 'VOLUME')
      .map((i) => JSON.parse(i.getArgumentsContent() ?? ''));
    expect(volumes.flat()).toContain(posix.dirname(env.KIVA_SHEETS_DB ?? ''));
    expect(env.KIVA_SHEETS_CONFIG).toMatch(/^\/run\/secrets\/[\w.-]+\.json$/);
    for (const [name, value] of Object.entries(env)) {
      expect([name, SECRET_NAME.test(name)]).toEqual([name, false]);
      expect([name, KNOWN_NAMES.has(name) || ['NODE_ENV', 'PATH'].includes(name)]).toEqual([name, true]);
      expect([name, /[A-Za-z0-9+/_-]{32,}/.test(value)]).toEqual([name, false]);
    }
    const args = instructions.filter((i) => i.getKeyword() === 'ARG').map((i) => i.getArgumentsContent() ?? '');
    expect(args.filter((arg) => SECRET_NAME.test(arg))).toEqual([]);
    expect(final.map((i) => i.getKeyword())).toContain('EXPOSE');
    expect(final.find((i) => i.getKeyword() === 'EXPOSE')?.getArgumentsContent()).toBe(env.PORT);
  });
});

describe('compose.yaml', () => {
  const text = read('compose.yaml');
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const compose = document.toJS() as Compose;
  const server = compose.services['kiva-sheets'] as Service;
  const caddy = compose.services.caddy as Service;

  it('parses as YAML without an error or warning', () => {
    expect([...document.errors, ...document.warnings].map(String)).toEqual([]);
  });

  it('passes dclint (Compose schema and its rules), all but one rule on', () => {
    const linter = new DCLinter({
      // Caddy must listen on every interface, IPv4 and IPv6: being reached from the internet is its job.
      rules: { 'no-unbound-port-interfaces': 0 },
      quiet: false,
      debug: false,
      exclude: [],
    });
    const [result] = linter.lintFiles([join(ROOT, 'compose.yaml')], false);
    expect(result?.messages.map((m) => `line ${m.line} ${m.rule}: ${m.message}`)).toEqual([]);
  });

  it('publishes only Caddy, which terminates TLS for the domain and proxies to the server', () => {
    expect(server.ports).toBeUndefined();
    expect(server.build).toBe('.');
    expect(caddy.image).toMatch(/^caddy:2(\.|$)/);
    expect(caddy.ports).toEqual(expect.arrayContaining(['80:80', '443:443']));
    expect(caddy.depends_on).toEqual({ 'kiva-sheets': { condition: 'service_healthy' } });
    expect(caddy.volumes).toEqual(
      expect.arrayContaining(['./deploy/Caddyfile:/etc/caddy/Caddyfile:ro', 'caddy-data:/data']),
    );
    const caddyfile = caddyDirectives(read('deploy/Caddyfile'));
    expect(caddyfile.site).toBe('{$KIVA_SHEETS_DOMAIN}');
    expect(caddyfile.directives).toEqual([['reverse_proxy', `kiva-sheets:${server.expose?.[0] ?? '?'}`]]);
    expect(server.expose).toEqual([dockerfileEnv().PORT]);
  });

  it('runs the server behind the proxy with the domain as its public URL', () => {
    expect(server.environment).toEqual({
      KIVA_SHEETS_BEHIND_PROXY: 'true',
      KIVA_SHEETS_PUBLIC_URL: 'https://${KIVA_SHEETS_DOMAIN:?set KIVA_SHEETS_DOMAIN in .env}',
    });
    expect(caddy.environment).toEqual({ KIVA_SHEETS_DOMAIN: '${KIVA_SHEETS_DOMAIN:?set KIVA_SHEETS_DOMAIN in .env}' });
    for (const name of Object.keys(server.environment ?? {})) {
      expect([name, KNOWN_NAMES.has(name) && !SECRET_NAME.test(name)]).toEqual([name, true]);
    }
    expect([server.read_only, server.cap_drop, server.security_opt]).toEqual([
      true,
      ['ALL'],
      ['no-new-privileges:true'],
    ]);
  });

  it('hands the settings file over as a secret where the image looks for it, and the data folder to a volume', () => {
    const env = dockerfileEnv();
    expect(server.secrets).toEqual([
      { source: 'kiva-sheets-settings', target: posix.basename(env.KIVA_SHEETS_CONFIG ?? '') },
    ]);
    expect(compose.secrets).toEqual({ 'kiva-sheets-settings': { file: './secrets/kiva-sheets.json' } });
    expect(server.volumes).toEqual([`kiva-sheets-data:${posix.dirname(env.KIVA_SHEETS_DB ?? '')}`]);
    expect(Object.keys(compose.volumes ?? {}).sort()).toEqual(['caddy-config', 'caddy-data', 'kiva-sheets-data']);
  });
});

describe('.dockerignore', () => {
  const filter = ignore().add(read('.dockerignore'));

  it('keeps every file of a clean clone in the build context', () => {
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
    expect(tracked.length).toBeGreaterThan(100);
    expect(tracked.filter((file) => existsSync(join(ROOT, file)) && filter.ignores(file))).toEqual([]);
  });

  it('leaves out secrets, data and what the image builds itself', () => {
    const never = [
      'secrets/kiva-sheets.json',
      'deploy/secrets/tls.key',
      'data/kiva-sheets.sqlite',
      'old/kiva-sheets.sqlite-wal',
      'certs/localhost.pem',
      '.env',
      'node_modules/fastify/package.json',
      'dist/taskpane.html',
      'lib/server.js',
      '.git/config',
    ];
    expect(never.filter((file) => !filter.ignores(file))).toEqual([]);
  });
});

describe('the settings the container gets', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiva-sheets-container-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The image's ENV, compose's environment with the domain filled in, and the example settings file as the secret. */
  function load(extra: Record<string, string> = {}, settings = join(ROOT, 'deploy', 'settings.example.json')) {
    const secret = join(dir, 'kiva-sheets.json');
    copyFileSync(settings, secret);
    chmodSync(secret, 0o600);
    const server = (parseDocument(read('compose.yaml')).toJS() as Compose).services['kiva-sheets'] as Service;
    const composeEnv = Object.fromEntries(
      Object.entries(server.environment ?? {}).map(([k, v]) => [
        k,
        v.replace(/\$\{KIVA_SHEETS_DOMAIN[^}]*\}/, 'kiva.example.org'),
      ]),
    );
    return loadServerConfig({
      env: { ...dockerfileEnv(), KIVA_SHEETS_CONFIG: secret, ...composeEnv, ...extra },
      homedir: dir,
    });
  }

  it('start the server in Entra mode on every interface, behind the proxy, with the database on the volume', () => {
    const loaded = load();
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.config).toMatchObject({
      mode: 'entra',
      host: '0.0.0.0',
      port: 3000,
      behindProxy: true,
      publicUrl: 'https://kiva.example.org',
      databasePath: '/data/kiva-sheets.sqlite',
    });
  });

  it('refuse local mode in a container, where 127.0.0.1 would reach no one', () => {
    const settings = join(dir, 'local.json');
    const example = JSON.parse(readFileSync(join(ROOT, 'deploy', 'settings.example.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    delete example.KIVA_SHEETS_ENTRA_TENANT_ID;
    writeFileSync(settings, JSON.stringify(example));
    const loaded = load({}, settings);
    expect(loaded.ok ? [] : loaded.problems.map((p) => p.setting)).toContain('KIVA_SHEETS_HOST');
  });
});

// ---- helpers -----------------------------------------------------------------------------------------------------

interface Service {
  build?: string;
  image?: string;
  ports?: string[];
  expose?: string[];
  environment?: Record<string, string>;
  secrets?: unknown[];
  volumes?: string[];
  depends_on?: unknown;
  read_only?: boolean;
  cap_drop?: string[];
  security_opt?: string[];
}

interface Compose {
  services: Record<string, Service | undefined>;
  secrets?: Record<string, unknown>;
  volumes?: Record<string, unknown>;
}

function splitStages(instructions: readonly Instruction[]): Instruction[][] {
  const stages: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction.getKeyword() === 'FROM') stages.push([]);
    stages[stages.length - 1]?.push(instruction);
  }
  return stages;
}

function environmentOf(stage: readonly Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const instruction of stage) {
    if (instruction.getKeyword() !== 'ENV') continue;
    for (const property of (instruction as unknown as EnvInstruction).getProperties()) {
      env[property.getName()] = property.getValue() ?? '';
    }
  }
  return env;
}

interface EnvInstruction {
  getProperties(): { getName(): string; getValue(): string | null }[];
}

function dockerfileEnv(): Record<string, string> {
  const stages = splitStages(DockerfileParser.parse(read('Dockerfile')).getInstructions());
  const { PATH: _path, NODE_ENV: _node, ...settings } = environmentOf(stages[stages.length - 1] ?? []);
  return settings;
}

/** The Caddyfile's single site block: its address and its directives (words per line, comments dropped). */
function caddyDirectives(text: string): { site: string; directives: string[][] } {
  const lines = text
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
  const open = lines.findIndex((line) => line.endsWith('{'));
  const close = lines.lastIndexOf('}');
  return {
    site: (lines[open] ?? '').replace(/\s*\{$/, ''),
    directives: lines.slice(open + 1, close).map((line) => line.split(/\s+/)),
  };
}
