/** What a user checks before a first send to stage: the exact bodies, in send order, with their rows. */
import type { RowRef } from '../kiva/models';
import type { Conversion } from './convert';
import type { Endpoint, PreparedRequest } from './requests';
import { describeRows } from './write-back';

export interface PreviewItem {
  /** 1-based position in the send order. */
  position: number;
  endpoint: Endpoint;
  rows: RowRef[];
  /** `Loans!2–4` */
  rowsText: string;
  body: PreparedRequest['body'];
  /** The body exactly as it will be serialised, indented for reading. */
  json: string;
}

export function preview(conversion: Pick<Conversion, 'requests'>): PreviewItem[] {
  return conversion.requests.map((request, k) => ({
    position: k + 1,
    endpoint: request.endpoint,
    rows: request.rows,
    rowsText: describeRows(request.rows),
    body: request.body,
    json: JSON.stringify(request.body, null, 2),
  }));
}
