/** Repayments sheet → `{"repayments":[…]}` bodies of at most `repaymentsPerCall` rows. */
import type { Repayment, RowRef } from '../kiva/models';
import { INVALID } from './coerce/sink';
import { skipIfSent, type ConvertContext } from './convert-context';
import { checkRow } from './portfolio';
import { THREE_COLUMNS, TWO_COLUMNS, ZERO_REFUSED } from './setting-causes';
import type { PreparedRequest } from './requests';

const REPAYMENT_FIELDS = { loan: 'loan_id', client: 'client_id', repaying: true } as const;

export function convertRepayments(ctx: ConvertContext): PreparedRequest[] {
  const { reader, settings } = ctx;
  const threeColumn = settings.threeColumn;
  if (!threeColumn && reader.has('client_id')) {
    reader.reportHeader('client_id', 'column-ignored', 'warning', {
      header: reader.headerOf('client_id'),
      ...TWO_COLUMNS,
    });
  }
  const guarded = settings.alreadySent !== undefined;
  const read: number[] = [];
  const bodies: (Repayment | undefined)[] = [];
  const seen = new Set<string>();
  let repeated: Set<string> | undefined;

  for (const i of ctx.rows.included) {
    if (guarded && ctx.rows.sentBefore(i) && skipIfSent(ctx, [i])) continue;
    reader.at(i);
    const loanId = reader.id('loan_id');
    const amount = reader.money('amount', 'amount');
    const clientId = threeColumn ? reader.id('client_id') : undefined;
    if (amount === undefined) {
      // An empty amount is "no repayment this period": not sent, not an error (the template leaves every one empty).
      const state = ctx.rows.stateOf(i);
      if (state !== undefined) state.noRepayment = true;
      continue;
    }
    if (amount === 0) {
      const refuse = settings.zeroRepayment === 'error';
      reader.reportAt(i, 'amount', 'repayment-zero', refuse ? 'error' : 'warning', refuse ? ZERO_REFUSED : {});
      reader.at(i);
    }
    if (loanId === undefined) reader.required('loan_id');
    if (threeColumn && clientId === undefined) reader.required('client_id', THREE_COLUMNS);
    if (ctx.portfolio !== undefined && typeof loanId === 'string') {
      const client = typeof clientId === 'string' ? clientId : undefined;
      checkRow(reader, ctx.portfolio, i, REPAYMENT_FIELDS, loanId, client);
    }
    let body: Repayment | undefined;
    if (typeof loanId === 'string') {
      const before = seen.size;
      seen.add(loanId);
      if (seen.size === before) (repeated ??= new Set()).add(loanId);
      if (typeof amount === 'number' && clientId !== INVALID && (clientId !== undefined || !threeColumn)) {
        body = { loan_id: loanId, amount };
        if (clientId !== undefined) body.client_id = clientId;
      }
    }
    read.push(i);
    bodies.push(body);
  }
  if (repeated !== undefined) reportRepeated(ctx, repeated, read);
  return batches(ctx, read, bodies);
}

/** The same loan twice in one report: an error on every row that has it, since Kiva would take both. */
function reportRepeated(ctx: ConvertContext, repeated: Set<string>, read: number[]) {
  const { reader } = ctx;
  const rowsOf = new Map<string, number[]>();
  for (const i of read) {
    const id = reader.peekId(i, 'loan_id');
    if (id === undefined || !repeated.has(id)) continue;
    const list = rowsOf.get(id);
    if (list === undefined) rowsOf.set(id, [i]);
    else list.push(i);
  }
  for (const [loanId, indices] of rowsOf) {
    const numbers = indices.map((i) => String(reader.rowNumber(i)));
    for (const i of indices)
      reader.reportAt(i, 'loan_id', 'duplicate-loan-id', 'error', { value: loanId, rows: numbers });
  }
}

function batches(ctx: ConvertContext, read: number[], bodies: (Repayment | undefined)[]): PreparedRequest[] {
  const { reader, settings } = ctx;
  const requests: PreparedRequest[] = [];
  let repayments: Repayment[] = [];
  let rows: RowRef[] = [];
  for (let n = 0; n < read.length; n++) {
    const body = bodies[n];
    const i = read[n] as number;
    if (body === undefined || reader.hasError(i)) continue;
    repayments.push(body);
    rows.push({ sheet: reader.sheet, row: reader.rowNumber(i), key: body.loan_id });
    if (repayments.length === settings.repaymentsPerCall) {
      requests.push({ endpoint: 'repayments', body: { repayments }, rows });
      repayments = [];
      rows = [];
    }
  }
  if (repayments.length > 0) requests.push({ endpoint: 'repayments', body: { repayments }, rows });
  return requests;
}
