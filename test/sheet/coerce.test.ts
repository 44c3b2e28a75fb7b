import { daysFromIso, excelErrorOf, isDateFormat, isoFromDays, parseNumberText, serialToIso } from '../../src/sheet';
import { readDate } from '../../src/sheet/coerce/dates';
import { readId } from '../../src/sheet/coerce/ids';
import { zeroPadWidth } from '../../src/sheet/coerce/number-formats';
import { readMoney } from '../../src/sheet/coerce/numbers';
import { INVALID, type CellSink } from '../../src/sheet/coerce/sink';
import { readText } from '../../src/sheet/coerce/text';
import { readYesNo } from '../../src/sheet/coerce/yes-no';
import { readGender, usesHombreLetter } from '../../src/sheet/gender';
import type { IssueCode } from '../../src/sheet';

/** Collects what a reader reports, as `code` or `code:severity` strings. */
function sink(): CellSink & { codes: string[] } {
  const codes: string[] = [];
  return {
    codes,
    report: (code: IssueCode, severity) => {
      codes.push(severity === 'warning' ? `${code}:warning` : code);
    },
  };
}

describe('Excel serial dates', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [36526, '2000-01-01'],
    [46354, '2026-11-28'],
    [46354.99, '2026-11-28'],
    [2958465, '9999-12-31'],
  ])('%d → %s', (serial, iso) => {
    expect(serialToIso(serial)).toBe(iso);
  });

  it('serial 60 is the fictitious 1900-02-29', () => {
    expect(serialToIso(60)).toBe('fictitious');
  });

  it.each([0, -1, 2958466, Number.NaN, Number.POSITIVE_INFINITY])('%d is no date', (serial) => {
    expect(serialToIso(serial)).toBeUndefined();
  });

  it('knows the 1904 date system', () => {
    expect(serialToIso(0, 1904)).toBe('1904-01-01');
    expect(serialToIso(44892, 1904)).toBe('2026-11-28');
  });

  it('never goes through a Date or a time zone: days and ISO strings round-trip', () => {
    for (let days = -719162; days < 2932897; days += 997) {
      const iso = isoFromDays(days);
      expect(daysFromIso(iso)).toBe(days);
    }
  });
});

describe('date cells', () => {
  const read = (value: unknown, format?: string, formatsKnown = true) => {
    const s = sink();
    return { value: readDate(value, format, formatsKnown, s, 1900), codes: s.codes };
  };

  it.each<[unknown, string | undefined, string, string[]]>([
    [46354, 'yyyy-mm-dd', '2026-11-28', []],
    [46354, 'dd/mm/yyyy', '2026-11-28', []],
    [46354, '[$-es-PE]d" de "mmmm" de "yyyy', '2026-11-28', []],
    ['2026-11-28', undefined, '2026-11-28', []],
    [' 2026-3-4 ', undefined, '2026-03-04', []],
    ['2024-02-29', undefined, '2024-02-29', []],
    [46354, 'General', '2026-11-28', ['date-from-number:warning']],
    [46354, '0.00', '2026-11-28', ['date-from-number:warning']],
  ])('%j (%s) → %s', (value, format, iso, codes) => {
    expect(read(value, format)).toEqual({ value: iso, codes });
  });

  it('takes a number as a serial without warning when the adapter gave no formats', () => {
    expect(read(46354, undefined, false)).toEqual({ value: '2026-11-28', codes: [] });
  });

  it('reads exceljs dates by their UTC calendar day', () => {
    expect(read(new Date(Date.UTC(2026, 10, 28)))).toEqual({ value: '2026-11-28', codes: [] });
    expect(read(new Date(Number.NaN)).codes).toEqual(['date-format']);
  });

  it.each<[unknown, string]>([
    ['03/04/2026', 'date-format'],
    ['3/4/26', 'date-format'],
    ['2026/03/04', 'date-format'],
    ['4 March 2026', 'date-format'],
    ['2026-03-04T10:00:00Z', 'date-format'],
    ['2026-02-30', 'date-invalid'],
    ['2025-02-29', 'date-invalid'],
    ['2026-13-01', 'date-invalid'],
    [60, 'date-fictitious'],
    [0, 'date-out-of-range'],
    [-5, 'date-out-of-range'],
    [20260304, 'date-out-of-range'],
    [true, 'date-format'],
  ])('%j → %s', (value, code) => {
    expect(read(value, 'yyyy-mm-dd')).toEqual({ value: INVALID, codes: [code] });
  });
});

