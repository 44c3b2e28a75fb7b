/** CSV files: the parser and writer in-process, and `send` on a `;`-separated file with a BOM as a child process. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedLoans, startEmulator, type Emulator } from '../../dev/kiva-emulator';
import { detectDelimiter, formatCsvDocument, parseCsv, parseCsvDocument } from '../../src/cli/files/csv';
import { emulatorEnv, lastJson, runCli, tempDir } from './harness';

describe('the CSV reader and writer', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks inside', () => {
    expect(parseCsv('a,"b,c","say ""hi""","two\nlines"\r\nx,,z\n', ',')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\nlines'],
      ['x', '', 'z'],
    ]);
  });

  it('keeps a trailing empty field and a last line without a line break', () => {
    expect(parseCsv('a;b;\n1;2;', ';')).toEqual([
      ['a', 'b', ''],
      ['1', '2', ''],
    ]);
  });

  it('detects the delimiter from the header, ignoring what is inside quotes', () => {
    expect(detectDelimiter('loan_id;amount;"a,b,c"\n1;2;3')).toBe(';');
    expect(detectDelimiter('loan_id,amount\n1;2')).toBe(',');
    expect(detectDelimiter('loan_id\tamount\n')).toBe('\t');
    expect(detectDelimiter('loan_id\n1')).toBe(',');
  });

  it('writes back exactly what it read: BOM, sep= line, delimiter, line endings, quotes where needed', () => {
    for (const text of [
      '\uFEFFsep=;\r\nloan_id;amount\r\n"001;2";5,5\r\n',
      'a,b\n"x\ny",2\n',
      'a,b\n1,2',
      '\uFEFFloan_id,comment\r\n1,"say ""hi"""\r\n',
    ]) {
      expect(formatCsvDocument(parseCsvDocument(text))).toBe(text);
    }
    const document = parseCsvDocument('\uFEFFsep=;\r\nloan_id;amount\r\n1;2\r\n');
    expect(document).toMatchObject({ delimiter: ';', bom: true, newline: '\r\n', sepLine: 'sep=;' });
    expect(document.records).toEqual([
      ['loan_id', 'amount'],
      ['1', '2'],
    ]);
  });
});

describe('kiva-sheets send on a CSV file', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => emulator.close());

  it('adds the Kiva status column, keeps the file’s own format, logs to a sibling file, and sends once', async () => {
    const dir = tempDir();
    const [a, b] = seedLoans(420).filter((l) => l.status === 'payingBack');
    const file = join(dir, 'remboursements-2026-11.csv');
    const original = `\uFEFFloan_id;montant;commentaire\r\n${a?.internal_loan_id};12,50;"payé; en retard"\r\n${b?.internal_loan_id};-1;\r\n`;
    writeFileSync(file, original);
    const env = emulatorEnv(emulator, { KIVA_LANG: 'fr' });

    // The decimal comma is an error under the default `.` separator: the problem is reported at its cell.
    const first = await runCli(['send', file, '--json'], { cwd: dir, env });
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('remboursements-2026-11'); // the sheet is named after the file
    expect(lastJson(first)).toMatchObject({ sent: 0, invalid: 2 });

    writeFileSync(file, original.replace('12,50', '12.50'));
    const second = await runCli(['send', file, '--json'], { cwd: dir, env });
    expect(lastJson(second)).toMatchObject({ sent: 1, invalid: 1 });
    expect(second.stderr).toContain('1 envoyées, 1 invalides');
    const written = readFileSync(file, 'utf8');
    const lines = written.split('\r\n');
    expect(written.startsWith('\uFEFFloan_id;montant;commentaire;Statut Kiva\r\n')).toBe(true);
    expect(lines[1]).toMatch(
      new RegExp(`^${a?.internal_loan_id};12\\.50;"payé; en retard";Envoyé · stage · .+ · 7\\d+$`),
    );
    expect(lines[2]).toMatch(/^\d+;-1;;Invalide\u00a0: B3\u00a0: Le montant doit être positif ou nul/);
    const log = readFileSync(join(dir, 'remboursements-2026-11.kiva-log.csv'), 'utf8');
    expect(log.split('\r\n')[0]).toBe(
      '\uFEFFHeure;Environnement;Service;Lignes;Statut HTTP;Référence ou message de Kiva',
    );
    expect(emulator.appliedRepaymentLoanIds()).toEqual([a?.internal_loan_id]);

    const third = await runCli(['send', file, '--json'], { cwd: dir, env });
    expect(lastJson(third)).toMatchObject({ sent: 0, skipped: 1 });
    expect(readFileSync(file, 'utf8')).toBe(written);
    expect(emulator.appliedRepaymentLoanIds()).toHaveLength(1);
  });
});
