/**
 * `kiva-sheets`: the command line face. It reads its configuration, opens the file, calls a src/app use case
 * with an exceljs/CSV Workbook port and src/kiva, and turns the result into text and an exit status.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandLine, type Command } from './args';
import { previewCommand, validateCommand } from './commands/check';
import { EXIT, type Context } from './commands/context';
import { listsCommand, loansCommand } from './commands/kiva-lists';
import { sendCommand } from './commands/send';
import { mergeEnv, readConfig, readLanguage, type Env } from './config';
import { createKiva } from './kiva';
import { createOutput, type CliIo } from './output';
import { texts, USAGE } from './texts';

export interface Process {
  argv: readonly string[];
  env: Env;
  cwd: string;
  io: CliIo;
  /** Fires when the user asks to stop (Ctrl-C). */
  signal: AbortSignal;
}

export async function main(proc: Process): Promise<number> {
  const parsed = parseCommandLine(proc.argv);
  if (parsed.kind === 'help') {
    proc.io.stdout(USAGE);
    return EXIT.ok;
  }
  if (parsed.kind === 'version') {
    proc.io.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  if (parsed.kind === 'usage') {
    proc.io.stderr(`kiva-sheets: ${parsed.problem}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const env = mergeEnv(proc.env, readDotenv(proc.cwd));
  const { config, problems } = readConfig(env, parsed.args.env);
  if (config === undefined) {
    for (const problem of problems) proc.io.stderr(`kiva-sheets: ${problem}\n`);
    return EXIT.usage;
  }
  const kiva = createKiva(config);
  const ctx: Context = {
    args: parsed.args,
    config,
    kiva,
    output: createOutput(proc.io, config.language, kiva.redact),
    t: texts(config.language),
    signal: proc.signal,
  };
  if (needsCredentials(parsed.args.command) && config.credentials === undefined) {
    ctx.output.err(`kiva-sheets: ${texts(config.language).config.credentials}`);
    return EXIT.usage;
  }
  return COMMANDS[parsed.args.command](ctx);
}

const COMMANDS: Record<Command, (ctx: Context) => Promise<number>> = {
  validate: validateCommand,
  preview: previewCommand,
  send: sendCommand,
  loans: loansCommand,
  lists: listsCommand,
};

/** validate and preview work offline when the workbook holds its lists; the others always speak to Kiva. */
function needsCredentials(command: Command): boolean {
  return command === 'send' || command === 'loans' || command === 'lists';
}

function readDotenv(cwd: string): string | undefined {
  try {
    return readFileSync(join(cwd, '.env'), 'utf8');
  } catch {
    return undefined;
  }
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
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
      io.stderr(`kiva-sheets: internal error: ${(e as Error)?.message ?? String(e)}\n`);
      if (process.env.KIVA_SHEETS_DEBUG === '1') io.stderr(`${(e as Error)?.stack ?? ''}\n`);
      process.exitCode = EXIT.rows;
    });
}
