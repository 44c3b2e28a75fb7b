import type { ConfigLists, JournalUpdate, Repayment } from '../../src/kiva/models';

/** A 400 the emulator answers as `{code, message, field}`. */
export interface Invalid {
  code: string;
  field: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: Invalid };

export const MAX_REPAYMENTS_PER_CALL = 300;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(field: string, message: string, code = 'invalid.field'): Invalid {
  return { code, field, message };
}

function fail<T>(error: Invalid): Checked<T> {
  return { ok: false, error };
}

export function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function isPositiveNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function firstWrongType(
  body: Json,
  fields: readonly string[],
  type: 'string' | 'boolean',
  prefix = '',
): Invalid | undefined {
  for (const field of fields) {
    if (field in body && typeof body[field] !== type)
      return invalid(prefix + field, `${prefix + field} must be a ${type}`);
  }
  return undefined;
}

function checkConfigId(body: Json, field: string, known: readonly number[], list: string): Invalid | undefined {
  if (!(field in body)) return undefined;
  const value = body[field];
  if (typeof value !== 'number' || !known.includes(value)) {
    return invalid(field, `${field} ${JSON.stringify(value)} is not in config/${list}`);
  }
  return undefined;
}

const DRAFT_STRINGS = [
  'location',
  'currency',
  'description',
  'loanuse',
  'disburse_time',
  'image_encoded',
  'group_name',
  'internal_loan_id',
  'internal_client_id',
];
const ENTREP_STRINGS = ['client_id', 'loan_id', 'first_name', 'last_name', 'gender'];

/**
 * Only what a draft can get wrong against the config lists and formats: PA2 checks the rest (amount limits, dates
 * in range, group fields on individual loans) when a person publishes, so those are accepted here.
 */
export function checkLoanDraft(body: unknown, config: ConfigLists): Invalid | undefined {
  if (!isRecord(body)) return invalid('body', 'The loan draft must be a JSON object');
  const wrongType =
    firstWrongType(body, DRAFT_STRINGS, 'string') ?? firstWrongType(body, ['client_waiver_signed'], 'boolean');
  if (wrongType) return wrongType;
  const badId =
    checkConfigId(
      body,
      'activity_id',
      config.activities.map((a) => a.activity_id),
      'activities',
    ) ??
    checkConfigId(
      body,
      'theme_type_id',
      config.themes.map((t) => t.theme_type_id),
      'themes',
    ) ??
    checkConfigId(
      body,
      'description_language_id',
      config.locales.map((l) => l.language_id),
      'locales',
    );
  if (badId) return badId;
  if ('location' in body && !config.locations.some((l) => l.full_name === body.location)) {
    return invalid('location', `location ${JSON.stringify(body.location)} is not a full_name in config/locations`);
  }
  if ('currency' in body && !config.locales.some((l) => l.currency === body.currency)) {
    return invalid('currency', `currency ${JSON.stringify(body.currency)} is not in config/locales`);
  }
  if ('disburse_time' in body && !isIsoDate(body.disburse_time)) {
    return invalid('disburse_time', `disburse_time ${JSON.stringify(body.disburse_time)} is not a YYYY-MM-DD date`);
  }
  if (typeof body.image_encoded === 'string' && !isEncodedImage(body.image_encoded)) {
    return invalid('image_encoded', 'image_encoded must be base64 (a data URI data:image/jpeg;base64,… or bare)');
  }
  return checkGroup(body) ?? checkEntreps(body) ?? checkSchedule(body) ?? checkNotPictured(body);
}

/** Kiva's sample sends a data URI, its changelog says "base64-encoded": both are taken. */
function isEncodedImage(value: string): boolean {
  const data = /^data:image\/[\w.+-]+;base64,(.*)$/s.exec(value)?.[1] ?? value;
  const compact = data.replace(/\s+/g, '');
  // A scan for a stray character, not one anchored pattern over the whole photo: V8's backtracking on a
  // multi-megabyte match overflowed the stack ("Maximum call stack size exceeded") in a loaded jest worker.
  const body = compact.replace(/={1,2}$/, '');
  return compact.length > 0 && compact.length % 4 === 0 && body.length > 0 && !/[^A-Za-z0-9+/]/.test(body);
}

const GROUP_FIELDS = ['group_name', 'internal_loan_id', 'internal_client_id', 'not_pictured'];

/** A group loan (it carries group fields) needs its borrowers: a group of nobody cannot be a draft. */
function checkGroup(body: Json): Invalid | undefined {
  const group = GROUP_FIELDS.find((field) => field in body);
  if (group === undefined) return undefined;
  if (!Array.isArray(body.entreps) || body.entreps.length === 0) {
    return invalid('entreps', `A group loan (it has ${group}) needs its borrowers in entreps`);
  }
  return undefined;
}

