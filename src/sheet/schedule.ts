/**
 * Schedule sheets → instalments per loan, sorted by date. The whole sheet is read whatever is hidden or
 * selected on it: it is reference data for the loans being sent, and a filter there must not drop instalments.
 */
import type { ScheduleItem } from '../kiva/models';
import type { Issue } from './issues';
import type { SheetReader } from './sheet-reader';
import type { RowPlan } from './rows';

export interface Instalment {
  item: ScheduleItem;
  reader: SheetReader;
  index: number;
}

export interface ScheduleLine {
  reader: SheetReader;
  index: number;
  key: string;
  item?: ScheduleItem;
}

export class ScheduleBook {
  private readonly byLoan = new Map<string, ScheduleLine[]>();
  /** A schedule sheet whose headers are wrong (no date column) cannot vouch for any instalment on it. */
  private readonly sheetErrors = new Map<SheetReader, Issue>();
  /** recognition: how many schedule sheets were added (none: every loan lacks a schedule, said once per sheet). */
  sheets = 0;

  blockSheet(reader: SheetReader, issue: Issue): void {
    this.sheetErrors.set(reader, issue);
  }

  add(reader: SheetReader, rows: RowPlan): void {
    this.sheets++;
    const emptyInstalmentField = reader.has('principal') ? 'principal' : 'interest';
    for (const i of rows.nonBlank) {
      reader.at(i);
      const key = reader.id('loan_id');
      const date = reader.date('date');
      const principal = reader.money('principal', true);
      const interest = reader.money('interest', true);
      if (key === undefined) reader.required('loan_id');
      if (date === undefined) reader.required('date');
      if (principal === undefined && interest === undefined && (reader.has('principal') || reader.has('interest'))) {
        reader.reportAt(i, emptyInstalmentField, 'schedule-empty-instalment', 'error', {});
      }
      if (typeof key !== 'string') continue;
      const line: ScheduleLine = { reader, index: i, key };
      if (typeof date === 'string' && typeof principal !== 'symbol' && typeof interest !== 'symbol') {
        // An empty principal or interest in an instalment that has the other means none of it is due.
        line.item = { date, principal: principal ?? 0, interest: interest ?? 0 };
      }
      const list = this.byLoan.get(key);
      if (list === undefined) this.byLoan.set(key, [line]);
      else list.push(line);
    }
  }

  /** Sorts every loan's instalments by date and warns about two on the same day; call once after adding. */
  seal(): void {
    for (const lines of this.byLoan.values()) {
      lines.sort((a, b) => compareDates(a, b));
      for (let k = 1; k < lines.length; k++) {
        const prev = lines[k - 1]?.item;
        const line = lines[k] as ScheduleLine;
        if (prev !== undefined && line.item !== undefined && prev.date === line.item.date) {
          line.reader.reportAt(line.index, 'date', 'schedule-duplicate-date', 'warning', { date: line.item.date });
        }
      }
    }
  }

  linesFor(key: string): readonly ScheduleLine[] {
    return this.byLoan.get(key) ?? [];
  }

  /** Instalments for a loan are trustworthy only if none of its lines has an error; this returns the first. */
  firstError(lines: readonly ScheduleLine[]): Issue | undefined {
    for (const line of lines) {
      const issue = this.sheetErrors.get(line.reader) ?? line.reader.firstError[line.index];
      if (issue !== undefined) return issue;
    }
    return undefined;
  }

  /** Warns about instalments whose loan is on no loans sheet at all. */
  reportOrphans(knownLoans: ReadonlySet<string>): void {
    for (const [key, lines] of this.byLoan) {
      if (knownLoans.has(key)) continue;
      for (const line of lines)
        line.reader.reportAt(line.index, 'loan_id', 'schedule-orphan', 'warning', { value: key });
    }
  }
}

function compareDates(a: ScheduleLine, b: ScheduleLine): number {
  const da = a.item?.date ?? '';
  const db = b.item?.date ?? '';
  if (da !== db) return da < db ? -1 : 1;
  if (a.reader !== b.reader) return a.reader.sheet < b.reader.sheet ? -1 : 1;
  return a.index - b.index;
}
