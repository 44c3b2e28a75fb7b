import type { LoanStatus } from '../../src/kiva/models';
import { COUNTRY_CURRENCY, EMULATOR_CONFIG } from './config-data';

/**
 * One loan as GET /loans answers it: the field names and types of Kiva's library (its `Loan` contract): ids and
 * prices are strings, times epoch seconds, `borrower_count` a number.
 */
export interface EmulatorLoan {
  kiva_id: string;
  borrower_count: number;
  internal_loan_id: string;
  internal_client_id: string;
  partner_id: string;
  partner: string;
  uuid: string;
  name: string;
  location: string;
  status: LoanStatus;
  status_detail: string;
  /** USD, as a decimal string. */
  loan_price: string;
  loan_local_price: string;
  loan_currency: string;
  create_time: number;
  planned_expiration_time: number;
  planned_inactive_expire_time: number;
  delinquent: boolean;
}

export const REPAYABLE_STATUSES: readonly string[] = ['payingBack', 'defaulted'];

/** Posted loans: what PA2's Journals tab lists (a guess at its rule; test drafts are never there). */
export const JOURNAL_ELIGIBLE_STATUSES: readonly string[] = [
  'fundRaising',
  'raised',
  'payingBack',
  'ended',
  'defaulted',
];

// A fixed pattern rather than random draws, so that even a handful of loans covers the statuses tests need.
const STATUS_PATTERN: LoanStatus[] = [
  'payingBack',
  'payingBack',
  'defaulted',
  'payingBack',
  'fundRaising',
  'payingBack',
  'ended',
  'payingBack',
  'payingBack',
  'refunded',
  'payingBack',
  'payingBack',
  'raised',
  'payingBack',
  'defaulted',
  'payingBack',
  'expired',
  'payingBack',
  'payingBack',
  'payingBack',
];

const FIRST_NAMES = ['José', 'María', 'Aïssatou', 'João', 'Conceição', 'Ñusta', 'Fatou', 'Héctor', 'Amina', 'Lucía'];
const LAST_NAMES = ['Quispe', 'Mamani', 'Diop', 'Gonçalves', 'Ndiaye', 'Hernández', 'Otieno', 'Santos', 'Añez'];
const GROUP_WORDS = ['Las Flores', 'Esperanza', 'Teranga', 'Nova Vida', 'Sol Naciente', 'Unidas', 'Jàmm'];

const EPOCH_2024 = Date.UTC(2024, 0, 1) / 1000;
const DAY = 86_400;

/** mulberry32: tiny, seedable, and the same on every platform. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Rough rates, so a local price differs from the USD one as it does at Kiva. */
const LOCAL_RATE: Record<string, number> = {
  PEN: 3.7,
  BRL: 5,
  XOF: 600,
  MXN: 17,
  CRC: 510,
  KES: 130,
  PHP: 56,
  TJS: 11,
};

/** Deterministic uuid-shaped id per loan. */
function uuidOf(i: number): string {
  const hex = (2_400_000 + i).toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

/** The same count always yields the same loans. */
export function seedLoans(count: number): EmulatorLoan[] {
  const random = prng(145);
  const loans: EmulatorLoan[] = [];
  for (let i = 0; i < count; i++) {
    const place = pick(EMULATOR_CONFIG.locations, random);
    const borrowers = random() < 0.2 ? 2 + Math.floor(random() * 8) : 1;
    const name =
      borrowers > 1 ? `Grupo ${pick(GROUP_WORDS, random)}` : `${pick(FIRST_NAMES, random)} ${pick(LAST_NAMES, random)}`;
    const created = EPOCH_2024 + i * DAY + Math.floor(random() * DAY);
    // Every fifth id is short and zero-padded, as MIS exports often are: a client that turns it into a number loses it.
    const padded = i % 5 === 0;
    const usd = 25 * (8 + Math.floor(random() * 190));
    const currency = COUNTRY_CURRENCY[place.country] ?? 'USD';
    const status = STATUS_PATTERN[i % STATUS_PATTERN.length] ?? 'payingBack';
    loans.push({
      kiva_id: String(2_400_000 + i * 13),
      borrower_count: borrowers,
      internal_loan_id: padded ? String(100 + i).padStart(6, '0') : String(1_040_000 + i * 7),
      internal_client_id: padded ? String(500 + i).padStart(7, '0') : String(184_000 + i * 3),
      partner_id: '145',
      partner: 'Emulated Microfinance',
      uuid: uuidOf(i),
      name,
      location: place.full_name,
      status,
      status_detail: status,
      loan_price: usd.toFixed(2),
      loan_local_price: (usd * (LOCAL_RATE[currency] ?? 1)).toFixed(2),
      loan_currency: currency,
      create_time: created,
      planned_expiration_time: created + 31 * DAY,
      planned_inactive_expire_time: created + 61 * DAY,
      delinquent: status === 'defaulted',
    });
  }
  return loans;
}

export interface LoanQuery {
  query?: string;
  statuses?: string[];
  offset: number;
  limit: number;
}

/**
 * The loans matching each query, per seeded list: a client pages through a status 300 loans at a time, and filtering
 * all 150,000 seeded loans again for each of the 507 pages of the bench's portfolio read cost the emulator seconds
 * that the send under test then waited for (a real Kiva answers a page from an index). Seeded loans never change,
 * so a query's match is computed once.
 */
const matchingCache = new WeakMap<readonly EmulatorLoan[], Map<string, EmulatorLoan[]>>();

export function queryLoans(loans: readonly EmulatorLoan[], q: LoanQuery): { total: number; page: EmulatorLoan[] } {
  const needle = q.query?.trim().toLowerCase();
  const statuses = q.statuses && q.statuses.length > 0 ? new Set(q.statuses) : undefined;
  let cache = matchingCache.get(loans);
  if (cache === undefined) matchingCache.set(loans, (cache = new Map()));
  const key = JSON.stringify([statuses ? [...statuses].sort() : null, needle ?? null]);
  let matching = cache.get(key);
  if (matching === undefined) {
    matching = loans.filter(
      (loan) =>
        (!statuses || statuses.has(loan.status)) &&
        (!needle ||
          [loan.name, loan.internal_loan_id, loan.internal_client_id, loan.kiva_id].some((field) =>
            field.toLowerCase().includes(needle),
          )),
    );
    cache.set(key, matching);
  }
  return { total: matching.length, page: matching.slice(q.offset, q.offset + q.limit) };
}
