import type { PlannedRequest } from './batch';
import { chunk } from './batch';
import type { Caller } from './call';
import type { JournalUpdate, KivaReference, RowRef } from './models';
import { wholeRequestVerdict } from './outcomes';
import { asString, isRecord, kivaMessage, snakeValue, type WireBody } from './wire';

export interface JournalItem {
  journal: JournalUpdate;
  row: RowRef;
}

/** Where and how journals are posted: Kiva's docs and its working sample disagree, so both are presets. */
export interface JournalVariant {
  /** Path after the API base; `{partnerId}` is replaced. */
  path: string;
  /** `wrapped` sends `{"journals":[…]}`, `array` a bare array. */
  body: 'wrapped' | 'array';
  /** Any 2xx is accepted; another 2xx than this one adds a warning to the rows (to learn Kiva's real answer). */
  successStatus?: number;
}

export const JOURNAL_VARIANTS = {
  documented: { path: '/v3/partner/{partnerId}/journals', body: 'wrapped' },
  sample: { path: '/v3/partners/{partnerId}/journals', body: 'array', successStatus: 201 },
} as const satisfies Record<string, JournalVariant>;

export type JournalVariantName = keyof typeof JOURNAL_VARIANTS;

export function planJournals(
  call: Caller,
  items: readonly JournalItem[],
  variant: JournalVariant,
  batchSize: number,
  signal?: AbortSignal,
): PlannedRequest[] {
  return chunk(items, batchSize).map((part) => ({
    rows: part.map((item) => item.row),
    send: async () => {
      const journals = part.map((item) => item.journal);
      const result = await call({
        operation: 'journals',
        method: 'POST',
        path: (partnerId) => variant.path.replace('{partnerId}', encodeURIComponent(partnerId)),
        body: variant.body === 'wrapped' ? { journals } : journals,
        rows: part.length,
        ...(signal ? { signal } : {}),
        referenceOf: (body) => confirmUrls(body).filter(Boolean).join(' ') || undefined,
      });
      if (result.kind !== 'ok') return wholeRequestVerdict(result);
      const urls = confirmUrls(result.body);
      const message = kivaMessage(result.body).message;
      const unexpected =
        variant.successStatus !== undefined && result.status !== variant.successStatus
          ? [`Kiva answered HTTP ${result.status} where ${variant.successStatus} was expected`]
          : [];
      return (row, index) => {
        // One URL per journal when Kiva lists them in order; one URL for the whole batch otherwise.
        const confirmUrl = urls.length === part.length ? urls[index] : urls.length === 1 ? urls[0] : undefined;
        const reference: KivaReference = {
          ...(confirmUrl ? { confirmUrl } : {}),
          ...(message !== undefined ? { message } : {}),
          ...(unexpected.length > 0 ? { warnings: unexpected } : {}),
        };
        return { kind: 'sent', row, reference };
      };
    },
  }));
}

/**
 * The confirm_url of each journal, whether Kiva answers a list, `{journals:[…]}` (preferred: one per journal) or a
 * single object.
 */
export function confirmUrls(body: WireBody): (string | undefined)[] {
  const value = snakeValue(body);
  const listed = isRecord(value) ? (value.journals ?? value.data) : undefined;
  const entries = Array.isArray(value) ? value : Array.isArray(listed) ? listed : [value];
  return entries.map((entry) => (isRecord(entry) ? asString(entry.confirm_url) : undefined));
}
