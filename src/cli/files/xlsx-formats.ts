/**
 * The number formats an `.xlsx` file names by id only (ECMA-376 Part 1, §18.8.30): the file stores no code for
 * them. Which of them are dates is the sheet core's decision (src/sheet/coerce/number-formats.ts), as for any
 * format; this table only gives each id its code.
 */
const BUILTIN: Readonly<Record<string, string>> = {
  '1': '0',
  '2': '0.00',
  '3': '#,##0',
  '4': '#,##0.00',
  '9': '0%',
  '10': '0.00%',
  '11': '0.00E+00',
  '12': '# ?/?',
  '13': '# ??/??',
  '14': 'mm-dd-yy',
  '15': 'd-mmm-yy',
  '16': 'd-mmm',
  '17': 'mmm-yy',
  '18': 'h:mm AM/PM',
  '19': 'h:mm:ss AM/PM',
  '20': 'h:mm',
  '21': 'h:mm:ss',
  '22': 'm/d/yy h:mm',
  '37': '#,##0 ;(#,##0)',
  '38': '#,##0 ;[Red](#,##0)',
  '39': '#,##0.00;(#,##0.00)',
  '40': '#,##0.00;[Red](#,##0.00)',
  '45': 'mm:ss',
  '46': '[h]:mm:ss',
  '47': 'mmss.0',
  '48': '##0.0E+0',
  '49': '@',
};

/**
 * Ids 27–36 and 50–58 are East Asian dates and times whose code depends on the installation's language: any
 * date code stands for them, since only "is it a date" matters here.
 */
const EAST_ASIAN_TIMES = new Set(['32', '33', '34', '35']);

export function builtinFormat(id: string): string | undefined {
  const code = BUILTIN[id];
  if (code !== undefined) return code;
  const n = Number(id);
  if ((n >= 27 && n <= 36) || (n >= 50 && n <= 58)) return EAST_ASIAN_TIMES.has(id) ? 'h:mm' : 'yyyy-mm-dd';
  return undefined;
}
