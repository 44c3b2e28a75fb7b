/**
 * Loans sheet → loan drafts. A row without `internal_loan_id` is an individual loan; rows sharing one are a
 * group loan, whose borrowers (and `not_pictured`) follow the row order and whose loan columns must agree.
 */
import type { Entrep, LoanDraft, RowRef, ScheduleItem } from '../kiva/models';
import { daysFromIso, isoFromDays } from './coerce/dates';
import { clip } from './coerce/numbers';
import { INVALID } from './coerce/sink';
import { EXCEL_CELL_LIMIT } from './coerce/text';
import { skipIfSent, type ConvertContext } from './convert-context';
import type { FieldName } from './fields';
import { usesHombreLetter } from './gender';
import type { Issue } from './issues';
import { indexConfig, type ConfigIndex } from './lookups';
import { isImageDataUri, resolvePhoto } from './photos';
import type { PreparedRequest } from './requests';
import { reportMissingPublishColumns } from './readiness';
import type { Read, SheetReader } from './sheet-reader';
import { THREE_COLUMNS } from './setting-causes';

type LoanValue = string | number | boolean;

interface LoanField {
  field: FieldName;
  groupOnly?: true;
  /** PA2 will ask for it before publishing: warn when a loan leaves it empty. */
  recommended?: true;
  read(reader: SheetReader, lists: ConfigIndex | undefined): Read<LoanValue>;
}

/** Columns that describe the loan, not the borrower: one value per loan, the same on every row of a group. */
const LOAN_FIELDS: readonly LoanField[] = [
  { field: 'group_name', groupOnly: true, read: (r) => r.text('group_name', 255) },
  { field: 'internal_client_id', groupOnly: true, read: (r) => r.id('internal_client_id') },
  { field: 'activity', recommended: true, read: (r, l) => r.lookup('activity', 'activity', l?.activity) },
  { field: 'theme', recommended: true, read: (r, l) => r.lookup('theme', 'theme', l?.theme) },
  { field: 'location', recommended: true, read: (r, l) => r.lookup('location', 'location', l?.location) },
  { field: 'language', recommended: true, read: (r, l) => r.lookup('language', 'language', l?.language) },
  { field: 'currency', recommended: true, read: (r, l) => r.lookup('currency', 'currency', l?.currency) },
  { field: 'disburse_time', recommended: true, read: (r) => r.date('disburse_time') },
  { field: 'description', recommended: true, read: (r) => r.text('description', EXCEL_CELL_LIMIT) },
  { field: 'loanuse', recommended: true, read: (r) => r.text('loanuse', EXCEL_CELL_LIMIT) },
  { field: 'client_waiver_signed', read: (r) => r.yesNo('client_waiver_signed') },
  { field: 'photo', recommended: true, read: (r) => r.text('photo', Number.POSITIVE_INFINITY) },
];

const GROUP_ONLY_BORROWER_FIELDS: readonly FieldName[] = ['group_name', 'internal_client_id', 'not_pictured'];

interface Unit {
  group?: string;
  /** Included rows, in sheet order. */
  rows: number[];
  /** Every non-blank row of the group, included or not. */
  members: number[];
}

/** The first value each loan column took in a unit, and where. */
interface LoanValues {
  value: (LoanValue | undefined)[];
  index: number[];
  invalid: boolean[];
}

export function convertLoans(ctx: ConvertContext): PreparedRequest[] {
  const { reader, rows } = ctx;
  const sheet: LoanSheet = {
    ctx,
    lists: ctx.config === undefined ? undefined : indexConfig(ctx.config),
    hombre: usesHombreLetter(reader.column('gender', rows.nonBlank)),
    fields: LOAN_FIELDS.filter((f) => reader.has(f.field)),
  };
  // Photos the pane attached to loans stand in for a photo column: "No column is Photo" would send the user astray.
  reportMissingPublishColumns(reader, sheet.lists, rows.included, ctx.attachedPhotos !== undefined ? ['photo'] : []);
  const { units, knownLoans } = findUnits(reader, rows.nonBlank, rows.included);
  for (const key of knownLoans) ctx.knownLoans?.add(key);
  reportDuplicateIndividualLoans(reader, units);

  const requests: PreparedRequest[] = [];
  for (const unit of units) {
    if (skipIfSent(ctx, unit.members)) continue;
    if (unit.group !== undefined && !reader.has('group_name') && sheet.groupNameMissing === undefined) {
      reader.reportSheet('column-missing', 'error', { field: 'group_name' }, 'group_name');
      sheet.groupNameMissing = reader.issues[reader.issues.length - 1];
    }
    const request = convertUnit(sheet, unit);
    if (request !== undefined) requests.push(request);
  }
  return requests;
}

