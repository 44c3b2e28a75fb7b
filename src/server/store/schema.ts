/**
 * The audit log doubles as the duplicate guard: an item row is both the record of what was sent and, while its
 * state is reserved, accepted or uncertain, the reason the same loan is held back next time.
 */
export const SCHEMA_VERSION = 1;

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
CREATE INDEX IF NOT EXISTS items_by_guard ON items(environment, guard_key, state);
-- The last line of defence: two requests can never both hold the same loan as in flight.
CREATE UNIQUE INDEX IF NOT EXISTS items_one_reservation ON items(environment, guard_key) WHERE state = 'reserved';
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
