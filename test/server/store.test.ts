import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAuditStore, type GuardedItem } from '../../src/server/store/audit';
import { calendarMonth, contentHash, journalKey, loanDraftKey } from '../../src/server/store/guard-keys';

describe('the audit store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiva-sheets-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const header = {
    time: Date.parse('2026-05-02T10:00:00Z'),
    user: 'ana',
    environment: 'stage',
    endpoint: 'loan-drafts',
    forced: false,
  } as const;
  const item = (key: string): GuardedItem => ({ rows: [{ sheet: 'Loans', row: 2 }], contentHash: 'h', guardKey: key });

  it('turns sends interrupted by a stop into uncertain ones, still held back', async () => {
    const path = join(dir, 'nested', 'audit.sqlite');
    const first = openAuditStore(path);
    const { admissions } = await first.reserve(header, [item('loan-draft:L1')]);
    expect(admissions[0]).toMatchObject({ admitted: true });
    first.close();

    const second = openAuditStore(path);
    try {
      const again = await second.reserve({ ...header, user: 'bruno' }, [item('loan-draft:L1')]);
      expect(again.admissions[0]).toMatchObject({
        admitted: false,
        previous: { state: 'uncertain', sentBy: 'ana', sentAt: '2026-05-02T10:00:00.000Z' },
      });
    } finally {
      second.close();
    }
    expect(statSync(path).mode & 0o077).toBe(0);
    expect(statSync(join(dir, 'nested')).mode & 0o077).toBe(0);
  });

  it('releases rows that were not taken, so they can be sent again', async () => {
    const store = openAuditStore(join(dir, 'audit.sqlite'));
    try {
      const { submitId, admissions } = await store.reserve(header, [item('loan-draft:L2')]);
      const itemId = admissions[0]?.itemId ?? 0;
      await store.settle(
        submitId,
        [{ itemId, outcomes: [{ kind: 'cancelled', row: { sheet: 'Loans', row: 2 } }] }],
        [],
        true,
      );
      expect((await store.reserve(header, [item('loan-draft:L2')])).admissions[0]).toMatchObject({ admitted: true });
    } finally {
      store.close();
    }
  });

  it('adds the later columns (user id, confirmation, run, summary) to a version-1 file and keeps its submits', async () => {
    const path = join(dir, 'v1.sqlite');
    const old = new Database(path);
    old.exec(`CREATE TABLE submits (id INTEGER PRIMARY KEY, time TEXT NOT NULL, user TEXT NOT NULL,
      environment TEXT NOT NULL, endpoint TEXT NOT NULL, forced INTEGER NOT NULL DEFAULT 0, items INTEGER NOT NULL,
      rows INTEGER NOT NULL, finished_at TEXT)`);
    old
      .prepare(
        `INSERT INTO submits (time, user, environment, endpoint, items, rows) VALUES ('t', 'ana', 'stage', 'journals', 1, 1)`,
      )
      .run();
    old.pragma('user_version = 1');
    old.close();
    const store = openAuditStore(path);
    await store.reserve({ ...header, userId: 'local:ana', confirmation: { id: 'c', rows: 1 } }, [
      item('loan-draft:L9'),
    ]);
    store.close();
    const check = new Database(path, { readonly: true });
    try {
      expect(check.pragma('user_version', { simple: true })).toBe(3);
      expect(
        check.prepare('SELECT user, user_id, confirmation_id, confirmed_rows FROM submits ORDER BY id').all(),
      ).toEqual([
        { user: 'ana', user_id: null, confirmation_id: null, confirmed_rows: null },
        { user: 'ana', user_id: 'local:ana', confirmation_id: 'c', confirmed_rows: 1 },
      ]);
    } finally {
      check.close();
    }
  });

  it('refuses a database from a newer version', () => {
    const path = join(dir, 'audit.sqlite');
    openAuditStore(path).close();
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openAuditStore(path)).toThrow(/newer Kiva Sheets/);
  });
});

describe('guard keys', () => {
  it('takes the calendar month in the partner time zone', () => {
    const lateOnMarch31InLima = Date.parse('2026-04-01T03:30:00Z');
    expect(calendarMonth(lateOnMarch31InLima, 'UTC')).toBe('2026-04');
    expect(calendarMonth(lateOnMarch31InLima, 'America/Lima')).toBe('2026-03');
  });

  it('keys drafts by loan, falling back to content, and hashes content in a canonical order', () => {
    expect(loanDraftKey({ internal_loan_id: ' G-1 ', entreps: [{ loan_id: 'x' }] }, 'h')).toBe('loan-draft:G-1');
    expect(loanDraftKey({ entreps: [{ loan_id: 'L-9' }] }, 'h')).toBe('loan-draft:L-9');
    expect(loanDraftKey({ description: 'no ids' }, 'abc')).toBe('loan-draft:content:abc');
    expect(contentHash({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(contentHash({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
    expect(journalKey({ body: 'x', internal_loan_id: 'L1' }, 'h1')).not.toBe(
      journalKey({ body: 'x', internal_loan_id: 'L1' }, 'h2'),
    );
  });
});
