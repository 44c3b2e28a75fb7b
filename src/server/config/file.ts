import { readFileSync, statSync } from 'node:fs';
import { isSettingName, type SettingValues } from './names';
import type { ConfigProblem } from './types';

/**
 * A file that holds secrets must be private to the server's user: a group- or world-readable one is refused rather
 * than used, so a careless `cp` cannot quietly expose Kiva's client secret. Windows has no such mode bits.
 */
export function checkPrivateFile(path: string, setting: string, platform: NodeJS.Platform): ConfigProblem | undefined {
  if (platform === 'win32') return undefined;
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    return { setting, message: `cannot read ${path}: ${reasonOf(error)}` };
  }
  if ((mode & 0o077) === 0) return undefined;
  const octal = (mode & 0o777).toString(8).padStart(3, '0');
  return {
    setting,
    message: `${path} is readable or writable by other users (mode ${octal}); it holds secrets: run chmod 600 ${path}`,
  };
}

/** The settings file: a JSON object whose keys are setting names; lists may be JSON arrays. */
export function readSettingsFile(
  path: string,
  platform: NodeJS.Platform,
): { values: SettingValues; problems: ConfigProblem[] } {
  const setting = 'KIVA_SHEETS_CONFIG';
  const unsafe = checkPrivateFile(path, setting, platform);
  if (unsafe) return { values: {}, problems: [unsafe] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { values: {}, problems: [{ setting, message: `${path} is not valid JSON: ${reasonOf(error)}` }] };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { values: {}, problems: [{ setting, message: `${path} must hold a JSON object of settings` }] };
  }
  const values: SettingValues = {};
  const problems: ConfigProblem[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (!isSettingName(key)) {
      problems.push({ setting: key, message: `${path}: unknown setting ${key}` });
      continue;
    }
    const text = asSettingText(value);
    if (text === undefined)
      problems.push({ setting: key, message: `${path}: ${key} must be a string, number or list` });
    else if (text.trim() !== '') values[key] = text;
  }
  return { values, problems };
}

function asSettingText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(',');
  return undefined;
}

/** The reason only: some errors quote the bytes they failed on, and those bytes may be a secret. */
function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof SyntaxError ? 'syntax error' : 'unreadable';
}