/** What every loan of one sheet shares. */
interface LoanSheet {
  ctx: ConvertContext;
  lists: ConfigIndex | undefined;
  /** The gender column follows the H/M habit (see gender.ts). */
  hombre: boolean;
  /** Loan columns present in this sheet. */
  fields: readonly LoanField[];
  /** Reported once for the sheet, blocking every group loan. */
  groupNameMissing?: Issue;
  /** recognition: no schedule sheet in the run, said once. */
  scheduleSheetMissing?: boolean;
}

/** What a loan's rows said, before it becomes a draft. */
interface UnitRead {
  values: LoanValues;
  entreps: Entrep[];
  notPictured: boolean[];
  /** Loan amount in cents: the sum of its borrowers' amounts. */
  cents: number;
  at(field: FieldName): LoanValue | undefined;
  indexOf(field: FieldName): number | undefined;
}

function convertUnit(sheet: LoanSheet, unit: Unit): PreparedRequest | undefined {
  const { reader, rows } = sheet.ctx;
  const group = unit.group;
  if (group !== undefined) reportIncompleteGroup(reader, unit, group);
  const read = readUnit(sheet, unit);
  const first = unit.rows[0] as number;
  const attached = attachedPhotoOf(sheet, unit, read);
  checkLoan(sheet, unit, read, attached.found);
  const image = photoOf(sheet, read, first) ?? attached.dataUri;
  const { schedule, scheduleError } = scheduleOf(sheet, group ?? read.entreps[0]?.loan_id, first, group !== undefined);
  checkPublishable(sheet, first, read);
  if (scheduleError === undefined && schedule.length > 0 && read.entreps.every((e) => e.amount !== undefined)) {
    checkScheduleSum(reader, first, schedule, read.cents);
  }

  const problem =
    unit.rows.map((i) => reader.firstError[i]).find((p) => p !== undefined) ??
    scheduleError ??
    (group !== undefined ? sheet.groupNameMissing : undefined);
  if (problem !== undefined) {
    for (const i of unit.rows) {
      const state = rows.stateOf(i);
      if (state !== undefined) state.problem = reader.firstError[i] ?? problem;
    }
    return undefined;
  }

  const draft = buildDraft(read.at, read.entreps, schedule, image);
  if (group !== undefined) {
    const groupName = read.at('group_name');
    const internalClientId = read.at('internal_client_id');
    if (typeof groupName === 'string') draft.group_name = groupName;
    draft.internal_loan_id = group;
    if (typeof internalClientId === 'string') draft.internal_client_id = internalClientId;
    if (reader.has('not_pictured')) draft.not_pictured = read.notPictured;
  }
  return {
    endpoint: 'loan_draft',
    body: draft,
    rows: unit.rows.map((i, k): RowRef => ({
      sheet: reader.sheet,
      row: reader.rowNumber(i),
      key: read.entreps[k]?.loan_id ?? group ?? '',
    })),
  };
}

function reportIncompleteGroup(reader: SheetReader, unit: Unit, group: string): void {
  if (unit.members.length === unit.rows.length) return;
  const missing = unit.members.filter((i) => !unit.rows.includes(i)).map((i) => String(reader.rowNumber(i)));
  for (const i of unit.rows) {
    reader.reportAt(i, 'internal_loan_id', 'group-incomplete', 'error', { value: group, rows: missing });
  }
}

