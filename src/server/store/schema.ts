/**
 * The audit log doubles as the duplicate guard: an item row is both the record of what was sent and, while its
 * state is reserved, accepted or uncertain, the reason the same loan is held back next time.
 */
export const SCHEMA_VERSION = 3;

/**
 * Columns added after version 1, with their types: `migrate` adds those a version-1 file lacks. `user_id` is the
 * caller's stable id (Entra object id, or `local:<account>`) beside `user`, its display name; a production submit
 * records the confirmation it came with (the id the pane gave it and the row count the user confirmed).
 * Version 3 (the delivery ledger shared with the command line): each submit records the run that made it (a random
 * id per process, its pid and host) so a reservation left by a dead run can be told from one still in flight, and
 * each item a summary of its content (amount, borrowers) so a changed row can say what changed.
 * Still version 3 (a build that does not know them ignores them, and its reservations, with no boot, recover as
 * before): a submit whose caller marks its requests as they leave records the machine's boot (`boot`, ./boot.ts)
 * and the time its request left (`leaving_at`), so a dead run's reservation that never left can be released.
 */
export const ADDED_COLUMNS: readonly { table: string; column: string; type: string }[] = [
  { table: 'submits', column: 'user_id', type: 'TEXT' },
  { table: 'submits', column: 'confirmation_id', type: 'TEXT' },
  { table: 'submits', column: 'confirmed_rows', type: 'INTEGER' },
  { table: 'submits', column: 'run_id', type: 'TEXT' },
  { table: 'submits', column: 'pid', type: 'INTEGER' },
  { table: 'submits', column: 'host', type: 'TEXT' },
  { table: 'items', column: 'summary', type: 'TEXT' },
  { table: 'submits', column: 'boot', type: 'TEXT' },
  { table: 'submits', column: 'leaving_at', type: 'TEXT' },
];

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS submits (
  id INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  user TEXT NOT NULL,
  environment TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  forced INTEGER NOT NULL DEFAULT 0,
  items INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  finished_at TEXT
);
-- Columns of ADDED_COLUMNS, and the index over confirmation_id, are added by database.ts's migration.
CREATE TABLE IF NOT EXISTS items (
  id INTEGER PRIMARY KEY,
  submit_id INTEGER NOT NULL REFERENCES submits(id),
  position INTEGER NOT NULL,
  environment TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  rows TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  guard_key TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('reserved', 'accepted', 'uncertain', 'released', 'held-back')),
  overrides INTEGER REFERENCES items(id),
  duplicate_of INTEGER REFERENCES items(id),
  outcome TEXT,
  http_status INTEGER,
  reference TEXT,
  message TEXT,
  settled_at TEXT
);
-- Without the state: settling an item then leaves this index alone (with the state in it, every settlement moved
-- its entry, which for a request of 250 loans in random order dirtied most of the index's pages: twice the WAL
-- written per request). The few items of a key are read from the table to check their state. Replaces
-- items_by_guard (environment, guard_key, state), which database.ts's migration drops.
CREATE INDEX IF NOT EXISTS items_by_key ON items(environment, guard_key);
-- The last line of defence: two requests can never both hold the same loan as in flight.
CREATE UNIQUE INDEX IF NOT EXISTS items_one_reservation ON items(environment, guard_key) WHERE state = 'reserved';
-- Local mode's paired panes (docs/server.md): the SHA-256 of each key, never the key.
CREATE TABLE IF NOT EXISTS pairings (
  key_hash TEXT PRIMARY KEY,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS kiva_calls (
  id INTEGER PRIMARY KEY,
  submit_id INTEGER NOT NULL REFERENCES submits(id),
  time TEXT NOT NULL,
  operation TEXT NOT NULL,
  method TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  rows INTEGER NOT NULL,
  attempt INTEGER NOT NULL,
  status INTEGER,
  duration_ms INTEGER NOT NULL,
  result TEXT NOT NULL,
  reference TEXT,
  message TEXT
);
`;