describe('number formats', () => {
  it.each([
    ['yyyy-mm-dd', true],
    ['dd/mm/yyyy hh:mm', true],
    ['[h]:mm:ss', true],
    ['d-mmm', true],
    ['dd/mm/aaaa', true],
    ['General', false],
    ['0.00', false],
    ['#,##0.00 "días"', false],
    ['[Red]#,##0.00;[Blue]-#,##0.00', false],
    ['_-* #,##0.00\\ [$€-40C]_-', false],
    ['0.00E+00', false],
    ['@', false],
  ])('%s is a date format: %s', (format, date) => {
    expect(isDateFormat(format)).toBe(date);
  });

  it('knows zero-padding formats', () => {
    expect(zeroPadWidth('000000')).toBe(6);
    expect(zeroPadWidth('0')).toBe(1);
    expect(zeroPadWidth('0.00')).toBe(0);
  });
});

describe('numbers typed as text', () => {
  it.each<[string, '.' | ',', ReturnType<typeof parseNumberText>]>([
    ['1234.5', '.', 1234.5],
    ['+25', '.', 25],
    ['-3.5', '.', -3.5],
    ['.5', '.', 0.5],
    ['1,234.50', '.', 1234.5],
    ['1,234,567', '.', 1234567],
    ['1 234.50', '.', 1234.5],
    ['1\u00a0234.50', '.', 1234.5],
    ['1,234', '.', 'number-ambiguous'],
    ['1.234,50', '.', 'number-wrong-separator'],
    ['1234,5', '.', 'number-wrong-separator'],
    ['1 234,50', '.', 'number-wrong-separator'],
    ['1234,5', ',', 1234.5],
    ['1.234,50', ',', 1234.5],
    ['1 234,50', ',', 1234.5],
    ['1\u202f234,50', ',', 1234.5],
    ['1.234.567', ',', 1234567],
    ['1.234', ',', 'number-ambiguous'],
    ['1,234.50', ',', 'number-wrong-separator'],
    ['1e5', '.', 'not-a-number'],
    ['$25', '.', 'not-a-number'],
    ['25%', '.', 'not-a-number'],
    ['=1+1', '.', 'not-a-number'],
    ['+SUM(A1)', '.', 'not-a-number'],
    ['12,34,567', '.', 'not-a-number'],
    ['', '.', 'not-a-number'],
  ])('%j with %s → %j', (text, separator, expected) => {
    expect(parseNumberText(text, separator)).toBe(expected);
  });
});

describe('amounts', () => {
  const read = (value: unknown, separator: '.' | ',' = '.', allowZero = false) => {
    const s = sink();
    return { value: readMoney(value, s, separator, allowZero), codes: s.codes };
  };

  it.each<[unknown, number]>([
    [25, 25],
    [25.01, 25.01],
    [0.1 + 0.2, 0.3],
    [1234567.89, 1234567.89],
    ['1,234.50', 1234.5],
    [' 25 ', 25],
  ])('%j → %d', (value, amount) => {
    expect(read(value)).toEqual({ value: amount, codes: [] });
  });

  it.each<[unknown, string]>([
    [0, 'amount-not-positive'],
    [-5, 'amount-not-positive'],
    [25.005, 'too-many-decimals'],
    [1 / 3, 'too-many-decimals'],
    [true, 'not-a-number'],
    [false, 'not-a-number'],
    [new Date(0), 'not-a-number'],
    ['abc', 'not-a-number'],
    [Number.NaN, 'not-a-number'],
  ])('%j → %s', (value, code) => {
    expect(read(value)).toEqual({ value: INVALID, codes: [code] });
  });

  it('allows zero, not less, where zero makes sense (schedule)', () => {
    expect(read(0, '.', true)).toEqual({ value: 0, codes: [] });
    expect(read(-1, '.', true)).toEqual({ value: INVALID, codes: ['number-negative'] });
  });
});

describe('ids', () => {
  const read = (value: unknown, format?: string) => {
    const s = sink();
    return { value: readId(value, format, s), codes: s.codes };
  };

  it.each<[unknown, string | undefined, string, string[]]>([
    ['001042', '@', '001042', []],
    ['  001042 ', undefined, '001042', []],
    [1042970, 'General', '1042970', []],
    [1042970, '0.00E+00', '1042970', []],
    [123456789012345, 'General', '123456789012345', []],
    [1042, '000000', '001042', []],
    ['1e5', undefined, '1e5', []],
    ['1042970.0', undefined, '1042970.0', []],
    ['=1+1', undefined, '=1+1', ['formula-like-text:warning']],
    ['-42', undefined, '-42', []],
  ])('%j (%s) → %j', (value, format, id, codes) => {
    expect(read(value, format)).toEqual({ value: id, codes });
  });

  it.each<[unknown, string | undefined, string]>([
    [1042970.5, undefined, 'id-not-integer'],
    [1234567890123456, undefined, 'id-precision-lost'],
    [1.23457e15, '0.00E+00', 'id-precision-lost'],
    [true, undefined, 'expected-text'],
    [46354, 'yyyy-mm-dd', 'expected-text'],
    ['x'.repeat(256), undefined, 'text-too-long'],
  ])('%j → %s', (value, format, code) => {
    expect(read(value, format)).toEqual({ value: INVALID, codes: [code] });
  });
});

