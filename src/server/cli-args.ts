import type { SettingValues } from './config/names';

export interface ServeArguments {
  overrides: SettingValues;
  configFile?: string;
  help: boolean;
  /** `--health-check`: ask the running server instead of starting one. */
  healthCheck: boolean;
  problems: string[];
}

const FLAGS: Record<string, keyof SettingValues> = {
  '--env': 'KIVA_SHEETS_ENVIRONMENTS',
  '--port': 'PORT',
  '--host': 'KIVA_SHEETS_HOST',
  '--db': 'KIVA_SHEETS_DB',
  '--public-url': 'KIVA_SHEETS_PUBLIC_URL',
};

/** `--env stage`, `--env=stage,production`, `--config file`, `--port 3000`… */
export function parseServeArguments(argv: readonly string[]): ServeArguments {
  const result: ServeArguments = { overrides: {}, help: false, healthCheck: false, problems: [] };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--help' || arg === '-h') {
      result.help = true;
      continue;
    }
    if (arg === '--health-check') {
      result.healthCheck = true;
      continue;
    }
    const [flag = '', inline] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg) : [arg, undefined];
    const value = inline ?? argv[index + 1];
    if (flag !== '--config' && !(flag in FLAGS)) {
      result.problems.push(flag.startsWith('-') ? `unknown option ${flag}` : `unexpected argument ${flag}`);
      continue;
    }
    if (value === undefined || value.startsWith('--')) {
      result.problems.push(`${flag} needs a value`);
      continue;
    }
    if (inline === undefined) index++;
    if (flag === '--config') result.configFile = value;
    else result.overrides[FLAGS[flag] as keyof SettingValues] = value;
  }
  return result;
}

function splitOnce(arg: string): [string, string] {
  const at = arg.indexOf('=');
  return [arg.slice(0, at), arg.slice(at + 1)];
}

export const SERVE_USAGE = `Usage: kiva-sheets-server [--env stage|production|stage,production] [--config FILE] [--port N]
                          [--host ADDRESS] [--db FILE] [--public-url URL]
       kiva-sheets-server --health-check [--config FILE] [--port N] [--host ADDRESS]
       (in a checkout of the repository: npm run serve -- [options])

Runs the Kiva Sheets server against real Kiva. Credentials come from KIVA_STAGE_CLIENT_ID / KIVA_STAGE_CLIENT_SECRET
(and KIVA_PRODUCTION_…) or from a settings file readable only by you (chmod 600). See docs/server.md.

--health-check asks the server these settings describe, on this machine, for /api/health: exit 0 when it answers
"ok", 1 otherwise (the container's HEALTHCHECK; docs/deploy.md).`;