function readUnit(sheet: LoanSheet, unit: Unit): UnitRead {
  const { reader, settings } = sheet.ctx;
  const inGroup = unit.group !== undefined;
  const values: LoanValues = { value: [], index: [], invalid: [] };
  const entreps: Entrep[] = [];
  const notPictured: boolean[] = [];
  let cents = 0;
  for (const i of unit.rows) {
    reader.at(i);
    const entrep = readBorrower(reader, settings.threeColumn, sheet.hombre);
    if (entrep.amount !== undefined) cents += Math.round(entrep.amount * 100);
    entreps.push(entrep);
    // Read even when empty: an unreadable group id (an Excel error, 12.5) must not turn a member into a loan.
    reader.id('internal_loan_id');
    if (inGroup) {
      notPictured.push(reader.yesNo('not_pictured') === true);
    } else {
      for (const f of GROUP_ONLY_BORROWER_FIELDS) {
        if (!reader.filled(f)) continue;
        reader.position(i, f).report('group-field-ignored', 'warning', { header: reader.headerOf(f) });
      }
    }
    readLoanFields(reader, sheet.fields, sheet.lists, inGroup, values, i);
  }
  const position = new Map(sheet.fields.map((f, k) => [f.field, k]));
  return {
    values,
    entreps,
    notPictured,
    cents,
    at: (field) => values.value[position.get(field) ?? -1],
    indexOf: (field) => values.index[position.get(field) ?? -1],
  };
}

/** Loan-wide checks: required and recommended loan columns, a group of one, the disbursal window. */
function checkLoan(sheet: LoanSheet, unit: Unit, read: UnitRead, photoAttached: boolean): void {
  const { reader, settings } = sheet.ctx;
  const first = unit.rows[0] as number;
  sheet.fields.forEach((f, k) => {
    if (read.values.value[k] !== undefined || read.values.invalid[k]) return;
    // An empty photo cell is no gap when the pane attached a photo to the loan.
    if (f.field === 'photo' && photoAttached) return;
    if (f.field === 'group_name' && unit.group !== undefined) reader.at(first).required('group_name');
    else if (f.recommended) reader.at(first).recommended(f.field);
  });
  if (unit.group !== undefined && unit.members.length === 1) {
    reader.reportAt(first, 'internal_loan_id', 'group-single-borrower', 'warning', { value: unit.group });
  }
  checkDisbursal(reader, settings.today, read.at('disburse_time'), read.indexOf('disburse_time'));
}

function photoOf(sheet: LoanSheet, read: UnitRead, first: number): string | undefined {
  const photo = read.at('photo');
  if (typeof photo !== 'string') return undefined;
  const sink = sheet.ctx.reader.position(read.indexOf('photo') ?? first, 'photo');
  const resolved = resolvePhoto(photo, sheet.ctx.resolvePhoto, sink);
  return resolved === INVALID ? undefined : resolved;
}

/**
 * No photo cell: the photo the pane attached to one of the loan's rows (by its loan id; a group has one photo).
 * One that cannot be used is an error at that row's loan id, naming the file.
 */
function attachedPhotoOf(sheet: LoanSheet, unit: Unit, read: UnitRead): { found: boolean; dataUri?: string } {
  const attached = sheet.ctx.attachedPhotos;
  if (attached === undefined || typeof read.at('photo') === 'string') return { found: false };
  for (const [k, entrep] of read.entreps.entries()) {
    const id = entrep.loan_id;
    const photo = id === undefined ? undefined : attached(String(id));
    if (photo === undefined) continue;
    if ('dataUri' in photo && isImageDataUri(photo.dataUri)) return { found: true, dataUri: photo.dataUri };
    const row = unit.rows[k] as number;
    const detail = 'error' in photo ? photo.error : 'unreadable';
    const value = 'name' in photo ? photo.name : String(id);
    sheet.ctx.reader.position(row, 'loan_id').report('photo-error', 'error', { value, detail });
    return { found: true };
  }
  return { found: false };
}

function scheduleOf(
  sheet: LoanSheet,
  key: string | undefined,
  first: number,
  group: boolean,
): { schedule: ScheduleItem[]; scheduleError?: Issue } {
  const book = sheet.ctx.schedule;
  if (key === undefined || book === undefined) return { schedule: [] };
  // recognition: PA2 asks for a schedule at publish; no schedule sheet at all is said once, on the loans sheet.
  if (book.sheets === 0) {
    if (sheet.scheduleSheetMissing !== true) {
      sheet.ctx.reader.reportSheet('schedule-sheet-missing', 'warning', {});
      sheet.scheduleSheetMissing = true;
    }
    return { schedule: [] };
  }
  if (book.linesFor(key).length === 0) {
    sheet.ctx.reader.reportAt(first, group ? 'internal_loan_id' : 'loan_id', 'schedule-missing', 'warning', {});
    return { schedule: [] };
  }
  const lines = book.linesFor(key);
  const schedule = lines.map((l) => l.item).filter((item): item is ScheduleItem => item !== undefined);
  const scheduleError = book.firstError(lines);
  return scheduleError === undefined ? { schedule } : { schedule, scheduleError };
}