describe('text', () => {
  const read = (value: unknown, max = 255, format?: string) => {
    const s = sink();
    return { value: readText(value, format, s, max), codes: s.codes };
  };

  it.each<[unknown, string, string[]]>([
    ['  María José  ', 'María José', []],
    ['Ñuñez 👩🏽‍🌾', 'Ñuñez 👩🏽‍🌾', []],
    ['Ana\nLópez', 'Ana\nLópez', []],
    [42, '42', []],
    [0.1 + 0.2, '0.3', []],
    ['=1+1', '=1+1', ['formula-like-text:warning']],
    ['+SUM(A1)', '+SUM(A1)', ['formula-like-text:warning']],
    ['@cmd', '@cmd', ['formula-like-text:warning']],
    ['- bought goods', '- bought goods', []],
  ])('%j → %j', (value, text, codes) => {
    expect(read(value)).toEqual({ value: text, codes });
  });

  it('keeps 40,000 characters of story, with a warning', () => {
    const story = 'a'.repeat(40000);
    expect(read(story, 32767)).toEqual({ value: story, codes: ['text-very-long:warning'] });
  });

  it('refuses a name longer than the field allows', () => {
    expect(read('a'.repeat(300))).toEqual({ value: INVALID, codes: ['text-too-long'] });
  });

  it.each<[unknown, string | undefined]>([
    [true, undefined],
    [46354, 'dd/mm/yyyy'],
  ])('%j (%s) is not text', (value, format) => {
    expect(read(value, 255, format)).toEqual({ value: INVALID, codes: ['expected-text'] });
  });
});

describe('yes/no', () => {
  it.each<[unknown, boolean]>([
    [true, true],
    [false, false],
    ['TRUE', true],
    ['false', false],
    ['yes', true],
    ['No', false],
    ['sí', true],
    ['SI', true],
    ['oui', true],
    ['non', false],
    ['VRAI', true],
    ['FAUX', false],
    ['verdadero', true],
    ['FALSO', false],
    [1, true],
    [0, false],
    ['1', true],
    ['0', false],
    ['x', true],
    [' X ', true],
  ])('%j → %s', (value, expected) => {
    const s = sink();
    expect(readYesNo(value, s)).toBe(expected);
    expect(s.codes).toEqual([]);
  });

  it.each<unknown>(['maybe', 2, 'ok', new Date(0)])('%j is neither', (value) => {
    const s = sink();
    expect(readYesNo(value, s)).toBe(INVALID);
    expect(s.codes).toEqual(['yesno-invalid']);
  });
});

describe('gender', () => {
  it.each<[string, string]>([
    ['M', 'male'],
    ['F', 'female'],
    ['male', 'male'],
    ['Female', 'female'],
    ['hombre', 'male'],
    ['Mujer', 'female'],
    ['masculino', 'male'],
    ['Femenino', 'female'],
    ['homme', 'male'],
    ['Femme', 'female'],
    ['H', 'male'],
    ['Masculin', 'male'],
    ['féminin', 'female'],
    ['varón', 'male'],
  ])('%s → %s', (value, gender) => {
    const s = sink();
    expect(readGender(value, s, false)).toBe(gender);
    expect(s.codes).toEqual([]);
  });

  it('does not guess M in a column that uses H (hombre/mujer)', () => {
    expect(usesHombreLetter(['H', 'M', 'F'])).toBe(true);
    expect(usesHombreLetter(['M', 'F', 'hombre'])).toBe(false);
    const s = sink();
    expect(readGender('M', s, true)).toBe(INVALID);
    expect(s.codes).toEqual(['gender-ambiguous']);
  });

  it.each<unknown>(['unknown', 'other', 'Desconocido', 'inconnu', 'N/A'])('%j is left out with a warning', (value) => {
    const s = sink();
    expect(readGender(value, s, false)).toBeUndefined();
    expect(s.codes).toEqual(['gender-not-given:warning']);
  });

  it.each<unknown>(['X', 'zz', 1, true])('%j is reported', (value) => {
    const s = sink();
    expect(readGender(value, s, false)).toBe(INVALID);
    expect(s.codes).toEqual(['gender-invalid']);
  });
});

describe('Excel errors', () => {
  const codes = [
    '#N/A',
    '#VALUE!',
    '#REF!',
    '#DIV/0!',
    '#NAME?',
    '#NULL!',
    '#NUM!',
    '#SPILL!',
    '#CALC!',
    '#GETTING_DATA',
  ];
  it.each(codes)('recognises %s from Office.js and from exceljs', (code) => {
    expect(excelErrorOf(code)).toBe(code);
    expect(excelErrorOf({ error: code })).toBe(code);
  });

  it('does not mistake ordinary text for an error', () => {
    expect(excelErrorOf('#1 client')).toBeUndefined();
    expect(excelErrorOf('N/A')).toBeUndefined();
    expect(excelErrorOf(42)).toBeUndefined();
  });
});
