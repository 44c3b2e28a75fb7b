import type { PlannedRequest } from './batch';
import { chunk } from './batch';
import type { Caller, CallResult } from './call';
import type { JournalRouter } from './journal-route';
import type { JournalUpdate, KivaReference, RowRef } from './models';
import { answeredVerdict, wholeRequestVerdict } from './outcomes';
import { asString, isRecord, kivaMessage, snakeValue, type WireBody } from './wire';

export interface JournalItem {
  journal: JournalUpdate;
  row: RowRef;
}

/** Where and how journals are posted: Kiva's docs and its working sample disagree, so both are presets. */
export interface JournalVariant {
  /** Set on the two presets: only a named variant has an "other one" to fall back to on a 404. */
  name?: 'documented' | 'sample';
  /** Path after the API base; `{partnerId}` is replaced. */
  path: string;
  /** `wrapped` sends `{"journals":[…]}`, `array` a bare array. */
  body: 'wrapped' | 'array';
  /** Any 2xx is accepted; another 2xx than this one adds a warning to the rows (to learn Kiva's real answer). */
  successStatus?: number;
}

export const JOURNAL_VARIANTS = {
  documented: { name: 'documented', path: '/v3/partner/{partnerId}/journals', body: 'wrapped' },
  sample: { name: 'sample', path: '/v3/partners/{partnerId}/journals', body: 'array', successStatus: 201 },
} as const satisfies Record<string, JournalVariant>;

export type JournalVariantName = keyof typeof JOURNAL_VARIANTS;

/**
 * One request per chunk, at the route the router names first; a 404 there applied nothing, so the same chunk goes
 * once to the other route (the router remembers which one answered).
 */
export function planJournals(
  call: Caller,
  items: readonly JournalItem[],
  router: JournalRouter,
  batchSize: number,
  signal?: AbortSignal,
): PlannedRequest[] {
  return chunk(items, batchSize).map((part) => ({
    rows: part.map((item) => item.row),
    send: async () => {
      const journals = part.map((item) => item.journal);
      const post = (variant: JournalVariant): Promise<CallResult> =>
        call({
          operation: 'journals',
          method: 'POST',
          path: (partnerId) => variant.path.replace('{partnerId}', encodeURIComponent(partnerId)),
          body: variant.body === 'wrapped' ? { journals } : journals,
          rows: part.length,
          ...(signal ? { signal } : {}),
          referenceOf: (body) => confirmUrls(body).filter(Boolean).join(' ') || undefined,
        });
      const { variant, result } = await router.exclusive(async () => {
        const first = router.current();
        const answer = await post(first);
        const other = isNotFound(answer) ? router.fallback(first) : undefined;
        if (other === undefined) {
          settle(router, first, answer);
          return { variant: first, result: answer };
        }
        const second = await post(other);
        if (isNotFound(second)) router.bothMissing();
        else settle(router, other, second);
        return { variant: other, result: second };
      });
      if (result.kind !== 'ok') return wholeRequestVerdict(result);
      const urls = confirmUrls(result.body);
      const message = kivaMessage(result.body).message;
      const unexpected =
        variant.successStatus !== undefined && result.status !== variant.successStatus
          ? [`Kiva answered HTTP ${result.status} where ${variant.successStatus} was expected`]
          : [];
      return answeredVerdict(result.status, (row, index) => {
        // One URL per journal when Kiva lists them in order; one URL for the whole batch otherwise.
        const confirmUrl = urls.length === part.length ? urls[index] : urls.length === 1 ? urls[0] : undefined;
        const reference: KivaReference = {
          ...(confirmUrl ? { confirmUrl } : {}),
          ...(message !== undefined ? { message } : {}),
          ...(unexpected.length > 0 ? { warnings: unexpected } : {}),
        };
        return { kind: 'sent', row, reference };
      });
    },
  }));
}

function isNotFound(result: CallResult): boolean {
  return result.kind === 'rejected' && result.status === 404;
}

/** Only Kiva's own answer says anything about the route: a lost connection or a cancel says nothing. */
function settle(router: JournalRouter, variant: JournalVariant, result: CallResult): void {
  if (result.kind === 'ok') router.confirm(variant, true);
  else if (result.kind === 'rejected') router.confirm(variant, false);
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
