import { listsTable, preview, readListsSheet, validate } from '../../src/app';
import { CLOCK, FakeKiva, FakeWorkbook, LISTS } from './fakes';

const loansBook = (): FakeWorkbook =>
  new FakeWorkbook({
    Loans: [
      ['loan_id', 'first_name', 'amount', 'activity', 'photo'],
      ['P1', 'Ana', 300, 'Agriculture', 'ana.jpg'],
      ['P2', 'Luis', 200, 'Agricultur', ''],
      ['P3', 'Rosa', 100, 'Retail', 'missing.png'],
    ],
    Notes: [['anything'], ['call Ana']],
    Schedule: [
      ['loan_id', 'date', 'principal', 'interest'],
      ['P1', '2027-01-20', 300, 3],
    ],
  });

const PHOTO = 'data:image/jpeg;base64,/9j/4AAQ';

describe('validate', () => {
  it('marks every problem at its cell and writes Invalid statuses, then clears them once fixed', async () => {
    const workbook = loansBook();
    workbook.photos.set('ana.jpg', { dataUri: PHOTO });
    const kiva = new FakeKiva();
    const result = await validate({ workbook, kiva }, { scope: { kind: 'sheet', sheet: 'Loans' }, clock: CLOCK });
    if (!result.ok) throw new Error(result.error.code);

    expect(result.value.rows).toEqual({
      checked: 3,
      valid: 1,
      invalid: 2,
      notSent: 0,
      noRepayment: 0,
      skipped: 0,
      uncertain: 0,
      changed: 0,
    });
    // Columns PA2 needs that the sheet lacks are one warning each at A1 (readiness.test.ts); these are the cells.
    const atCells = result.value.issues.filter((i) => i.code !== 'publish-column-missing');
    expect(atCells.map((i) => `${i.sheet}!${i.column}${i.row} ${i.code}`)).toEqual([
      // The Schedule sheet has instalments for the first loan only.
      'Loans!A3 schedule-missing',
      'Loans!D3 lookup-unknown',
      'Loans!E3 recommended-missing',
      'Loans!A4 schedule-missing',
      'Loans!E4 photo-error',
    ]);
    expect(result.value.listsSource).toBe('kiva');
    // The photo files are asked for once, before converting.
    expect(workbook.photoRequests).toEqual([['ana.jpg', 'missing.png']]);
    expect(workbook.status('Loans', 3)).toMatch(/^Invalid: D3: “Agricultur” is not in your Kiva activities list/);
    expect(workbook.status('Loans', 4)).toBe('Invalid: E4: Photo “missing.png” could not be read (file not found).');
    expect([...workbook.sheet('Loans').marks.keys()]).toEqual(['A1', 'A3', 'D3', 'E3', 'A4', 'E4']);
    // The Schedule sheet was read whole as reference data; the Notes sheet was not read at all.
    expect(workbook.reads).toHaveLength(1);
    expect(workbook.applied).toHaveLength(1);

    const loans = workbook.sheet('Loans').rows;
    (loans[2] as unknown[])[3] = 'Agriculture';
    (loans[3] as unknown[])[4] = '';
    const again = await validate({ workbook, kiva }, { scope: { kind: 'sheet', sheet: 'Loans' }, clock: CLOCK });
    if (!again.ok) throw new Error(again.error.code);
    expect(again.value.errorCount).toBe(0);
    expect(workbook.status('Loans', 3)).toBe('');
    // Only the warnings that stay: the missing PA2 columns at A1, the schedules (A3, A4), the photos still empty (E3, E4).
    expect([...workbook.sheet('Loans').marks.keys()]).toEqual(['A1', 'A3', 'E3', 'A4', 'E4']);
  });

  it('takes the lists from the Kiva lists sheet when the workbook has one, without asking Kiva', async () => {
    const workbook = loansBook();
    const lists = listsTable(LISTS);
    workbook.add(lists.name, lists.rows);
    const kiva = new FakeKiva();
    const result = await validate(
      { workbook, kiva },
      { scope: { kind: 'sheet', sheet: 'Loans' }, clock: CLOCK, write: false },
    );
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.listsSource).toBe('workbook');
    expect(kiva.listsAsked).toBe(0);
    expect(workbook.applied).toHaveLength(0);
  });

  it('does not ask Kiva for lists when no cell names an activity, theme, location, language or currency', async () => {
    const workbook = new FakeWorkbook({
      Loans: [
        ['loan_id', 'first_name', 'amount', 'activity'],
        ['P1', 'Ana', 300, ''],
      ],
    });
    const kiva = new FakeKiva();
    const result = await validate({ workbook, kiva }, { scope: { kind: 'workbook' }, clock: CLOCK });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.listsSource).toBe('not-needed');
    expect(kiva.listsAsked).toBe(0);
  });

  it('reports lists that cannot be loaded as a run error, not as an error in every cell', async () => {
    const workbook = loansBook();
    const kiva = new FakeKiva();
    kiva.getConfigLists = async () => ({
      ok: false,
      error: { code: 'kiva', params: {}, cause: { code: 'network.unreachable', params: { detail: 'refused' } } },
    });
    const result = await validate({ workbook, kiva }, { scope: { kind: 'sheet', sheet: 'Loans' }, clock: CLOCK });
    expect(result.ok || result.error.code).toBe('lists-unavailable');
  });

  it('leaves rows already sent alone: their Sent status is never replaced by a validation', async () => {
    const workbook = new FakeWorkbook({
      Repayments: [
        ['loan_id', 'amount', 'Kiva status'],
        ['L1', -1, 'Sent · stage · 2026-11-01 10:00 · 70001'],
        ['L2', -2, ''],
      ],
    });
    const result = await validate({ workbook, kiva: new FakeKiva() }, { scope: { kind: 'workbook' }, clock: CLOCK });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.rows).toMatchObject({ checked: 1, invalid: 1, skipped: 1 });
    expect(workbook.status('Repayments', 2)).toBe('Sent · stage · 2026-11-01 10:00 · 70001');
  });

  it('forces the sheet kind for one run', async () => {
    const workbook = new FakeWorkbook({
      Datos: [
        ['id', 'monto'],
        ['L1', 5],
      ],
    });
    workbook.mappings = { Datos: { version: 1, columns: { id: 'loan_id' } } };
    const result = await validate(
      { workbook, kiva: new FakeKiva() },
      { scope: { kind: 'sheet', sheet: 'Datos' }, kind: 'repayments', clock: CLOCK, write: false },
    );
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.conversion.requests[0]?.body).toEqual({ repayments: [{ loan_id: 'L1', amount: 5 }] });
  });

  it('says when no sheet is recognised', async () => {
    const workbook = new FakeWorkbook({ Notes: [['anything'], ['call Ana']] });
    const result = await validate({ workbook, kiva: new FakeKiva() }, { scope: { kind: 'workbook' }, clock: CLOCK });
    expect(result.ok && result.value.notices).toEqual([{ code: 'no-sheet-recognised', params: {} }]);
  });

  it('names a missing sheet', async () => {
    const result = await validate(
      { workbook: loansBook(), kiva: new FakeKiva() },
      { scope: { kind: 'sheet', sheet: 'Loanz' }, clock: CLOCK },
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'sheet-not-found', params: { sheet: 'Loanz', sheets: 'Loans, Notes, Schedule' } },
    });
  });

  it('converts only the selected rows', async () => {
    const workbook = new FakeWorkbook({
      Repayments: [
        ['loan_id', 'amount'],
        ['L1', 1],
        ['L2', 2],
        ['L3', 3],
      ],
    });
    workbook.selectedRows = [3];
    const result = await preview({ workbook, kiva: new FakeKiva() }, { scope: { kind: 'selection' }, clock: CLOCK });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.items.map((i) => i.rowsText)).toEqual(['Repayments!3']);
  });
});

