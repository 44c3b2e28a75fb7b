/**
 * The `Kiva status` line: written after every validation or send, read back before the next one so rows already
 * sent are not sent twice. Prefixes are recognised in every language, whatever the current one is.
 */
import type { ContentChange, UncertainReason } from '../kiva/models';
import { isoFromDays } from './coerce/dates';
import { catalogue, CATALOGUES } from './messages';
import { fold } from './normalise';
import { lineText } from './safe-text';
import type { MessageLanguage } from './settings';

/**
 * `changed`: held back because Kiva holds other content for the same loan and period (the delivery ledger said so):
 * not pending, sent again only on Resend, like a row sent.
 */
export type StatusKind = 'none' | 'sent' | 'error' | 'invalid' | 'uncertain' | 'changed' | 'other';

export interface ParsedStatus {
  kind: StatusKind;
  /** The cell text as read. */
  text: string;
  /** `sent`: environment (`stage`, `production`), whatever language the status names it in. */
  environment?: string;
  /** `sent`: when, as written (`2026-11-28 14:03`). */
  at?: string;
  /** `sent`: Kiva's reference. */
  reference?: string;
  /** `sent`: the status says Kiva accepted the row with warnings. */
  warned?: true;
  /** `error` / `invalid` / `uncertain` / `changed`: what follows the prefix. */
  detail?: string;
}

/** Who sent a row earlier and when (`at` as written in statuses, the user's local time), from the delivery ledger. */
export interface EarlierLine {
  at: string;
  by: string;
}

export type StatusLine =
  /**
   * `warnings`: Kiva's warnings, already worded (formatKivaWarning): the prefix becomes "Sent with warnings".
   * `earlier`: the ledger knows this content as accepted: `at` is then the earlier send's, and who sent it is said.
   */
  | {
      kind: 'sent';
      environment: string;
      at: string;
      reference?: string;
      warnings?: readonly string[];
      earlier?: { by: string };
    }
  | { kind: 'error'; message: string }
  | { kind: 'invalid'; problem: string }
  /** `earlier`: reason `earlier-uncertain`, said with when and who. */
  | { kind: 'uncertain'; reason: UncertainReason | string; earlier?: EarlierLine }
  /** `changes` absent: the ledger did not keep the earlier content, only that it differs. */
  | { kind: 'changed'; earlier: EarlierLine; changes?: readonly ContentChange[] }
  /** Another request is sending the row right now. */
  | { kind: 'in-flight'; by: string };

const NONE: ParsedStatus = Object.freeze({ kind: 'none', text: '' }) as ParsedStatus;

const PREFIXES: ReadonlyMap<string, StatusKind> = (() => {
  const map = new Map<string, StatusKind>();
  for (const cat of Object.values(CATALOGUES)) {
    map.set(fold(cat.status.sent), 'sent');
    map.set(fold(cat.status.sentWithWarnings), 'sent');
    map.set(fold(cat.status.error), 'error');
    map.set(fold(cat.status.invalid), 'invalid');
    map.set(fold(cat.status.uncertain), 'uncertain');
    map.set(fold(cat.status.ledger.changed), 'changed');
  }
  return map;
})();

/** Every language's name of every environment (and Kiva's own ids), folded → the id. */
const ENVIRONMENTS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const cat of Object.values(CATALOGUES)) {
    for (const [id, name] of Object.entries(cat.environments)) {
      map.set(fold(id), id);
      map.set(fold(name), id);
    }
  }
  return map;
})();

/** `stage` → `pruebas (stage)` in Spanish; a name this tool does not know stays as it is. */
export function environmentName(environment: string, lang: MessageLanguage | string = 'en'): string {
  const names = catalogue(lang).environments as Record<string, string>;
  return names[environment] ?? environment;
}

/** `Pruebas (stage)`, `test`, `Producción` → `stage`, `production`: what a status in any language names. */
function environmentId(name: string): string {
  return ENVIRONMENTS.get(fold(name)) ?? name;
}

const WARNED: ReadonlySet<string> = new Set(Object.values(CATALOGUES).map((c) => fold(c.status.sentWithWarnings)));

const TAILS: readonly string[] = Object.values(CATALOGUES).map((c) => ` — ${c.status.checkBeforeResending}`);
const SEPARATOR = ' · ';

