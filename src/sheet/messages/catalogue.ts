import type { FieldName, SheetKind } from '../fields';
import type { IssueCode } from '../issues';
import type { LookupList } from '../lookups';
import type { WorkbookSettingName } from '../settings';

/** Everything this layer writes for people, in one language. */
export interface Catalogue {
  issues: Record<IssueCode, string>;
  lists: Record<LookupList, string>;
  /** Kiva's fields as a coordinator knows them (`Activity`): the pane's Sheet tab, and `{fieldName}` in messages. */
  fields: Record<FieldName, string>;
  /** What each kind of sheet is called in a sentence (`repayment report`). */
  kinds: Record<SheetKind, string>;
  /** Why a sheet is read as its kind (see describeKind); `{kind}` is one of `kinds`. */
  kindReasons: {
    override: string;
    headers: { one: string; other: string };
    /** A repayment report is recognised by what it has and by what it lacks. */
    repaymentHeaders: string;
    sheetName: string;
    ask: Record<'several' | 'name-conflict' | 'too-little', string>;
    none: string;
    /** The Kiva loans sheet (portfolio.ts): the portfolio check's list, never data. */
    kivaLoans: string;
  };
  /** Shown instead of an empty list of choices. */
  none: string;
  /** What follows a label (`Loans!F7: …`, `Error: …`) and what parts a list (French: U+00A0 before :, U+202F before ;). */
  punctuation: { colon: string; semicolon: string };
  // recognition: one line for an identical message in many rows (see issue-groups.ts); `{message}` is the issue's.
  repeated: { one: string; other: string };
  /**
   * Kiva's environments as statuses and sentences name them (`Sent · stage · …`, `Enviado · pruebas (stage) · …`):
   * "stage" means internship in French, so es/fr say what it is and keep Kiva's word. Read back in any language.
   */
  environments: Record<'stage' | 'production' | 'custom', string>;
  // recognition: Kiva's loan statuses worded for a sentence, by Kiva's spelling (`payingBack`).
  loanStatuses: Record<string, string>;
  // recognition: `… Because the setting “{setting}” is “{value}” …`, added to a message a setting caused.
  settingCause: string;
  /**
   * recognition: added to a portfolio finding when the list came from the Kiva loans sheet (Kiva out of reach):
   * `{sheet}` and `{date}` (`YYYY-MM-DD`) say which list and how old.
   */
  portfolioFromSheet: string;
  /** The same for a setting the run took elsewhere (SheetSettings.settingSources); `{variable}`: `NAME=value`. */
  settingCauseFrom: { environment: string; file: string };
  settingNames: Record<WorkbookSettingName, string>;
  /** Worded values by setting; a setting without an entry (a number) is shown as it is. */
  settingValues: Partial<Record<WorkbookSettingName, Record<string, string>>>;
  status: {
    header: string;
    sent: string;
    error: string;
    invalid: string;
    uncertain: string;
    checkBeforeResending: string;
    reasons: Record<
      'timeout' | 'connection-lost' | 'server-error' | 'not-kiva' | 'unplaced-problem' | 'earlier-uncertain',
      string
    >;
    // ledgerpane: Kiva accepted the row with warnings (its own prefix, read back as sent).
    sentWithWarnings: string;
    /** `Kiva: {warning}` — one of Kiva's warnings on an accepted row. */
    kivaWarning: string;
    /** Kiva's warning codes this tool knows, worded; other codes are shown as Kiva's words, quoted. */
    kivaWarnings: Record<string, string>;
    // period: what the delivery ledger knows of a row sent before (src/sheet/status.ts, docs/workbook-rules.md).
    ledger: {
      /** Appended to a Sent status the ledger restored: `sent earlier by {user}`. */
      sentEarlier: string;
      /** The prefix of a row held back because Kiva holds other content for the same loan (read back as its own kind). */
      changed: string;
      /** `{changes}` is a list of `field was → now`, `{at}` local time, `{user}` who sent it. */
      changedDetail: string;
      /** The same without a list (the ledger did not keep the earlier content). */
      changedUnknown: string;
      /** `{field} {was} → {now}` */
      change: string;
      /** Who sent it when the ledger names nobody (a system account): `this computer`. */
      someone: string;
      /** An uncertain row held back: `sent on {at} by {user} without a sure answer`. */
      earlierUncertain: string;
      /** Being sent by another request right now. */
      inFlight: string;
      /** Field names as a coordinator knows them; other fields are named as Kiva names them. */
      fields: Record<string, string>;
    };
    // ledger: what the delivery ledger knows of a row (written by validate, preview and send). {at}: local time.
    ledgerRows: {
      /** After a Sent status: who sent it, in an earlier run. */
      sentEarlierBy: string;
      /** The sender is only known as the computer's administrator account (root): no name to give. */
      sentEarlier: string;
      /** Uncertain reason: an earlier send got no sure answer. */
      uncertainEarlier: string;
      /** Uncertain reason: the run sending it stopped (killed, power cut) before Kiva answered. */
      runStopped: string;
      /** Error: same loan (and period), other content than what was sent. {changes}: `amount 20 → 2 500`. */
      changed: string;
      /** The content differs but none of the summarised fields does. (Each change is worded as status.ledger's.) */
      changedOther: string;
      /** The user whose name is not worth showing (root, an empty account name). */
      someone: string;
    };
  };
  logHeaders: readonly [string, string, string, string, string, string];
}