describe('preview', () => {
  it('shows the exact bodies in send order, cut the way the Kiva port cuts them, and writes nothing', async () => {
    const workbook = new FakeWorkbook({
      Repayments: [
        ['loan_id', 'amount', 'Kiva status'],
        ['L1', 10, 'Sent · stage · 2026-11-01 10:00 · 70001'],
        ['L2', 20, ''],
        ['L3', 30, 'Uncertain: no answer in time — check PA2 before resending'],
        ['L4', 40, 'Error: Loan not found'],
        ['L5', 50, 'Sent · production · 2026-11-01 10:00 · 9'],
      ],
    });
    const kiva = new FakeKiva();
    const result = await preview({ workbook, kiva }, { scope: { kind: 'workbook' }, clock: CLOCK });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.items.map((i) => [i.endpoint, i.rowsText, JSON.stringify(i.body)])).toEqual([
      ['repayments', 'Repayments!3, 5', '{"repayments":[{"loan_id":"L2","amount":20},{"loan_id":"L4","amount":40}]}'],
      ['repayments', 'Repayments!6', '{"repayments":[{"loan_id":"L5","amount":50}]}'],
    ]);
    expect(result.value.rows).toMatchObject({ skipped: 2, uncertain: 1 });
    expect(workbook.applied).toHaveLength(0);
    expect(kiva.received).toHaveLength(0);

    const all = await preview({ workbook, kiva }, { scope: { kind: 'workbook' }, clock: CLOCK, resend: true });
    if (!all.ok) throw new Error(all.error.code);
    expect(all.value.items.flatMap((i) => i.rows.map((r) => r.row))).toEqual([2, 3, 4, 5, 6]);
  });
});

describe('the Kiva lists sheet', () => {
  it('reads back what it writes', () => {
    const table = listsTable(LISTS);
    expect(table.rows[0]).toEqual([
      'activity_id',
      'activity',
      null,
      'theme_type_id',
      'theme_type',
      null,
      'full_name',
      'location',
      'country',
      null,
      'language_id',
      'language_code',
      'language_name',
      'currency',
      null,
      'list',
      'as_of',
    ]);
    // Kiva's as_of of each list comes back too: a reopened workbook still knows how old its lists are.
    expect(LISTS.asOf).toEqual(expect.objectContaining({ activities: expect.any(String) }));
    expect(readListsSheet({ sheet: 'Kiva lists', values: table.rows })).toEqual(LISTS);
  });

  it('keeps the as_of of each list Kiva dated, and reads a sheet written without any', () => {
    const { asOf: _asOf, ...undated } = LISTS;
    const partly = { ...undated, asOf: { themes: '2026-03-01T00:00:00Z' } };
    const table = listsTable(partly);
    expect(table.rows.map((row) => row.slice(15))).toEqual([
      ['list', 'as_of'],
      ['themes', '2026-03-01T00:00:00Z'],
      ...Array(table.rows.length - 2).fill([null, null]),
    ]);
    expect(readListsSheet({ sheet: 'Kiva lists', values: table.rows })).toEqual(partly);
    // A sheet from before the as_of was kept: the lists, no date.
    const older = listsTable(undated).rows.map((row) => row.slice(0, 14));
    expect(readListsSheet({ sheet: 'Kiva lists', values: older })).toEqual(undated);
  });

  it('is not taken for the lists when a block is missing', () => {
    expect(
      readListsSheet({
        sheet: 'Kiva lists',
        values: [
          ['activity_id', 'activity'],
          [1, 'Retail'],
        ],
      }),
    ).toBe(undefined);
  });
});
