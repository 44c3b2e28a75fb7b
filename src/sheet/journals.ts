/** Journals sheet → journal updates, sent as a bare array or wrapped, per the `journalsBody` setting. */
import type { JournalUpdate, RowRef } from '../kiva/models';
import { INVALID } from './coerce/sink';
import { EXCEL_CELL_LIMIT } from './coerce/text';
import { skipIfSent, type ConvertContext } from './convert-context';
import { checkRow } from './portfolio';
import { THREE_COLUMNS, TWO_COLUMNS } from './setting-causes';
import { chunk, type PreparedRequest } from './requests';

const WEB_ADDRESS = /^https?:\/\/[^\s]+$/i;

const JOURNAL_FIELDS = { loan: 'internal_loan_id', client: 'internal_client_id', repaying: false } as const;

export function convertJournals(ctx: ConvertContext): PreparedRequest[] {
  const { reader, settings } = ctx;
  const threeColumn = settings.threeColumn;
  if (!threeColumn && reader.has('internal_client_id')) {
    reader.reportHeader('internal_client_id', 'column-ignored', 'warning', {
      header: reader.headerOf('internal_client_id'),
      ...TWO_COLUMNS,
    });
  }
  const built: { index: number; body: JournalUpdate }[] = [];
  // Kiva's sample and library always send a subject: without the column, say so once for the sheet.
  if (!reader.has('subject') && ctx.rows.included.length > 0) {
    reader.reportSheet('journal-subject-missing', 'warning', {}, 'subject');
  }

  for (const i of ctx.rows.included) {
    if (ctx.rows.sentBefore(i) && skipIfSent(ctx, [i])) continue;
    reader.at(i);
    const loanId = reader.id('internal_loan_id');
    const clientId = threeColumn ? reader.id('internal_client_id') : undefined;
    const subject = reader.text('subject', 255);
    const text = reader.text('body', EXCEL_CELL_LIMIT);
    let imageUrl = reader.text('image_url', 2048);
    if (typeof imageUrl === 'string' && !WEB_ADDRESS.test(imageUrl)) {
      reader.report('url-invalid', 'error', { value: imageUrl });
      imageUrl = INVALID;
    }
    if (loanId === undefined) reader.required('internal_loan_id');
    if (text === undefined) reader.required('body');
    if (threeColumn && clientId === undefined) reader.required('internal_client_id', THREE_COLUMNS);
    if (ctx.portfolio !== undefined && typeof loanId === 'string') {
      checkRow(reader, ctx.portfolio, i, JOURNAL_FIELDS, loanId, typeof clientId === 'string' ? clientId : undefined);
    }
    if (reader.hasError(i) || typeof loanId !== 'string' || typeof text !== 'string') continue;
    if (subject === undefined && reader.has('subject')) {
      reader.reportAt(i, 'subject', 'journal-subject-missing', 'warning', {});
    }
    const body: JournalUpdate = { body: text, internal_loan_id: loanId };
    if (typeof subject === 'string') body.subject = subject;
    if (typeof imageUrl === 'string') body.image_url = imageUrl;
    if (typeof clientId === 'string') body.internal_client_id = clientId;
    built.push({ index: i, body: ordered(body) });
  }

  return chunk(built, settings.journalsPerCall).map((slice) => {
    const updates = slice.map((b) => b.body);
    return {
      endpoint: 'journals' as const,
      body: settings.journalsBody === 'wrapped' ? { journals: updates } : updates,
      rows: slice.map((b): RowRef => ({
        sheet: reader.sheet,
        row: reader.rowNumber(b.index),
        key: b.body.internal_loan_id,
      })),
    };
  });
}

/** Kiva's documented field order, so previews read like Kiva's own examples. */
function ordered(j: JournalUpdate): JournalUpdate {
  const out: JournalUpdate = {} as JournalUpdate;
  if (j.subject !== undefined) out.subject = j.subject;
  out.body = j.body;
  if (j.image_url !== undefined) out.image_url = j.image_url;
  out.internal_loan_id = j.internal_loan_id;
  if (j.internal_client_id !== undefined) out.internal_client_id = j.internal_client_id;
  return out;
}
