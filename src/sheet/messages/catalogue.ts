import type { IssueCode } from '../issues';
import type { LookupList } from '../lookups';

/** Everything this layer writes for people, in one language. */
export interface Catalogue {
  issues: Record<IssueCode, string>;
  lists: Record<LookupList, string>;
  /** Shown instead of an empty list of choices. */
  none: string;
  status: {
    header: string;
    sent: string;
    error: string;
    invalid: string;
    uncertain: string;
    checkBeforeResending: string;
    reasons: Record<'timeout' | 'connection-lost' | 'server-error' | 'not-kiva', string>;
  };
  logHeaders: readonly [string, string, string, string, string, string];
}