function findUnits(
  reader: SheetReader,
  nonBlank: readonly number[],
  included: readonly number[],
): { units: Unit[]; knownLoans: Set<string> } {
  const groupOf = new Map<number, string>();
  const members = new Map<string, number[]>();
  const knownLoans = new Set<string>();
  for (const i of nonBlank) {
    const group = reader.peekId(i, 'internal_loan_id');
    if (group === undefined) {
      const loanId = reader.peekId(i, 'loan_id');
      if (loanId !== undefined) knownLoans.add(loanId);
      continue;
    }
    groupOf.set(i, group);
    knownLoans.add(group);
    const list = members.get(group);
    if (list === undefined) members.set(group, [i]);
    else list.push(i);
  }
  const units: Unit[] = [];
  const byGroup = new Map<string, Unit>();
  for (const i of included) {
    const group = groupOf.get(i);
    if (group === undefined) {
      units.push({ rows: [i], members: [i] });
      continue;
    }
    const unit = byGroup.get(group);
    if (unit !== undefined) {
      unit.rows.push(i);
      continue;
    }
    const created: Unit = { group, rows: [i], members: members.get(group) ?? [i] };
    byGroup.set(group, created);
    units.push(created);
  }
  return { units, knownLoans };
}

/** Two individual loans with one loan id would become two drafts for one MIS loan. */
function reportDuplicateIndividualLoans(reader: SheetReader, units: readonly Unit[]): void {
  const rowsById = new Map<string, number[]>();
  for (const unit of units) {
    if (unit.group !== undefined) continue;
    const i = unit.rows[0] as number;
    const loanId = reader.peekId(i, 'loan_id');
    if (loanId === undefined) continue;
    const list = rowsById.get(loanId);
    if (list === undefined) rowsById.set(loanId, [i]);
    else list.push(i);
  }
  for (const [loanId, indices] of rowsById) {
    if (indices.length < 2) continue;
    const numbers = indices.map((i) => String(reader.rowNumber(i)));
    for (const i of indices)
      reader.reportAt(i, 'loan_id', 'duplicate-loan-id', 'error', { value: loanId, rows: numbers });
  }
}

function readBorrower(reader: SheetReader, threeColumn: boolean, hombre: boolean): Entrep {
  const loanId = reader.id('loan_id');
  const clientId = reader.id('client_id');
  const firstName = reader.text('first_name', 255);
  const lastName = reader.text('last_name', 255);
  const gender = reader.gender('gender', hombre);
  const amount = reader.money('amount', false);
  if (loanId === undefined) reader.required('loan_id');
  if (firstName === undefined) reader.required('first_name');
  if (amount === undefined) reader.required('amount');
  if (threeColumn && clientId === undefined) reader.required('client_id', THREE_COLUMNS);
  // A gender written as unknown has had its own warning (gender-not-given).
  if (gender === undefined && !reader.filled('gender')) reader.recommended('gender');
  // Kiva's documented order of borrower fields.
  const entrep: Entrep = {};
  if (typeof amount === 'number') entrep.amount = amount;
  if (typeof clientId === 'string') entrep.client_id = clientId;
  if (typeof loanId === 'string') entrep.loan_id = loanId;
  if (typeof firstName === 'string') entrep.first_name = firstName;
  if (typeof lastName === 'string') entrep.last_name = lastName;
  if (typeof gender === 'string') entrep.gender = gender;
  return entrep;
}

function readLoanFields(
  reader: SheetReader,
  fields: readonly LoanField[],
  lists: ConfigIndex | undefined,
  inGroup: boolean,
  values: LoanValues,
  index: number,
): void {
  for (let k = 0; k < fields.length; k++) {
    const f = fields[k] as LoanField;
    if (f.groupOnly && !inGroup) continue;
    const value = f.read(reader, lists);
    if (value === undefined) continue;
    if (value === INVALID) {
      values.invalid[k] = true;
      continue;
    }
    const first = values.value[k];
    if (first === undefined) {
      values.value[k] = value;
      values.index[k] = index;
    } else if (first !== value) {
      // Cells left empty on later rows of a group take the group's value; a different value is an error.
      const firstRow = reader.rowNumber(values.index[k] as number);
      reader.report('group-inconsistent', 'error', {
        header: reader.headerOf(f.field),
        first: `${reader.columnOf(f.field) ?? ''}${firstRow}`,
        value: clip(String(first)),
      });
    }
  }
}

