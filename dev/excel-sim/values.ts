/**
 * What Excel stores when a value is written through `range.values`: the same parsing as typing into a cell
 * (en-US), because that is where add-ins lose data or inject formulas.
 */
import { simError } from './errors';
import { serialFromDate } from './number-format';

export type CellScalar = number | string | boolean;

/** Excel's error literals; writing one into a non-text cell stores the error, as typing it does. */
export const ERROR_LITERALS = [
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
] as const;

const ERROR_SET = new Map(ERROR_LITERALS.map((e) => [e.toUpperCase(), e]));

export const MAX_CELL_TEXT = 32_767;

/** A write's outcome for one cell: what to store, and the number format Excel picks when the cell had General. */
export interface StoredInput {
  value: CellScalar | undefined;
  error?: boolean;
  formula?: string;
  autoFormat?: string;
}

export const isTextFormat = (numberFormat: string): boolean => numberFormat.trim() === '@';
const isGeneral = (numberFormat: string): boolean => /^\s*general\s*$/i.test(numberFormat) || numberFormat === '';

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A string typed into a General/number cell: number, percent, currency, date or boolean, or undefined. */
function parseTyped(text: string): StoredInput | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const upper = t.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return { value: upper === 'TRUE' };
  let body = t;
  let percent = false;
  let currency = false;
  if (body.endsWith('%')) {
    percent = true;
    body = body.slice(0, -1).trim();
  }
  const negative = body.startsWith('-');
  const unsigned = negative || body.startsWith('+') ? body.slice(1) : body;
  if (unsigned.startsWith('$')) {
    currency = true;
    body = (negative ? '-' : '') + unsigned.slice(1);
  }
  const grouped = GROUPED_NUMBER.test(body);
  if (grouped || PLAIN_NUMBER.test(body)) {
    let n = Number(body.replace(/,/g, ''));
    if (!Number.isFinite(n)) return undefined;
    const decimals = body.includes('.') ? 2 : 0;
    let autoFormat: string | undefined;
    if (percent) {
      n /= 100;
      autoFormat = decimals ? '0.00%' : '0%';
    } else if (currency) autoFormat = decimals ? '$#,##0.00' : '$#,##0';
    else if (grouped) autoFormat = decimals ? '#,##0.00' : '#,##0';
    return { value: n, autoFormat };
  }
  if (percent || currency) return undefined;
  const iso = ISO_DATE.exec(t);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (validDate(y, m, d)) return { value: serialFromDate(y, m, d), autoFormat: 'yyyy-mm-dd' };
  }
  const us = US_DATE.exec(t);
  if (us) {
    const [m, d, y] = [Number(us[1]), Number(us[2]), Number(us[3])];
    if (validDate(y, m, d)) return { value: serialFromDate(y, m, d), autoFormat: 'm/d/yyyy' };
  }
  return undefined;
}

/**
 * One value written through `values` (or typed by a user) into a cell whose number format is `numberFormat`.
 * Returns undefined for `null`/`undefined`, which Excel treats as "leave this cell alone".
 */
export function interpretInput(input: unknown, numberFormat: string): StoredInput | undefined {
  if (input === null || input === undefined) return undefined;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw simError('InvalidArgument', 'Cell values must be finite numbers.');
    return { value: input };
  }
  if (typeof input === 'boolean') return { value: input };
  if (input instanceof Date) return interpretInput(input.toJSON(), numberFormat);
  if (typeof input !== 'string') {
    throw simError('InvalidArgument', `A cell value must be a string, number or boolean, not ${typeof input}.`);
  }
  if (input.length > MAX_CELL_TEXT) {
    throw simError('InvalidArgument', `A cell holds at most ${MAX_CELL_TEXT} characters.`);
  }
  if (input === '') return { value: undefined };
  if (isTextFormat(numberFormat)) return { value: input };
  if (input.startsWith("'")) return { value: input.slice(1) };
  const first = input[0];
  if (first === '=' && input.length > 1) return formulaInput(input);
  const error = ERROR_SET.get(input.trim().toUpperCase());
  if (error) return { value: error, error: true };
  const typed = parseTyped(input);
  if (typed) return isGeneral(numberFormat) ? typed : { value: typed.value };
  // `+`, `-` and `@` start a formula too; that is the injection the add-in must prevent with the `@` format.
  if ((first === '+' || first === '-' || first === '@') && input.trim().length > 1) return formulaInput(`=${input}`);
  return { value: input };
}

function formulaInput(formula: string): StoredInput {
  const result = evaluateFormula(formula);
  return { value: result.value, error: result.error, formula };
}

/**
 * Formulas are stored, not calculated: only constant arithmetic and string literals are evaluated, so `=1+1` reads 2.
 * Anything else (references, functions, names) reads `#NAME?`, which tests can detect next to `formula`.
 */
