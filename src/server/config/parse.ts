import type { ConfigProblem } from './types';

/** Small readers that record a problem instead of throwing, so every bad setting is reported at once. */
export class SettingReader<Name extends string> {
  readonly problems: ConfigProblem[] = [];

  constructor(private readonly values: Partial<Record<Name, string>>) {}

  text(name: Name): string | undefined {
    const value = this.values[name]?.trim();
    return value === '' ? undefined : value;
  }

  /** Items split at commas, semicolons and white space; `entries` keeps the spaces inside an item. */
  list(name: Name): string[] {
    return (this.text(name) ?? '')
      .split(/[\s,;]+/)
      .map((item) => item.trim())
      .filter(Boolean);
  }

  entries(name: Name): string[] {
    return (this.text(name) ?? '')
      .split(/[,;\n]+/)
      .map((item) => item.trim())
      .filter(Boolean);
  }

  integer(name: Name, fallback: number, min: number, max: number): number {
    return this.number(name, fallback, min, max, true);
  }

  number(name: Name, fallback: number, min: number, max: number, integer = false): number {
    const text = this.text(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      this.problem(name, `${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
      return fallback;
    }
    return value;
  }

  flag(name: Name): boolean {
    const text = this.text(name)?.toLowerCase();
    if (text === undefined) return false;
    if (['1', 'true', 'yes', 'on'].includes(text)) return true;
    if (['0', 'false', 'no', 'off'].includes(text)) return false;
    this.problem(name, `${name} must be true or false`);
    return false;
  }

  /** An origin-only http(s) URL, without a trailing slash. */
  origin(name: Name): string | undefined {
    const text = this.text(name);
    if (text === undefined) return undefined;
    try {
      const url = new URL(text);
      if ((url.protocol === 'https:' || url.protocol === 'http:') && (url.pathname === '/' || url.pathname === '')) {
        return url.origin;
      }
    } catch {
      // Reported below.
    }
    this.problem(name, `${name} must be an http(s) address without a path, like https://kiva-sheets.example.org`);
    return undefined;
  }

  problem(setting: string, message: string): void {
    this.problems.push({ setting, message });
  }
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
