import { convertSheet, toKivaItems, type RawCell } from '../../src/sheet';
import { grid } from './helpers';

const HEADERS = ['internal_loan_id', 'internal_client_id', 'subject', 'body', 'image_url'];
const journals = (rows: RawCell[][], settings = {}) => convertSheet(grid('Journals', [HEADERS, ...rows]), { settings });

describe('journals', () => {
  const rows: RawCell[][] = [
    ['G1', 'C1', 'Harvest', 'Ana sold her first crop.', 'https://example.org/a.jpg'],
    [1042, 'C2', '', 'Bea opened a second stall.', ''],
  ];

  it('become journal updates, one per call by default, as a bare array', () => {
    const c = journals(rows);
    expect(c.requests.map((r) => r.body)).toEqual([
      [
        {
          subject: 'Harvest',
          body: 'Ana sold her first crop.',
          image_url: 'https://example.org/a.jpg',
          internal_loan_id: 'G1',
        },
      ],
      [{ body: 'Bea opened a second stall.', internal_loan_id: '1042' }],
    ]);
    expect(c.issues.map((i) => i.code)).toEqual(['column-ignored', 'journal-subject-missing']);
    // The empty subject is a warning at its own cell: the update is still sent.
    expect(c.issues[1]).toMatchObject({ row: 3, column: 'C', severity: 'warning' });
  });

  it('warns once for the sheet when there is no subject column at all', () => {
    const c = convertSheet(
      grid('Journals', [
        ['internal_loan_id', 'body'],
        ['G1', 'Ana sold her first crop.'],
        ['G2', 'Bea opened a second stall.'],
      ]),
      {},
    );
    expect(c.requests).toHaveLength(2);
    expect(c.issues.map((i) => [i.code, i.severity, i.row])).toEqual([['journal-subject-missing', 'warning', 1]]);
  });

  it('can be wrapped and batched, and carry client ids for three-column partners', () => {
    const c = journals(rows, { journalsBody: 'wrapped', journalsPerCall: 10, threeColumn: true });
    expect(c.requests).toHaveLength(1);
    expect(c.requests[0]?.body).toEqual({
      journals: [
        {
          subject: 'Harvest',
          body: 'Ana sold her first crop.',
          image_url: 'https://example.org/a.jpg',
          internal_loan_id: 'G1',
          internal_client_id: 'C1',
        },
        { body: 'Bea opened a second stall.', internal_loan_id: '1042', internal_client_id: 'C2' },
      ],
    });
    expect(toKivaItems(c.requests).journals.map((j) => [j.row.row, j.journal.internal_loan_id])).toEqual([
      [2, 'G1'],
      [3, '1042'],
    ]);
  });

  it.each<[RawCell[], string[]]>([
    [['', '', 'S', 'Body', ''], ['required-missing']],
    [['G1', '', 'S', '', ''], ['required-missing']],
    [['G1', '', 'S', 'Body', 'example.org/a.jpg'], ['url-invalid']],
    [['G1', '', 'S', 'Body', 'javascript:alert(1)'], ['url-invalid']],
    [['G1', '', 'x'.repeat(300), 'Body', ''], ['text-too-long']],
  ])('%j → %j', (row, codes) => {
    const c = journals([row]);
    expect(c.issues.map((i) => i.code).filter((code) => code !== 'column-ignored')).toEqual(codes);
    expect(c.requests).toEqual([]);
  });
});
