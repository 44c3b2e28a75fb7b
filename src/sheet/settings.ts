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
  /**
   * recognition: a setting this run took from elsewhere than the workbook's Settings: the command line's environment
   * (`KIVA_CSV_FORMAT=three-column`) or the file itself (a `;` CSV reads decimal commas). The messages it causes say
   * so, instead of sending the user to the pane's Settings.
   */
  settingSources?: Partial<Record<WorkbookSettingName, SettingSource>>;
}

export type SettingSource = { from: 'environment'; variable: string } | { from: 'file' };

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

// recognition: the settings a coordinator changes in the pane's Settings section, saved in the workbook (Office
// document settings, key `KivaSheets.settings`) and read by every face, the command line included.

/** The settings that change how rows are checked, as saved in the workbook. */
export type WorkbookSettings = Partial<
  Pick<SheetSettings, 'decimalSeparator' | 'threeColumn' | 'zeroRepayment' | 'localAmountFloor'>
>;

export type WorkbookSettingName = keyof WorkbookSettings;

export const WORKBOOK_SETTING_NAMES: readonly WorkbookSettingName[] = [
  'decimalSeparator',
  'threeColumn',
  'zeroRepayment',
  'localAmountFloor',
];

/** The document setting's key: under the add-in's own prefix, beside the mappings. */
export const WORKBOOK_SETTINGS_KEY = 'KivaSheets.settings';

/**
 * What a workbook holds (a JSON text, or the object Office gives back), read leniently: a value this version does
 * not know is left out, so the default applies instead of a guess.
 */
export function parseWorkbookSettings(stored: unknown): WorkbookSettings {
  let value = stored;
  for (let k = 0; k < 2 && typeof value === 'string'; k++) {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return {};
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const v = value as Record<string, unknown>;
  const out: WorkbookSettings = {};
  if (v.decimalSeparator === '.' || v.decimalSeparator === ',') out.decimalSeparator = v.decimalSeparator;
  if (typeof v.threeColumn === 'boolean') out.threeColumn = v.threeColumn;
  if (v.zeroRepayment === 'warning' || v.zeroRepayment === 'error') out.zeroRepayment = v.zeroRepayment;
  if (typeof v.localAmountFloor === 'number' && Number.isFinite(v.localAmountFloor) && v.localAmountFloor > 0) {
    out.localAmountFloor = v.localAmountFloor;
  }
  return out;
}

/** The JSON text saved in the workbook: only known settings, in a fixed order. */
export function serialiseWorkbookSettings(settings: WorkbookSettings): string {
  const clean = parseWorkbookSettings(settings);
  const ordered: Record<string, unknown> = {};
  for (const name of WORKBOOK_SETTING_NAMES) if (clean[name] !== undefined) ordered[name] = clean[name];
  return JSON.stringify(ordered);
}

/** Merges layers of partial settings, later ones winning, an undefined value never overriding. */
export function layerSettings<T extends object>(...layers: (Partial<T> | undefined)[]): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const layer of layers) {
    if (layer === undefined) continue;
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) out[key] = value;
  }
  return out as Partial<T>;
}
