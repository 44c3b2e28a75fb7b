import type { Catalogue } from './catalogue';

export const en: Catalogue = {
  issues: {
    'sheet-empty': 'The sheet is empty: the headers go in row 1.',
    'kind-unknown':
      'Cannot tell what this sheet holds from its headers: name the columns as in the template (for example loan_id, amount) or choose the sheet type by hand.',
    'kind-ask':
      'Cannot tell what this sheet holds ({kinds}): choose its kind (Sheet tab of the task pane, or --kind on the command line). Nothing is read as loan drafts by guess.',
    'column-missing': 'No column for “{field}”: add a column with this header.',
    'column-duplicate': 'Column “{header}” repeats column {first}: this one is ignored.',
    'column-ignored': 'Column “{header}” is not sent.',
    'excel-error': 'The cell shows the Excel error {value}: fix the formula or type the value.',
    'unreadable-cell': 'The content of this cell cannot be read ({value}).',
    'required-missing': '“{header}” is required.',
    'recommended-missing': '“{header}” is empty: PA2 will ask for it before the loan is published.',
    'expected-text': 'Expected text or an id, found {value}.',
    'text-too-long': 'Too long: {length} characters (at most {max}).',
    'text-very-long': 'Very long text: {length} characters (an Excel cell holds at most {max}); Kiva may shorten it.',
    'formula-like-text': 'Starts with “{first}”: sent to Kiva as text, exactly as written, not calculated.',
    'id-not-integer': '{value} is not a whole number: an id has no decimals (type the id as text if it has any).',
    'id-precision-lost':
      'This id is stored as the number {value}: Excel keeps only 15 digits, so its last digits are lost. Format the column as Text and type the id again.',
    'not-a-number': '“{value}” is not a number.',
    'number-ambiguous':
      '“{value}” could be read as two different numbers: write it without the thousands separator (for example 1234).',
    'number-wrong-separator': '“{value}” is not written with the decimal separator “{separator}”.',
    'number-too-large': '{value} is too large to be an amount.',
    'too-many-decimals': '{value} has more than 2 decimals.',
    'amount-not-positive': 'The amount must be greater than 0 (found {value}).',
    'amount-negative': 'The amount must be 0 or more (found {value}).',
    'publish-column-missing': 'No column is “{fieldName}”: PA2 will ask for it on every loan before publishing.',
    'publish-column-guess':
      'No column is “{fieldName}”: PA2 will ask for it before publishing. Is it column {column} ({header})? Map it on the Sheet tab.',
    'waiver-not-given': 'The client waiver is not signed: PA2 will not publish the loan without it.',
    'schedule-sheet-missing':
      'No schedule sheet: PA2 will ask for a repayment schedule on every loan before publishing. Add a sheet with loan_id, date, principal and interest.',
    'schedule-missing':
      'No repayment schedule for this loan (no row on a schedule sheet): PA2 will ask for one before publishing.',
    'amount-publish-minimum': 'The loan amount {amount} is at or below Kiva’s publish minimum ({floor}).',
    'disburse-date-near-limit':
      'Disbursal date {date}: PA2 publishes a loan only until 30 days after its disbursal, so until {last}.',
    'repayment-zero':
      'A repayment of 0 is sent as 0 (nothing repaid this period). Leave the amount empty if this loan is not reported; your Settings can make 0 an error.',
    'gender-not-given': '“{value}”: the gender is left out of the draft; PA2 will ask for it before publishing.',
    'number-negative': 'Must be 0 or more (found {value}).',
    'date-format':
      '“{value}” is not a date: enter an Excel date or write YYYY-MM-DD (for example 2026-03-04). Day and month order is never guessed.',
    'date-invalid': '{value} is not a real date: check the day and the month.',
    'date-fictitious': '{value} never existed (a quirk Excel inherited from Lotus 1-2-3): check the date.',
    'date-out-of-range': '{value} cannot be read as a date.',
    'date-from-number': 'The number {value} was read as the date {date}: format the cell as a date to confirm.',
    'disburse-date-window': 'Disbursal date {date} is outside what PA2 accepts today: from {from} to {to}.',
    'yesno-invalid': '“{value}” is not yes or no: write yes/no, sí/no, oui/non, TRUE/FALSE, 1/0, or x / empty.',
    'gender-invalid': '“{value}” is not a gender: write male or female (M/F, hombre/mujer, homme/femme also work).',
    'gender-ambiguous':
      '“{value}” is ambiguous in a column that also uses H: it can mean male or mujer (female). Write male or female.',
    'duplicate-loan-id': 'Loan id {value} appears more than once (rows {rows}): one row per loan.',
    'group-inconsistent':
      '“{header}” differs from the group’s value in {first} ({value}): every row of a group must have the same value.',
    'group-field-ignored':
      '“{header}” is only for group loans (rows sharing an internal_loan_id): not sent for this individual loan.',
    'group-incomplete': 'Group {value} also has rows {rows}, hidden or not selected: select the whole group.',
    'group-single-borrower': 'Group {value} has a single borrower.',
    'lookup-unknown': '“{value}” is not in your Kiva {list} list. Closest: {choices}.',
    'lookup-ambiguous': '“{value}” matches several {list}: {choices}. Write the full name.',
    'lookup-lists-missing': 'The Kiva lists are not loaded: refresh them to check the {list}.',
    'currency-unknown': '“{value}” is not a currency of your Kiva locales. Closest: {choices}.',
    'photo-error': 'Photo “{value}” could not be read ({detail}).',
    'photo-invalid': 'The photo is not a JPEG, PNG, GIF or WebP image in a base64 data URI.',
    'url-invalid': '“{value}” is not a web address starting with https:// or http://.',
    'journal-subject-missing':
      'The journal update has no subject: Kiva’s examples always give one, and lenders see it as the update’s title.',
    'schedule-orphan': 'No loan {value} on the loans sheet for this instalment.',
    'schedule-duplicate-date': 'Another instalment of this loan is due on {date} too.',
    'schedule-empty-instalment': 'This instalment has neither principal nor interest.',
    'schedule-sum-mismatch': 'The schedule’s principal adds up to {sum}; the loan amount is {amount}.',
    // recognition: the portfolio check against the partner's loans at Kiva (portfolio.ts).
    'loan-not-listed':
      'Kiva does not list loan {value} among your partner’s loans: Kiva will refuse this row. Check the loan id in PA2.',
    'loan-not-repaying':
      'Kiva lists loan {value} as {status}, not paying back: Kiva may not apply this repayment. Check the loan in PA2.',
    'loan-id-spelling':
      'Kiva lists this loan as {expected}, not {value} (leading zeros lost, or another case): Kiva may not find it. Write {expected}, in a column formatted as Text.',
    'client-id-mismatch':
      'Client id {value} is not the client of loan {loan} at Kiva ({expected}): Kiva will refuse this row.',
  },
  lists: {
    activity: 'activities',
    theme: 'themes',
    location: 'locations',
    language: 'languages',
    currency: 'currencies',
  },
  // Kiva's fields as a coordinator knows them (the pane's Sheet tab, and messages about a missing column).
  fields: {
    loan_id: 'Loan id',
    client_id: 'Client id',
    amount: 'Amount',
    first_name: 'First name',
    last_name: 'Last name',
    gender: 'Gender',
    not_pictured: 'Not in the photo',
    internal_loan_id: 'Group loan id',
    group_name: 'Group name',
    internal_client_id: 'Group client id',
    activity: 'Activity',
    theme: 'Theme',
    location: 'Location',
    language: 'Description language',
    currency: 'Currency',
    disburse_time: 'Disbursal date',
    description: 'Description',
    loanuse: 'Loan use',
    client_waiver_signed: 'Client waiver signed',
    photo: 'Photo',
    date: 'Instalment date',
    principal: 'Principal',
    interest: 'Interest',
    subject: 'Subject',
    body: 'Text',
    image_url: 'Image web address',
  },
  kinds: {
    loans: 'loan drafts',
    schedule: 'repayment schedule',
    repayments: 'repayment report',
    journals: 'journal updates',
  },
  kindReasons: {
    override: '{kind} — chosen by you',
    headers: { one: '{kind} — from the column {headers}', other: '{kind} — from the columns {headers}' },
    repaymentHeaders: '{kind} — from the columns {headers}, with no column only loan drafts have',
    sheetName: '{kind} — from the sheet name “{sheet}” (the columns fit {among})',
    ask: {
      several: 'not decided — the columns fit {among}, and the sheet name does not say which',
      'name-conflict': 'not decided — the columns fit {among}, but the sheet name “{sheet}” says {named}',
      'too-little': 'not decided — the columns name loans but hold no amount, date or text to send',
    },
    none: 'not a sheet for Kiva — no column names an amount, a loan field or a journal',
    kivaLoans:
      'the Kiva loans list — what loan ids are checked against when Kiva cannot be reached; never checked or sent',
  },
  none: 'none',
  punctuation: { colon: ': ', semicolon: '; ' },
  // recognition: an identical message in many rows, said once.
  repeated: { one: 'In {count} row: {message}', other: 'In {count} rows: {message}' },
  environments: { stage: 'stage', production: 'production', custom: 'custom' },
  // recognition: Kiva's loan statuses in a sentence (`Kiva lists loan 1042 as ended`); others are shown as Kiva spells them.
  // recognition: a message caused by a setting ends by naming it (formatMessage; params setting, settingValue).
  settingCause: 'Because the setting “{setting}” is “{value}” (Settings, on the pane’s Tools tab).',
  settingCauseFrom: {
    environment: 'Because {variable} is set for the command line (in its environment or a .env file).',
    file: 'Because this file separates its fields with “;”, which goes with a decimal comma.',
  },
  // recognition: a portfolio finding made against the Kiva loans sheet ends by naming it and its date.
  portfolioFromSheet: 'Checked against the “{sheet}” sheet read on {date}, not Kiva itself.',
  settingNames: {
    decimalSeparator: 'Decimal separator',
    threeColumn: 'Repayment report format',
    zeroRepayment: 'A repayment of 0',
    localAmountFloor: 'Publish minimum in local currency',
  },
  settingValues: {
    decimalSeparator: { '.': 'point (1234.5)', ',': 'comma (1234,5)' },
    threeColumn: { true: 'three columns (loan id, client id, amount)', false: 'two columns (loan id, amount)' },
    zeroRepayment: { warning: 'sent with a warning', error: 'an error' },
  },
  loanStatuses: {
    payingBack: 'paying back',
    defaulted: 'defaulted',
    fundRaising: 'fundraising',
    raised: 'fully raised',
    ended: 'ended',
    expired: 'expired',
    inactive: 'inactive',
    inactive_expired: 'inactive (expired)',
    refunded: 'refunded',
    reviewed: 'reviewed',
    issue: 'with an issue',
    issue_revising: 'under revision',
    issue_approving: 'awaiting approval',
    deleted: 'deleted',
  },
  status: {
    header: 'Kiva status',
    sent: 'Sent',
    error: 'Error',
    invalid: 'Invalid',
    uncertain: 'Uncertain',
    checkBeforeResending: 'check PA2 before resending',
    reasons: {
      timeout: 'no answer in time',
      'connection-lost': 'the connection was lost',
      'server-error': 'Kiva’s server failed',
      'not-kiva': 'the answer was not Kiva’s (a login or proxy page?)',
      'unplaced-problem': 'Kiva reported an error for a loan it could not match to a row',
      'earlier-uncertain': 'an earlier send had no sure answer',
    },
    // ledgerpane: Kiva accepted the row with warnings.
    sentWithWarnings: 'Sent with warnings',
    kivaWarning: 'Kiva: {warning}',
    kivaWarnings: {
      'loan.not.repaying': 'the loan is not repaying in Kiva (check its status in PA2)',
      'client.mismatch': 'the client id is not this loan’s client in Kiva',
    },
    ledger: {
      sentEarlier: 'sent earlier by {user}',
      changed: 'Changed since sent',
      changedDetail: '{changes} (sent {at} by {user}): correct it in PA2, or choose Resend',
      changedUnknown: 'Kiva holds other content, sent {at} by {user}: correct it in PA2, or choose Resend',
      change: '{field} {was} → {now}',
      someone: 'this computer',
      earlierUncertain: 'sent {at} by {user} without a sure answer',
      inFlight: 'being sent by {user} right now; not sent twice',
      fields: {
        amount: 'amount',
        disbursal: 'disbursal date',
        borrowers: 'borrowers',
        subject: 'subject',
      },
    },
    // ledger: what the delivery ledger knows of a row.
    ledgerRows: {
      sentEarlierBy: 'sent earlier by {user}',
      sentEarlier: 'sent earlier from this computer',
      uncertainEarlier: 'sent on {at} by {user} without a sure answer',
      runStopped: 'the run sending it on {at} stopped before Kiva answered',
      changed: 'changed since it was sent on {at} by {user} ({changes}): correct it in PA2, or choose Resend',
      changedOther: 'the row changed',
      someone: 'this computer’s administrator',
    },
  },
  logHeaders: ['Time', 'Environment', 'Endpoint', 'Rows', 'HTTP status', 'Kiva reference or message'],
};