function checkEntreps(body: Json): Invalid | undefined {
  if (!('entreps' in body)) return undefined;
  if (!Array.isArray(body.entreps)) return invalid('entreps', 'entreps must be an array');
  for (const [i, entrep] of body.entreps.entries()) {
    const field = `entreps[${i}]`;
    if (!isRecord(entrep)) return invalid(field, `${field} must be an object`);
    const wrongType = firstWrongType(entrep, ENTREP_STRINGS, 'string', `${field}.`);
    if (wrongType) return wrongType;
    if ('amount' in entrep && !isPositiveNumber(entrep.amount)) {
      return invalid(`${field}.amount`, `${field}.amount must be a number greater than 0`);
    }
  }
  return undefined;
}

function checkSchedule(body: Json): Invalid | undefined {
  if (!('schedule' in body)) return undefined;
  if (!Array.isArray(body.schedule)) return invalid('schedule', 'schedule must be an array');
  for (const [i, item] of body.schedule.entries()) {
    const field = `schedule[${i}]`;
    if (!isRecord(item)) return invalid(field, `${field} must be an object`);
    if (!isIsoDate(item.date)) return invalid(`${field}.date`, `${field}.date must be a YYYY-MM-DD date`);
    for (const key of ['principal', 'interest']) {
      const value = item[key];
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        return invalid(`${field}.${key}`, `${field}.${key} must be a number of 0 or more`);
      }
    }
  }
  return undefined;
}

function checkNotPictured(body: Json): Invalid | undefined {
  if (!('not_pictured' in body)) return undefined;
  const flags = body.not_pictured;
  if (!Array.isArray(flags) || flags.some((f) => typeof f !== 'boolean')) {
    return invalid('not_pictured', 'not_pictured must be an array of booleans');
  }
  const borrowers = Array.isArray(body.entreps) ? body.entreps.length : 0;
  if (flags.length !== borrowers) {
    return invalid(
      'not_pictured',
      `not_pictured has ${flags.length} entries but there are ${borrowers} entreps: one per borrower, same order`,
    );
  }
  return undefined;
}

export function checkRepayments(body: unknown): Checked<Repayment[]> {
  if (!isRecord(body) || !Array.isArray(body.repayments)) {
    return fail(invalid('repayments', 'Body must be {"repayments":[{loan_id, amount, client_id?}, …]}'));
  }
  const items = body.repayments;
  if (items.length === 0) return fail(invalid('repayments', 'repayments must not be empty'));
  if (items.length > MAX_REPAYMENTS_PER_CALL) {
    return fail(
      invalid(
        'repayments',
        `At most ${MAX_REPAYMENTS_PER_CALL} repayments per call; got ${items.length}. Split the batch.`,
        'repayments.too.many',
      ),
    );
  }
  const repayments: Repayment[] = [];
  for (const [i, item] of items.entries()) {
    const field = `repayments[${i}]`;
    if (!isRecord(item)) return fail(invalid(field, `${field} must be an object`));
    const loanId = idString(item.loan_id);
    if (loanId === undefined) return fail(invalid(`${field}.loan_id`, `${field}.loan_id is required`));
    // A bad amount is that loan's problem, reported per loan (see PartnerApi.repay), not the batch's.
    const repayment: Repayment = { loan_id: loanId, amount: item.amount as number };
    if ('client_id' in item) {
      const clientId = idString(item.client_id);
      if (clientId === undefined) return fail(invalid(`${field}.client_id`, `${field}.client_id must be an id`));
      repayment.client_id = clientId;
    }
    repayments.push(repayment);
  }
  return { ok: true, value: repayments };
}

/** A number is accepted as Jackson would bind it to a String id (a guess); its leading zeros are already lost. */
function idString(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** `bare`: the sample's plural path takes a bare array; the documented path takes {"journals":[…]}. */
export function checkJournals(body: unknown, bare: boolean): Checked<JournalUpdate[]> {
  const items = bare ? body : isRecord(body) ? body.journals : undefined;
  if (!Array.isArray(items)) {
    const shape = bare ? 'a JSON array of journal updates' : '{"journals":[…]}';
    return fail(invalid('journals', `Body must be ${shape}`));
  }
  if (items.length === 0) return fail(invalid('journals', 'journals must not be empty'));
  const journals: JournalUpdate[] = [];
  for (const [i, item] of items.entries()) {
    const field = `journals[${i}]`;
    if (!isRecord(item)) return fail(invalid(field, `${field} must be an object`));
    for (const required of ['body', 'internal_loan_id']) {
      const value = item[required];
      if (typeof value !== 'string' || value.trim() === '') {
        return fail(invalid(`${field}.${required}`, `${field}.${required} is required`));
      }
    }
    const wrongType = firstWrongType(item, ['subject', 'image_url', 'internal_client_id'], 'string', `${field}.`);
    if (wrongType) return fail(wrongType);
    journals.push(item as unknown as JournalUpdate);
  }
  return { ok: true, value: journals };
}
