/**
 * Display text for a value under a number format: enough of Excel's rules for what a loan sheet holds (General,
 * text, fixed decimals, thousands, percent, currency literals, dates and times). Unknown formats fall back to General.
 */

const DAY_MS = 86_400_000;
const BASE_1899_12_31 = Date.UTC(1899, 11, 31);

/** Excel's 1900 date system, including its fictitious 1900-02-29 (serial 60). */
export function serialFromDate(year: number, month: number, day: number): number {
  const days = Math.round((Date.UTC(year, month - 1, day) - BASE_1899_12_31) / DAY_MS);
  return days >= 60 ? days + 1 : days;
}

/** A JS Date → serial, read in UTC so a test's `new Date('2024-01-05')` is the 5th everywhere. */
export function serialFromJsDate(date: Date): number {
  const ms = date.getTime();
  const dayStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const whole = serialFromDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  return whole + (ms - dayStart) / DAY_MS;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function partsFromSerial(serial: number): DateParts {
  let whole = Math.floor(serial);
  let fraction = serial - whole;
  let totalSeconds = Math.round(fraction * 86_400);
  if (totalSeconds >= 86_400) {
    whole += 1;
    totalSeconds = 0;
  }
  fraction = totalSeconds;
  const hours = Math.floor(fraction / 3600);
  const minutes = Math.floor((fraction % 3600) / 60);
  const seconds = fraction % 60;
  if (whole === 60) return { year: 1900, month: 2, day: 29, weekday: 3, hours, minutes, seconds };
  const days = whole > 60 ? whole - 1 : whole;
  const d = new Date(BASE_1899_12_31 + days * DAY_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hours,
    minutes,
    seconds,
  };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Excel's General: up to 11 characters, then scientific notation. */
export function formatGeneral(n: number): string {
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e11 || abs < 1e-9) {
    const [mantissa = '0', exponent = '0'] = n.toExponential(5).split('e');
    const m = mantissa.replace(/\.?0+$/, '');
    const e = Number(exponent);
    return `${m}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (Number.isInteger(n)) return String(n);
  const intDigits = Math.max(1, Math.floor(Math.log10(abs)) + 1);
  const decimals = Math.max(0, 10 - intDigits - (n < 0 ? 1 : 0));
  return String(Number(n.toFixed(Math.min(decimals, 20))));
}

/** Splits off the first section of `pos;neg;zero;text` formats, ignoring `;` inside quotes. */
function sections(format: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i] ?? '';
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted) {
      current += ch + (format[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === ';' && !quoted) {
      out.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  out.push(current);
  return out;
}

/** Removes quoted literals, escapes, colours and conditions so tokens can be recognised. */
function stripLiterals(section: string): string {
  return section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_./g, '')
    .replace(/\*./g, '');
}

export function isDateFormat(format: string): boolean {
  const first = stripLiterals(sections(format)[0] ?? '');
  return /[dmyhs]/i.test(first) && !/^[#0.,%\s]*$/.test(first);
}

function formatDate(serial: number, section: string): string {
  if (serial < 0) return '#'.repeat(10);
  const p = partsFromSerial(serial);
  const hasAmPm = /AM\/PM|A\/P/i.test(section);
  let out = '';
  let i = 0;
  let lastWasHour = false;
  while (i < section.length) {
    const rest = section.slice(i);
    const ch = section[i] ?? '';
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      out += section.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? section.length : end + 1;
      continue;
    }
    if (ch === '\\') {
      out += section[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (ch === '[') {
      const end = section.indexOf(']', i);
      i = end < 0 ? section.length : end + 1;
      continue;
    }
    const ampm = /^(AM\/PM|A\/P)/i.exec(rest);
    if (ampm) {
      const pm = p.hours >= 12;
      out += ampm[0].length === 5 ? (pm ? 'PM' : 'AM') : pm ? 'P' : 'A';
      i += ampm[0].length;
      continue;
    }
    const run = /^(y+|m+|d+|h+|s+)/i.exec(rest);
    if (run) {
      const token = run[0].toLowerCase();
      const kind = token[0];
      const len = token.length;
      if (kind === 'y') out += len <= 2 ? String(p.year % 100).padStart(2, '0') : String(p.year);
      else if (kind === 'd') {
        if (len === 1) out += String(p.day);
        else if (len === 2) out += String(p.day).padStart(2, '0');
        else if (len === 3) out += (DAYS[p.weekday] ?? '').slice(0, 3);
        else out += DAYS[p.weekday] ?? '';
      } else if (kind === 'h') {
        const h = hasAmPm ? p.hours % 12 || 12 : p.hours;
        out += len === 1 ? String(h) : String(h).padStart(2, '0');
      } else if (kind === 's') out += len === 1 ? String(p.seconds) : String(p.seconds).padStart(2, '0');
      else {
        // `m` means minutes right after an hour or right before seconds, months otherwise.
        const after = section.slice(i + len).replace(/^[^a-zA-Z]*/, '');
        const minutes = len <= 2 && (lastWasHour || /^s/i.test(after));
        if (minutes) out += len === 1 ? String(p.minutes) : String(p.minutes).padStart(2, '0');
        else if (len === 1) out += String(p.month);
        else if (len === 2) out += String(p.month).padStart(2, '0');
        else if (len === 3) out += (MONTHS[p.month - 1] ?? '').slice(0, 3);
        else if (len === 5) out += (MONTHS[p.month - 1] ?? '').slice(0, 1);
        else out += MONTHS[p.month - 1] ?? '';
      }
      lastWasHour = kind === 'h';
      i += len;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function withThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatNumber(n: number, section: string, negativeSection: boolean): string {
  const core = stripLiterals(section);
  const numeric = /[0#?][0#?,.]*%?|%/.exec(core);
  if (!numeric) return section.replace(/"([^"]*)"/g, '$1');
  const spec = numeric[0];
  const percent = /%/.test(core);
  const percentInSpec = spec.endsWith('%');
  const thousands = /[0#?],[0#?]/.test(spec);
  const dot = spec.indexOf('.');
  const decimals = dot < 0 ? 0 : (spec.slice(dot + 1).match(/[0#?]/g) ?? []).length;
  const minInt = dot < 0 ? (spec.match(/0/g) ?? []).length : (spec.slice(0, dot).match(/0/g) ?? []).length;
  let value = Math.abs(n) * (percent ? 100 : 1);
  value = Number(value.toFixed(decimals));
  const [whole = '0', frac = ''] = value.toFixed(decimals).split('.');
  let intPart = whole;
  if (intPart === '0' && minInt === 0) intPart = '';
  intPart = intPart.padStart(minInt, '0');
  if (thousands) intPart = withThousands(intPart);
  const body = (decimals > 0 ? `${intPart}.${frac}` : intPart) + (percentInSpec ? '%' : '');
  // Literal text around the numeric part (currency symbols, quoted units) stays where it was.
  const start = section.indexOf(spec[0] ?? '');
  let prefix = start >= 0 ? section.slice(0, start) : '';
  const endIndex = section.lastIndexOf(spec[spec.length - 1] ?? '');
  let suffix = endIndex >= 0 ? section.slice(endIndex + 1) : '';
  prefix = prefix
    .replace(/"([^"]*)"/g, '$1')
    .replace(/\\(.)/g, '$1')
    .replace(/\[\$([^-\]]*)[^\]]*\]/g, '$1');
  suffix = suffix.replace(/"([^"]*)"/g, '$1').replace(/\\(.)/g, '$1');
  if (percent && !percentInSpec && !suffix.includes('%')) suffix += '%';
  const sign = n < 0 && !negativeSection && value !== 0 ? '-' : '';
  return `${sign}${prefix}${body}${suffix}`;
}

/** The `text` Excel shows for a stored value. */
export function displayText(value: number | string | boolean | undefined, numberFormat: string): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') {
    const textSection = sections(numberFormat)[3];
    return textSection !== undefined && textSection.includes('@') ? textSection.replace(/@/g, value) : value;
  }
  if (!Number.isFinite(value)) return '#NUM!';
  const format = numberFormat.trim();
  if (format === '' || /^general$/i.test(format) || format === '@') return formatGeneral(value);
  const parts = sections(format);
  let section = parts[0] ?? '';
  let negativeSection = false;
  if (value < 0 && parts[1] !== undefined && parts[1] !== '') {
    section = parts[1];
    negativeSection = true;
  } else if (value === 0 && parts[2] !== undefined) section = parts[2];
  if (/^general$/i.test(stripLiterals(section).trim())) return formatGeneral(value);
  if (isDateFormat(section)) return formatDate(value, section);
  return formatNumber(value, section, negativeSection);
}
