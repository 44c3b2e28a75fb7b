import {
  combineConfigLists,
  MAX_LOANS_PAGE,
  type ConfigLists,
  type KivaError,
  type LoanStatus,
  type PartnerLoan,
  type Result,
} from '../../kiva';
import type { KivaConnection } from './connections';

/**
 * Reads are split into single requests here, each taking a gate slot, so a long listing shares Kiva's bound fairly
 * with everybody's sends instead of bypassing it.
 */
export async function readConfigLists(connection: KivaConnection): Promise<Result<ConfigLists>> {
  const reads = connection.client();
  return combineConfigLists((name) => connection.gate(() => reads.getConfigList(name)));
}

export async function readAllLoans(
  connection: KivaConnection,
  statuses: readonly LoanStatus[],
  query: string | undefined,
): Promise<Result<PartnerLoan[]>> {
  const lists = await Promise.all(statuses.map((status) => loansOfStatus(connection, status, query)));
  const loans: PartnerLoan[] = [];
  for (const list of lists) {
    if (!list.ok) return list;
    loans.push(...list.value);
  }
  return { ok: true, value: loans };
}

async function loansOfStatus(
  connection: KivaConnection,
  status: LoanStatus,
  query: string | undefined,
): Promise<Result<PartnerLoan[]>> {
  const reads = connection.client();
  const limit = Math.min(MAX_LOANS_PAGE, connection.settings.loansPageSize);
  const page = (offset: number) =>
    connection.gate(() => reads.getLoans({ status, offset, limit, ...(query !== undefined ? { query } : {}) }));
  const first = await page(0);
  if (!first.ok) return first;
  const loans = [...first.value.loans];
  const total = first.value.total;
  if (total !== undefined) {
    const offsets: number[] = [];
    for (let offset = limit; offset < total; offset += limit) offsets.push(offset);
    for (const next of await Promise.all(offsets.map(page))) {
      if (!next.ok) return next;
      loans.push(...next.value.loans);
    }
    return { ok: true, value: loans };
  }
  // Without Kiva's total, page on until a short page; a server that ignores `offset` must not loop forever.
  for (let last = first.value; last.loans.length >= limit;) {
    const next = await page(last.offset + limit);
    if (!next.ok) return next;
    if (next.value.loans.length > 0 && JSON.stringify(next.value.loans) === JSON.stringify(last.loans)) {
      return { ok: false, error: repeatedPage };
    }
    loans.push(...next.value.loans);
    last = next.value;
  }
  return { ok: true, value: loans };
}

const repeatedPage: KivaError = { code: 'kiva.bad-response', params: { detail: 'loans paging repeats the same page' } };
