import Database from 'better-sqlite3';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ADDED_COLUMNS, SCHEMA, SCHEMA_VERSION } from './schema';

export type Db = Database.Database;

/** Opens (creating if needed) the audit database, private to the server's user like the secrets. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new Database(path);
  try {
    if (path !== ':memory:' && process.platform !== 'win32') chmodSync(path, 0o600);
    db.pragma('journal_mode = WAL');
    // The ledger is write-ahead: a reservation must be on disk before its request leaves, even across a power
    // cut, so every commit is synced (FULL), not only checkpoints (NORMAL).
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`the audit database was written by a newer Kiva Sheets (schema ${version} > ${SCHEMA_VERSION})`);
  }
  db.transaction(() => {
    db.exec(SCHEMA);
    for (const { table, column, type } of ADDED_COLUMNS) {
      const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
      if (!columns.some((existing) => existing.name === column))
        db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
    }
    db.exec(`CREATE INDEX IF NOT EXISTS submits_by_confirmation ON submits(environment, confirmation_id)`);
    // Replaced by items_by_key (schema.ts). An older build opening the file adds it back, which costs it nothing
    // but an index build: the data and the version stay what they were.
    db.exec(`DROP INDEX IF EXISTS items_by_guard`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
