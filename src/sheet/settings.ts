/** Per-partner choices that change how cells are read and how requests are cut. */

export type MessageLanguage = 'en' | 'es' | 'fr';

export interface SheetSettings {
  /** How numbers typed as text are read: `1234.5` (`.`) or `1234,5` (`,`). */
  decimalSeparator: '.' | ',';
  /** Rows per repayments call, 1–300 (Kiva: at most 200–300 loans per call). */
  repaymentsPerCall: number;
  /** Journal updates per call, 1–300; 1 by default so each row gets its own confirm_url (as src/kiva does). */
  journalsPerCall: number;
  /** A journals call carries a bare array (Kiva's working sample) or `{"journals":[…]}` (Kiva's docs). */
  journalsBody: 'array' | 'wrapped';
  /** The partner's PA2 profile uses three-column repayment reports: client ids are required and sent. */
  threeColumn: boolean;
  /**
   * A repayment of 0: sent with a warning (Kiva never says it must be positive, and PA2 expects every loan it
   * expects to be reported), or refused as an error when the partner never reports zeros.
   */
  zeroRepayment: 'warning' | 'error';
  /**
   * Kiva's $5 publish minimum in the partner's local currency (no exchange rate is guessed): a loan at or below it
   * gets a warning. Unset: only USD loans are checked.
   */
  localAmountFloor?: number;
  /** Today's date (`YYYY-MM-DD`) in the user's time zone, for the disbursal window; no check without it. */
  today?: string;
  /** The workbook's date system: 1900 (Windows, default) or 1904 (old Mac workbooks). */
  dateSystem: 1900 | 1904;
  /** Language of the texts written back into the workbook. */
  language: MessageLanguage;
  /**
   * Skip rows whose `Kiva status` says they were already sent to this environment (or whose outcome is
   * uncertain), unless `resend` is set.
   */
  alreadySent?: { environment: string; resend?: boolean };
}

export const DEFAULT_SETTINGS: SheetSettings = {
  decimalSeparator: '.',
  repaymentsPerCall: 250,
  journalsPerCall: 1,
  journalsBody: 'array',
  threeColumn: false,
  zeroRepayment: 'warning',
  dateSystem: 1900,
  language: 'en',
};

/** Fills in defaults and brings out-of-range numbers back inside their limits. */
export function resolveSettings(partial: Partial<SheetSettings> = {}): SheetSettings {
  const merged: SheetSettings = { ...DEFAULT_SETTINGS, ...stripUndefined(partial) };
  merged.repaymentsPerCall = clampCount(merged.repaymentsPerCall, DEFAULT_SETTINGS.repaymentsPerCall);
  merged.journalsPerCall = clampCount(merged.journalsPerCall, DEFAULT_SETTINGS.journalsPerCall);
  if (merged.decimalSeparator !== ',') merged.decimalSeparator = '.';
  if (merged.dateSystem !== 1904) merged.dateSystem = 1900;
  if (merged.language !== 'es' && merged.language !== 'fr') merged.language = 'en';
  if (merged.journalsBody !== 'wrapped') merged.journalsBody = 'array';
  if (merged.zeroRepayment !== 'error') merged.zeroRepayment = 'warning';
  return merged;
}

function clampCount(value: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(300, Math.max(1, Math.floor(value)));
}

function stripUndefined(partial: Partial<SheetSettings>): Partial<SheetSettings> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(partial)) if (value !== undefined) out[key] = value;
  return out as Partial<SheetSettings>;
}
