/**
 * Dates as `YYYY-MM-DD`, computed on whole days only: no Date object, no time zone, so a serial reads the same
 * on every machine.
 */
import { isDateFormat } from './number-formats';
import { INVALID, type CellSink, type Invalid } from './sink';

const MAX_SERIAL = 2958465; // 9999-12-31
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d];
}

export function isoFromDays(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

export function daysFromIso(iso: string): number | undefined {
  const match = ISO_DATE.exec(iso);
  if (match === null) return undefined;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  return isValidDate(y, m, d) ? daysFromCivil(y, m, d) : undefined;
}

function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const DAYS_1900_01_01 = daysFromCivil(1900, 1, 1);
const DAYS_1904_01_01 = daysFromCivil(1904, 1, 1);

export type SerialDate = string | 'fictitious' | undefined;

/**
 * Excel serial → ISO date; the time of day is dropped. In the 1900 system serial 60 is 1900-02-29, a day that
 * never was (Excel kept Lotus 1-2-3's leap-year bug), so serials from 61 on are one day ahead of a plain count.
 */
export function serialToIso(serial: number, dateSystem: 1900 | 1904 = 1900): SerialDate {
  if (!Number.isFinite(serial)) return undefined;
  const whole = Math.floor(serial);
  if (dateSystem === 1904) {
    if (whole < 0 || whole > MAX_SERIAL - 1462) return undefined;
    return isoFromDays(DAYS_1904_01_01 + whole);
  }
  if (whole < 1 || whole > MAX_SERIAL) return undefined;
  if (whole === 60) return 'fictitious';
  return isoFromDays(DAYS_1900_01_01 + whole - (whole < 60 ? 1 : 2));
}

export function readDate(
  value: unknown,
  format: string | null | undefined,
  formatsKnown: boolean,
  sink: CellSink,
  dateSystem: 1900 | 1904,
): string | Invalid {
  if (typeof value === 'number') return readSerial(value, format, formatsKnown, sink, dateSystem);
  if (typeof value === 'string') return readDateText(value.trim(), sink);
  if (value instanceof Date) {
    // exceljs builds dates at UTC midnight from the serial: the UTC fields are the cell's calendar date.
    const time = value.getTime();
    if (!Number.isFinite(time)) {
      sink.report('date-format', 'error', { value: 'Invalid Date' });
      return INVALID;
    }
    return isoFromDays(Math.floor(time / 86400000));
  }
  sink.report('date-format', 'error', { value: typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : '?' });
  return INVALID;
}

function readSerial(
  serial: number,
  format: string | null | undefined,
  formatsKnown: boolean,
  sink: CellSink,
  dateSystem: 1900 | 1904,
): string | Invalid {
  const iso = serialToIso(serial, dateSystem);
  if (iso === 'fictitious') {
    sink.report('date-fictitious', 'error', { value: '1900-02-29' });
    return INVALID;
  }
  if (iso === undefined) {
    sink.report('date-out-of-range', 'error', { value: String(serial) });
    return INVALID;
  }
  if (formatsKnown && !isDateFormat(format)) {
    // A plain number in a date column is most likely a serial whose format was lost; say which date it became.
    sink.report('date-from-number', 'warning', { value: String(serial), date: iso });
  }
  return iso;
}

function readDateText(text: string, sink: CellSink): string | Invalid {
  const match = ISO_DATE.exec(text);
  if (match === null) {
    sink.report('date-format', 'error', { value: text });
    return INVALID;
  }
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (!isValidDate(y, m, d)) {
    sink.report('date-invalid', 'error', { value: text });
    return INVALID;
  }
  return isoFromDays(daysFromCivil(y, m, d));
}
