import type { LoanStatus } from '../../src/kiva/models';
import { COUNTRY_CURRENCY, EMULATOR_CONFIG } from './config-data';

/** One loan as GET /loans answers it (snake_case). */
export interface EmulatorLoan {
  kiva_id: number;
  internal_loan_id: string;
  internal_client_id: string;
  name: string;
  location: string;
  status: LoanStatus;
  loan_price: number;
  loan_currency: string;
  borrower_count: number;
  /** Epoch seconds. */
  created_time: number;
  disbursal_time: number;
  posted_time: number;
}

export const REPAYABLE_STATUSES: readonly string[] = ['payingBack', 'defaulted'];

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
    loans.push({
      kiva_id: 2_400_000 + i * 13,
      internal_loan_id: padded ? String(100 + i).padStart(6, '0') : String(1_040_000 + i * 7),
      internal_client_id: padded ? String(500 + i).padStart(7, '0') : String(184_000 + i * 3),
      name,
      location: place.full_name,
      status: STATUS_PATTERN[i % STATUS_PATTERN.length] ?? 'payingBack',
      loan_price: 25 * (8 + Math.floor(random() * 190)),
      loan_currency: COUNTRY_CURRENCY[place.country] ?? 'USD',
      borrower_count: borrowers,
      created_time: created,
      disbursal_time: created - 3 * DAY,
      posted_time: created + DAY,
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

export function queryLoans(loans: readonly EmulatorLoan[], q: LoanQuery): { total: number; page: EmulatorLoan[] } {
  const needle = q.query?.trim().toLowerCase();
  const statuses = q.statuses && q.statuses.length > 0 ? new Set(q.statuses) : undefined;
  const matching = loans.filter(
    (loan) =>
      (!statuses || statuses.has(loan.status)) &&
      (!needle ||
        [loan.name, loan.internal_loan_id, loan.internal_client_id, String(loan.kiva_id)].some((field) =>
          field.toLowerCase().includes(needle),
        )),
  );
  return { total: matching.length, page: matching.slice(q.offset, q.offset + q.limit) };
}
