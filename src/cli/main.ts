/**
 * `kiva-sheets`: the command line face. It reads its configuration, opens the file, calls a src/app use case
 * with an exceljs/CSV Workbook port and src/kiva, and turns the result into text and an exit status.
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { version } from '../../package.json';
import { dataDirectory, defaultDatabasePath } from '../server/config/data-dir';
import { parseCommandLine, type Command } from './args';
import type { Context } from './commands/context';
import { checkDotenvEndpoints, mergeEnv, readConfig, readLanguage, type DotenvFile, type Env } from './config';
import { asksForJson, errorSummary, jsonLine } from './json-summary';
import { createKiva } from './kiva';
import { createOutput, type CliIo } from './output';
import { texts, USAGE } from './texts';

/** The exit statuses (docs/cli.md); the same as commands/context.ts's EXIT, which this file must not load early. */
const EXIT = { ok: 0, rows: 1, usage: 2 } as const;

export interface Process {
  argv: readonly string[];
  env: Env;
  cwd: string;
  io: CliIo;
  /** Fires when the user asks to stop (Ctrl-C). */
  signal: AbortSignal;
}

export async function main(proc: Process): Promise<number> {
  // packaging: `setup` asks questions and needs no Kiva configuration (src/cli/commands/setup.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (proc.argv[0] === 'setup') return (require('./commands/setup') as Setup).setupCommand(proc);
  const json = asksForJson(proc.argv);
  const parsed = parseCommandLine(proc.argv);
  if (parsed.kind === 'help') {
    proc.io.stdout(USAGE);
    return EXIT.ok;
  }
  if (parsed.kind === 'version') {
    proc.io.stdout(json ? jsonLine({ version }) : `${version}\n`);
    return EXIT.ok;
  }
  if (parsed.kind === 'usage') {
    proc.io.stderr(`kiva-sheets: ${parsed.problem}\n\n${USAGE}`);
    if (json) proc.io.stdout(jsonLine(errorSummary('usage', parsed.problem, EXIT.usage)));
    return EXIT.usage;
  }
  const dotenv = readDotenv(proc.cwd);
  const env = mergeEnv(proc.env, dotenv?.text);
  const read = readConfig(env, parsed.args.env);
  const { config } = read;
  const endpoints = checkDotenvEndpoints(proc.env, dotenv, readLanguage(env).language);
  const problems = [...read.problems, ...endpoints.problems];
  if (config === undefined || endpoints.problems.length > 0) {
    for (const problem of problems) proc.io.stderr(`kiva-sheets: ${problem}\n`);
    if (json) proc.io.stdout(jsonLine(errorSummary('configuration', problems.join(' '), EXIT.usage)));
    return EXIT.usage;
  }
  for (const note of endpoints.notes) proc.io.stderr(`kiva-sheets: ${note}\n`);
  const host = { platform: process.platform, env, homedir: env.HOME ?? homedir() };
  const kiva = createKiva(config, dataDirectory(host));
  // The same file the server keeps its audit log in, unless told otherwise: one memory of what was sent.
  const database = env.KIVA_SHEETS_DB?.trim() || defaultDatabasePath(host);
  const ledgerPath = database === ':memory:' || isAbsolute(database) ? database : resolve(proc.cwd, database);
  const output = createOutput(proc.io, config.language, kiva.redact);
  const ctx: Context = {
    args: parsed.args,
    config,
    kiva,
    output,
    t: texts(config.language),
    signal: proc.signal,
    ledgerPath,
  };
  if (needsCredentials(parsed.args.command) && config.credentials === undefined) {
    const problem = texts(config.language).config.credentials;
    output.err(`kiva-sheets: ${problem}`);
    if (json) output.json(errorSummary('configuration', problem, EXIT.usage));
    return EXIT.usage;
  }
  const command = COMMANDS[parsed.args.command]();
  const code = await command(ctx);
  // A command that stopped before its summary (a file or Kiva out of reach, production not confirmed…).
  if (json && !output.summarised) {
    const message = output.lastError ?? `stopped with exit status ${code}`;
    output.json(errorSummary('failed', message, code));
  }
  return code;
}

type CommandRun = (ctx: Context) => Promise<number>;
type Check = typeof import('./commands/check');
type Send = typeof import('./commands/send');
type KivaLists = typeof import('./commands/kiva-lists');
type Doctor = typeof import('./commands/doctor');
type Setup = typeof import('./commands/setup');

/**
 * Each command's code is loaded when it runs: exceljs alone takes longer to load than Node takes to start, and
 * `--version`, `--help` or a usage error need none of it. `require`, not `import()`: a checkout runs these sources
 * through tsx's CommonJS hook, which leaves `import()` to Node's ES module loader (it cannot find `.ts` files);
 * esbuild bundles a `require` all the same and runs the module only when it is required.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const COMMANDS: Record<Command, () => CommandRun> = {
  validate: () => (require('./commands/check') as Check).validateCommand,
  preview: () => (require('./commands/check') as Check).previewCommand,
  send: () => (require('./commands/send') as Send).sendCommand,
  loans: () => (require('./commands/kiva-lists') as KivaLists).loansCommand,
  lists: () => (require('./commands/kiva-lists') as KivaLists).listsCommand,
  doctor: () => (require('./commands/doctor') as Doctor).doctorCommand,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** validate and preview work offline when the workbook holds its lists; the others (doctor too) speak to Kiva. */
function needsCredentials(command: Command): boolean {
  return command === 'send' || command === 'loans' || command === 'lists' || command === 'doctor';
}

function readDotenv(cwd: string): DotenvFile | undefined {
  const path = join(cwd, '.env');
  try {
    const text = readFileSync(path, 'utf8');
    const uid = process.getuid?.();
    return { path, text, ownedByUser: uid === undefined || statSync(path).uid === uid };
  } catch {
    return undefined;
  }
}

/** The process around main: real streams, Ctrl-C to cancel, the exit status. */
export function run(): void {
  const controller = new AbortController();
  const io: CliIo = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stderrIsTty: process.stderr.isTTY === true,
  };
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    controller.abort();
    const { language } = readLanguage(process.env);
    io.stderr(`\n${texts(language).cancelling}\n`);
  });
  main({ argv: process.argv.slice(2), env: process.env, cwd: process.cwd(), io, signal: controller.signal })
    .then((code) => {
      if (process.env.KIVA_SHEETS_REPORT_RSS === '1') {
        io.stderr(`kiva-sheets: max-rss-kb=${process.resourceUsage().maxRSS}\n`);
      }
      process.exitCode = code;
    })
    .catch((e: unknown) => {
      // A bug of ours: said plainly. Rows may have been sent before it, so this is not "nothing done" (2).
      const message = `internal error: ${(e as Error)?.message ?? String(e)}`;
      io.stderr(`kiva-sheets: ${message}\n`);
      if (process.env.KIVA_SHEETS_DEBUG === '1') io.stderr(`${(e as Error)?.stack ?? ''}\n`);
      if (asksForJson(process.argv.slice(2))) io.stdout(jsonLine(errorSummary('internal', message, EXIT.rows)));
      process.exitCode = EXIT.rows;
    });
}