export function evaluateFormula(formula: string): { value: CellScalar; error?: boolean } {
  const src = formula.startsWith('=') ? formula.slice(1) : formula;
  let i = 0;
  const fail = (code: string): never => {
    throw new FormulaError(code);
  };
  const ws = () => {
    while (src[i] === ' ') i++;
  };
  const primary = (): CellScalar => {
    ws();
    const ch = src[i];
    if (ch === '(') {
      i++;
      const v = concat();
      ws();
      if (src[i] !== ')') fail('#NAME?');
      i++;
      return v;
    }
    if (ch === '-' || ch === '+') {
      i++;
      const v = toNumber(primary());
      return ch === '-' ? -v : v;
    }
    if (ch === '"') {
      let s = '';
      i++;
      while (i < src.length) {
        if (src[i] === '"') {
          if (src[i + 1] === '"') {
            s += '"';
            i += 2;
            continue;
          }
          break;
        }
        s += src[i];
        i++;
      }
      if (src[i] !== '"') fail('#NAME?');
      i++;
      return s;
    }
    const num = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    const word = /^(TRUE|FALSE)\b/i.exec(src.slice(i));
    if (word) {
      i += word[0].length;
      return word[0].toUpperCase() === 'TRUE';
    }
    return fail('#NAME?');
  };
  const power = (): CellScalar => {
    let v = primary();
    ws();
    while (src[i] === '^') {
      i++;
      v = toNumber(v) ** toNumber(primary());
      ws();
    }
    return v;
  };
  const product = (): CellScalar => {
    let v = power();
    ws();
    while (src[i] === '*' || src[i] === '/') {
      const op = src[i];
      i++;
      const rhs = toNumber(power());
      if (op === '/' && rhs === 0) fail('#DIV/0!');
      v = op === '*' ? toNumber(v) * rhs : toNumber(v) / rhs;
      ws();
    }
    return v;
  };
  const sum = (): CellScalar => {
    let v = product();
    ws();
    while (src[i] === '+' || src[i] === '-') {
      const op = src[i];
      i++;
      const rhs = toNumber(product());
      v = op === '+' ? toNumber(v) + rhs : toNumber(v) - rhs;
      ws();
    }
    return v;
  };
  const concat = (): CellScalar => {
    let v = sum();
    ws();
    while (src[i] === '&') {
      i++;
      v = textOf(v) + textOf(sum());
      ws();
    }
    return v;
  };
  try {
    const v = concat();
    ws();
    if (i < src.length) fail('#NAME?');
    if (typeof v === 'number' && !Number.isFinite(v)) fail('#NUM!');
    return { value: v };
  } catch (e) {
    if (e instanceof FormulaError) return { value: e.code, error: true };
    throw e;
  }
}

class FormulaError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

function toNumber(v: CellScalar): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new FormulaError('#VALUE!');
  return n;
}

function textOf(v: CellScalar): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

const NAMED_COLORS: Record<string, string> = {
  black: '#000000',
  white: '#FFFFFF',
  red: '#FF0000',
  green: '#008000',
  lime: '#00FF00',
  blue: '#0000FF',
  yellow: '#FFFF00',
  orange: '#FFA500',
  purple: '#800080',
  pink: '#FFC0CB',
  gray: '#808080',
  grey: '#808080',
  lightgray: '#D3D3D3',
  lightgrey: '#D3D3D3',
  darkgray: '#A9A9A9',
  lightgreen: '#90EE90',
  lightyellow: '#FFFFE0',
  lightblue: '#ADD8E6',
  darkred: '#8B0000',
  darkgreen: '#006400',
  navy: '#000080',
  cyan: '#00FFFF',
  magenta: '#FF00FF',
  brown: '#A52A2A',
  gold: '#FFD700',
};

/** Excel accepts `#RRGGBB`, `#RGB` and HTML colour names, and reads them back as upper-case `#RRGGBB`. */
export function normalizeColor(input: unknown): string {
  if (typeof input !== 'string') throw simError('InvalidArgument', `Invalid colour: ${String(input)}`);
  const text = input.trim();
  const named = NAMED_COLORS[text.toLowerCase()];
  if (named) return named;
  const long = /^#?([0-9a-f]{6})$/i.exec(text);
  if (long) return `#${(long[1] ?? '').toUpperCase()}`;
  const short = /^#([0-9a-f]{3})$/i.exec(text);
  if (short) {
    const [r = '', g = '', b = ''] = (short[1] ?? '').toUpperCase().split('');
    return `#${r}${r}${g}${g}${b}${b}`;
  }
  throw simError('InvalidArgument', `Invalid colour: ${text}`);
}
