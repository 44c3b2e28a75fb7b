/** Request items as src/sheet builds them, for the submit endpoints. */
import { EMULATOR_CONFIG } from '../../dev/kiva-emulator';
import type { JournalUpdate, LoanDraft, PartnerLoan, Repayment, RowRef } from '../../src/kiva';
import type { Harness } from './harness';

export interface DraftItem {
  body: LoanDraft;
  rows: RowRef[];
}

export function individualDraft(loanId: string, row: number, sheet = 'Loans'): DraftItem {
  return {
    body: {
      activity_id: EMULATOR_CONFIG.activities[0]?.activity_id,
      location: EMULATOR_CONFIG.locations[0]?.full_name,
      description: 'Compra de insumos para su panadería',
      entreps: [
        {
          amount: 500,
          loan_id: loanId,
          client_id: `C${loanId}`,
          first_name: 'Ana',
          last_name: 'Quispe',
          gender: 'female',
        },
      ],
      schedule: [{ date: '2027-01-15', principal: 500, interest: 25 }],
    },
    rows: [{ sheet, row }],
  };
}

export function groupDraft(groupLoanId: string, firstRow: number, sheet = 'Groups'): DraftItem {
  return {
    body: {
      group_name: 'Las Emprendedoras',
      internal_loan_id: groupLoanId,
      internal_client_id: `G${groupLoanId}`,
      entreps: [
        { amount: 300, loan_id: `${groupLoanId}-1`, first_name: 'Rosa', last_name: 'Mamani', gender: 'female' },
        { amount: 250, loan_id: `${groupLoanId}-2`, first_name: 'Luz', last_name: 'Condori', gender: 'female' },
      ],
      not_pictured: [false, true],
    },
    rows: [
      { sheet, row: firstRow },
      { sheet, row: firstRow + 1 },
    ],
  };
}

export interface RepaymentEntry {
  repayment: Repayment;
  row: RowRef;
}

export async function payingBackLoans(harness: Harness, count: number): Promise<PartnerLoan[]> {
  const answer = await harness.api('/api/loans?env=stage&status=payingBack');
  expect(answer.status).toBe(200);
  const loans = answer.json<{ loans: PartnerLoan[] }>().loans.slice(0, count);
  expect(loans).toHaveLength(count);
  return loans;
}

export function repaymentsFor(loans: readonly PartnerLoan[], firstRow = 2): RepaymentEntry[] {
  return loans.map((loan, index) => ({
    repayment: { loan_id: loan.internal_loan_id ?? '', amount: 25 + index },
    row: { sheet: 'Repayments', row: firstRow + index, key: loan.internal_loan_id ?? '' },
  }));
}

export function journal(
  loanId: string,
  row: number,
  body = 'Ella abrió su segunda tienda',
): { journal: JournalUpdate; row: RowRef } {
  return { journal: { subject: 'Nuevas noticias', body, internal_loan_id: loanId }, row: { sheet: 'Journals', row } };
}

/**
 * Outcome kinds, rows the ledger held back named for why: `sent-earlier` (the same content Kiva accepted: the row is
 * sent), `changed` (other content under the same key), `uncertain-earlier`, `in-flight`.
 */
export function kinds(outcomes: readonly { kind: string; code?: string; earlier?: unknown }[]): string[] {
  return outcomes.map((outcome) => {
    if (outcome.earlier === undefined) return outcome.kind;
    if (outcome.kind === 'sent') return 'sent-earlier';
    if (outcome.kind === 'uncertain') return 'uncertain-earlier';
    return outcome.code === 'ledger.changed' ? 'changed' : outcome.code === 'ledger.in-flight' ? 'in-flight' : 'failed';
  });
}
