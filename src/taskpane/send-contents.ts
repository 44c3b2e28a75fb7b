/**
 * What a send carries, in the words a coordinator counts in: loans (not borrower rows), repayments, journal
 * updates, and the money per currency. The production confirmation, the Send tab's counts and the preview's
 * one-line summaries all say it from here, so they can never disagree.
 */
import { fill, formatList, plural, type UiCatalogue, type UiLanguage } from '../i18n';
import type { Endpoint, PreviewItem } from '../sheet';

export interface MoneyTotal {
  /** ISO 4217 code from the loan drafts; absent for repayments, whose body carries no currency. */
  currency?: string;
  amount: number;
}

export interface SendContents {
  /** What is sent; `mixed` never happens today (one sheet, one kind) but is said rather than hidden. */
  endpoint?: Endpoint | 'mixed';
  /** Loans for loan drafts (a group loan is one), repayments, journal updates. */
  items: number;
  rows: number;
  totals: MoneyTotal[];
}

export const NO_CONTENTS: SendContents = { items: 0, rows: 0, totals: [] };

export function sendContents(items: readonly PreviewItem[]): SendContents {
  const endpoints = new Set(items.map((item) => item.endpoint));
  const cents = new Map<string | undefined, number>();
  const add = (currency: string | undefined, amount: unknown): void => {
    if (typeof amount !== 'number' || !Number.isFinite(amount)) return;
    // Whole cents, so 0.1 + 0.2 adds up to what the sheet says.
    cents.set(currency, (cents.get(currency) ?? 0) + Math.round(amount * 100));
  };
  let count = 0;
  let rows = 0;
  for (const item of items) {
    rows += item.rows.length;
    const body = item.body;
    if (item.endpoint === 'loan_draft' && 'entreps' in body) {
      count += 1;
      for (const entrep of body.entreps ?? []) add(body.currency, entrep.amount);
    } else if (item.endpoint === 'repayments' && 'repayments' in body) {
      count += body.repayments.length;
      for (const repayment of body.repayments) add(undefined, repayment.amount);
    } else if (item.endpoint === 'journals') {
      const journals = Array.isArray(body) ? body : 'journals' in body ? body.journals : [];
      count += journals.length;
    }
  }
  const totals = [...cents.entries()]
    .map(([currency, amount]): MoneyTotal => ({
      ...(currency !== undefined ? { currency } : {}),
      amount: amount / 100,
    }))
    .sort((a, b) => (a.currency ?? '').localeCompare(b.currency ?? ''));
  const contents: SendContents = { items: count, rows, totals };
  if (endpoints.size === 1) contents.endpoint = [...endpoints][0] as Endpoint;
  else if (endpoints.size > 1) contents.endpoint = 'mixed';
  return contents;
}

/** `PEN 340.00` / `340,00 PEN` as the language writes it; a code Intl does not know stays beside the number. */
export function formatMoney(total: MoneyTotal, lang: string): string {
  if (total.currency !== undefined && /^[A-Z]{3}$/.test(total.currency)) {
    try {
      return new Intl.NumberFormat(lang, {
        style: 'currency',
        currency: total.currency,
        currencyDisplay: 'code',
      }).format(total.amount);
    } catch {
      // Fall through: an unknown code is still shown.
    }
  }
  const number = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    total.amount,
  );
  return total.currency !== undefined ? `${total.currency} ${number}` : number;
}

/** `2 loans (4 rows)` and `PEN 340.00` / `total 340.00`, in the pane's language. */
export function describeContents(
  lang: UiLanguage,
  t: UiCatalogue,
  contents: SendContents,
): { what: string; money?: string } {
  const unit = contents.endpoint === undefined ? t.counts.rows : t.counts[contents.endpoint];
  const items = plural(lang, unit, contents.endpoint === undefined ? contents.rows : contents.items);
  const what =
    contents.endpoint !== undefined && contents.items !== contents.rows
      ? fill(t.counts.withRows, { items, rows: plural(lang, t.counts.rows, contents.rows) })
      : items;
  if (contents.totals.length === 0) return { what };
  const amounts = contents.totals.map((total) =>
    total.currency !== undefined
      ? formatMoney(total, lang)
      : fill(t.counts.total, { amount: formatMoney(total, lang) }),
  );
  return { what, money: formatList(amounts, lang) };
}