/** Warnings for what PA2 checks at publish and the row itself cannot show: waiver, schedule, minimum amount. */
function checkPublishable(sheet: LoanSheet, first: number, read: UnitRead): void {
  const { reader, settings } = sheet.ctx;
  if (reader.has('client_waiver_signed') && read.at('client_waiver_signed') === false) {
    reader.reportAt(
      read.indexOf('client_waiver_signed') ?? first,
      'client_waiver_signed',
      'waiver-not-given',
      'warning',
      {},
    );
  }
  if (!read.entreps.every((e) => e.amount !== undefined)) return;
  const currency = read.at('currency');
  const amount = (read.cents / 100).toFixed(2);
  if (currency === 'USD' && read.cents <= 500) {
    reader.reportAt(first, 'amount', 'amount-publish-minimum', 'warning', { amount, floor: '5.00 USD' });
  } else if (
    currency !== 'USD' &&
    settings.localAmountFloor !== undefined &&
    read.cents <= settings.localAmountFloor * 100
  ) {
    reader.reportAt(first, 'amount', 'amount-publish-minimum', 'warning', {
      amount,
      floor: `${settings.localAmountFloor.toFixed(2)}${typeof currency === 'string' ? ` ${currency}` : ''}`,
      setting: 'localAmountFloor',
      settingValue: settings.localAmountFloor.toFixed(2),
    });
  }
}

/** PA2 refuses a disbursal date 30 days or more in the past, or more than 90 days ahead. */
function checkDisbursal(reader: SheetReader, today: string | undefined, date: LoanValue | undefined, index?: number) {
  if (today === undefined || typeof date !== 'string' || index === undefined) return;
  const now = daysFromIso(today);
  const day = daysFromIso(date);
  if (now === undefined || day === undefined) return;
  if (day > now - 30 && day <= now + 90) {
    // Within a week of PA2's 30-day limit: publishable today, perhaps not by the time it is reviewed.
    if (day <= now - 23) {
      reader.reportAt(index, 'disburse_time', 'disburse-date-near-limit', 'warning', {
        date,
        last: isoFromDays(day + 29),
      });
    }
    return;
  }
  reader.reportAt(index, 'disburse_time', 'disburse-date-window', 'warning', {
    date,
    today,
    from: isoFromDays(now - 29),
    to: isoFromDays(now + 90),
  });
}

function checkScheduleSum(reader: SheetReader, index: number, schedule: readonly ScheduleItem[], cents: number) {
  let principal = 0;
  for (const item of schedule) principal += Math.round(item.principal * 100);
  if (principal === cents) return;
  reader.reportAt(index, 'amount', 'schedule-sum-mismatch', 'warning', {
    sum: (principal / 100).toFixed(2),
    amount: (cents / 100).toFixed(2),
  });
}

function buildDraft(
  at: (field: FieldName) => LoanValue | undefined,
  entreps: Entrep[],
  schedule: ScheduleItem[],
  image: string | undefined,
): LoanDraft {
  // Kiva's documented field order; every empty field is left out.
  const draft: LoanDraft = {};
  const activity = at('activity');
  const theme = at('theme');
  const location = at('location');
  const language = at('language');
  const currency = at('currency');
  const description = at('description');
  const loanuse = at('loanuse');
  const disburse = at('disburse_time');
  const waiver = at('client_waiver_signed');
  if (typeof activity === 'number') draft.activity_id = activity;
  if (typeof theme === 'number') draft.theme_type_id = theme;
  if (typeof location === 'string') draft.location = location;
  if (typeof language === 'number') draft.description_language_id = language;
  if (typeof currency === 'string') draft.currency = currency;
  if (typeof description === 'string') draft.description = description;
  if (typeof loanuse === 'string') draft.loanuse = loanuse;
  if (typeof disburse === 'string') draft.disburse_time = disburse;
  // Kiva's sample omits false (it writes no default values), so only a signed waiver is sent.
  if (waiver === true) draft.client_waiver_signed = true;
  draft.entreps = entreps;
  if (schedule.length > 0) draft.schedule = schedule;
  if (image !== undefined) draft.image_encoded = image;
  return draft;
}