export function parseStatus(cell: unknown): ParsedStatus {
  if (typeof cell !== 'string') return NONE;
  let text = cell.trim();
  if (text.startsWith("'")) text = text.slice(1).trimStart();
  if (text === '') return NONE;
  const colon = text.indexOf(':');
  const dot = text.indexOf('·');
  const cut = colon < 0 ? dot : dot < 0 ? colon : Math.min(colon, dot);
  const head = fold(cut < 0 ? text : text.slice(0, cut));
  const kind = PREFIXES.get(head);
  if (kind === undefined) return { kind: 'other', text };
  const rest = cut < 0 ? '' : text.slice(cut + 1).trim();
  if (kind === 'sent') {
    const parts = text.split('·').map((p) => p.trim());
    const parsed: ParsedStatus = WARNED.has(head) ? { kind, text, warned: true } : { kind, text };
    if (parts[1]) parsed.environment = environmentId(parts[1]);
    if (parts[2]) parsed.at = parts[2];
    if (parts.length > 3) parsed.reference = parts.slice(3).join(SEPARATOR);
    return parsed;
  }
  let detail = rest;
  if (kind === 'uncertain') for (const tail of TAILS) if (detail.endsWith(tail)) detail = detail.slice(0, -tail.length);
  return { kind, text, detail };
}

export function formatStatus(line: StatusLine, lang: MessageLanguage = 'en'): string {
  const s = catalogue(lang).status;
  const p = catalogue(lang).punctuation;
  switch (line.kind) {
    case 'sent': {
      const warnings = line.warnings ?? [];
      const parts = [
        warnings.length > 0 ? s.sentWithWarnings : s.sent,
        environmentName(line.environment, lang),
        line.at,
      ];
      if (line.reference !== undefined && line.reference !== '') parts.push(line.reference);
      if (warnings.length > 0) parts.push(warnings.join(p.semicolon));
      if (line.earlier !== undefined)
        parts.push(fillIn(s.ledger.sentEarlier, { user: line.earlier.by || s.ledger.someone }));
      return lineText(parts.join(SEPARATOR));
    }
    case 'error':
      return lineText(`${s.error}${p.colon}${line.message}`);
    case 'invalid':
      return lineText(`${s.invalid}${p.colon}${line.problem}`);
    case 'uncertain': {
      const why =
        line.earlier !== undefined
          ? fillIn(s.ledger.earlierUncertain, { at: line.earlier.at, user: line.earlier.by || s.ledger.someone })
          : line.reason in s.reasons
            ? s.reasons[line.reason as UncertainReason]
            : line.reason;
      return lineText(`${s.uncertain}${p.colon}${why} — ${s.checkBeforeResending}`);
    }
    case 'changed': {
      const who = { at: line.earlier.at, user: line.earlier.by || s.ledger.someone };
      const detail =
        line.changes !== undefined && line.changes.length > 0
          ? fillIn(s.ledger.changedDetail, { ...who, changes: describeChanges(line.changes, lang) })
          : fillIn(s.ledger.changedUnknown, who);
      return lineText(`${s.ledger.changed}${p.colon}${detail}`);
    }
    case 'in-flight':
      return lineText(`${s.error}${p.colon}${fillIn(s.ledger.inFlight, { user: line.by || s.ledger.someone })}`);
  }
}

/** `amount 20 → 2 500, client id` — numbers in the language's own way; a field without values is only named. */
export function describeChanges(changes: readonly ContentChange[], lang: MessageLanguage = 'en'): string {
  const s = catalogue(lang).status.ledger;
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const value = (v: string | number): string => (typeof v === 'number' ? number.format(v) : v);
  return changes
    .map((change) => {
      const field = s.fields[change.field] ?? change.field;
      return change.was !== undefined && change.now !== undefined
        ? fillIn(s.change, { field, was: value(change.was), now: value(change.now) })
        : field;
    })
    .join(', ');
}

function fillIn(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** Whether a row should be left alone because of what its status says (see SheetSettings.alreadySent). */
export function isAlreadySent(status: ParsedStatus, environment: string): boolean {
  if (status.kind === 'uncertain' || status.kind === 'changed') return true;
  return status.kind === 'sent' && fold(status.environment ?? '') === fold(environment);
}

/** `2026-11-28 14:03` from epoch milliseconds and the user's UTC offset, with no time-zone database. */
export function formatStamp(epochMs: number, utcOffsetMinutes = 0): string {
  const local = epochMs + utcOffsetMinutes * 60000;
  const minutes = Math.floor(local / 60000);
  const days = Math.floor(minutes / 1440);
  const minuteOfDay = minutes - days * 1440;
  const hh = Math.floor(minuteOfDay / 60);
  const mm = minuteOfDay % 60;
  return `${isoFromDays(days)} ${hh < 10 ? '0' : ''}${hh}:${mm < 10 ? '0' : ''}${mm}`;
}
