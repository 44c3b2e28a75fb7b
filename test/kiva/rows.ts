import type { JournalItem, LoanDraftItem, RepaymentItem, RowOutcome } from '../../src/kiva';

export function repaymentItems(count: number, sheet = 'Repayments'): RepaymentItem[] {
  return Array.from({ length: count }, (_, index) => ({
    repayment: { loan_id: String(1000 + index), amount: 25 + index / 100 },
    row: { sheet, row: index + 2, key: String(1000 + index) },
  }));
}

export function draftItems(count: number): LoanDraftItem[] {
  return Array.from({ length: count }, (_, index) => ({
    body: {
      activity_id: 61,
      currency: 'PHP',
      description: `Loan ${index}`,
      entreps: [{ amount: 500, loan_id: `L${index}` }],
    },
    rows: [
      { sheet: 'Loans', row: 2 + index * 2 },
      { sheet: 'Loans', row: 3 + index * 2 },
    ],
  }));
}

export function journalItems(count: number): JournalItem[] {
  return Array.from({ length: count }, (_, index) => ({
    journal: { subject: 'Update', body: `News ${index}`, internal_loan_id: `L${index}` },
    row: { sheet: 'Journals', row: index + 2 },
  }));
}

export function kinds(outcomes: readonly RowOutcome[]): string[] {
  return outcomes.map((outcome) => outcome.kind);
}

/** Every input row exactly once, in input order. */
export function expectOnePerRow(outcomes: readonly RowOutcome[], rows: readonly { row: number }[]): void {
  expect(outcomes.map((outcome) => outcome.row.row)).toEqual(rows.map((row) => row.row));
}
