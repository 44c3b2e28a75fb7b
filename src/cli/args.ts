/** The command line's arguments: a command, at most one file, and options (see USAGE in texts.ts). */
import { parseArgs } from 'node:util';
import type { SheetKind } from '../sheet';

export type Command = 'validate' | 'preview' | 'send' | 'loans' | 'lists' | 'doctor';

export interface Args {
  command: Command;
  file?: string;
  sheet?: string;
  kind?: Exclude<SheetKind, 'schedule'>;
  env?: string;
  confirmProduction: boolean;
  resend: boolean;
  /** Repayment report period `YYYY-MM` (the guard key of repayments); default: the month before today. */
  period?: string;
  out?: string;
  mark: boolean;
  status?: string;
  query?: string;
  json: boolean;
}

export type Parsed =
  { kind: 'run'; args: Args } | { kind: 'help' } | { kind: 'version' } | { kind: 'usage'; problem: string };

const COMMANDS: readonly Command[] = ['validate', 'preview', 'send', 'loans', 'lists', 'doctor'];
const KINDS = ['loans', 'repayments', 'journals'] as const;

/** Which options each command takes; anything else is a usage error rather than silently ignored. */
const ALLOWED: Record<Command, readonly string[]> = {
  validate: ['sheet', 'kind', 'env', 'out', 'mark', 'period', 'json'],
  preview: ['sheet', 'kind', 'env', 'resend', 'period', 'json'],
  send: ['sheet', 'kind', 'env', 'confirm-production', 'resend', 'period', 'out', 'json'],
  loans: ['out', 'status', 'query', 'env', 'json'],
  lists: ['out', 'env', 'json'],
  // protocol: the connection check reads only, and writes no file.
  doctor: ['env', 'json'],
};

export function parseCommandLine(argv: readonly string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        sheet: { type: 'string' },
        kind: { type: 'string' },
        env: { type: 'string' },
        'confirm-production': { type: 'boolean' },
        resend: { type: 'boolean' },
        period: { type: 'string' },
        out: { type: 'string' },
        mark: { type: 'boolean' },
        status: { type: 'string' },
        query: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (e) {
    return { kind: 'usage', problem: (e as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { kind: 'help' };
  if (values.version === true) return { kind: 'version' };
  const [name, ...files] = positionals;
  if (name === undefined) return { kind: 'usage', problem: 'no command given' };
  const command = COMMANDS.find((c) => c === name);
  if (command === undefined) return { kind: 'usage', problem: `unknown command “${name}”` };
  const given = Object.keys(values).filter((k) => values[k as keyof typeof values] !== undefined);
  const refused = given.find((option) => !ALLOWED[command].includes(option));
  if (refused !== undefined) return { kind: 'usage', problem: `${command} takes no --${refused}` };

  const needsFile = command === 'validate' || command === 'preview' || command === 'send';
  if (needsFile && files.length !== 1) return { kind: 'usage', problem: `${command} takes one workbook file` };
  if (command === 'doctor' && files.length > 0) return { kind: 'usage', problem: 'doctor takes no file' };
  if (!needsFile && files.length > 0) return { kind: 'usage', problem: `${command} takes no file; use --out` };
  const writesFile = command === 'loans' || command === 'lists';
  if (writesFile && values.out === undefined) return { kind: 'usage', problem: `${command} needs --out FILE` };
  if (values.mark === true && command !== 'validate') return { kind: 'usage', problem: '--mark is for validate' };
  if (command === 'validate' && values.out !== undefined && values.mark !== true) {
    return { kind: 'usage', problem: 'validate writes nothing without --mark' };
  }

  const kind = values.kind === undefined ? undefined : KINDS.find((k) => k === values.kind);
  if (values.kind !== undefined && kind === undefined) {
    return { kind: 'usage', problem: `--kind must be loans, repayments or journals, not “${values.kind}”` };
  }
  if (values.period !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.period)) {
    return { kind: 'usage', problem: `--period must be a month as YYYY-MM (2026-11), not “${values.period}”` };
  }
  const args: Args = {
    command,
    confirmProduction: values['confirm-production'] === true,
    resend: values.resend === true,
    mark: values.mark === true,
    json: values.json === true,
  };
  if (files[0] !== undefined) args.file = files[0];
  if (values.sheet !== undefined) args.sheet = values.sheet;
  if (kind !== undefined) args.kind = kind;
  if (values.env !== undefined) args.env = values.env;
  if (values.out !== undefined) args.out = values.out;
  if (values.period !== undefined) args.period = values.period;
  if (values.status !== undefined) args.status = values.status;
  if (values.query !== undefined) args.query = values.query;
  return { kind: 'run', args };
}
