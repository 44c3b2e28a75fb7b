/**
 * CSV files: the parser and writer in-process; `send` and `validate --mark` as child processes on files as Excel
 * saves them (`;` with a BOM, Windows-1252, UTF-16 "Unicode text") and on damaged ones, which are never rewritten.
 */
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

    // A `;` file is how Excel saves CSV where the decimal separator is a comma: 12,50 is an amount.
    const first = await runCli(['send', file, '--json'], { cwd: dir, env });
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('remboursements-2026-11'); // the sheet is named after the file
    expect(lastJson(first)).toMatchObject({ sent: 1, invalid: 1 });
    expect(first.stderr).toContain('1 envoyée, 1 invalide');
    const written = readFileSync(file, 'utf8');
    const lines = written.split('\r\n');
    expect(written.startsWith('\uFEFFloan_id;montant;commentaire;Statut Kiva\r\n')).toBe(true);
    expect(lines[1]).toMatch(
      new RegExp(`^${a?.internal_loan_id};12,50;"payé; en retard";Envoyé · test \\(stage\\) · .+ · 7\\d+$`),
    );
    expect(lines[2]).toMatch(/^\d+;-1;;Invalide\u00a0: B3\u00a0: Le montant doit être positif ou nul/);
    const log = readFileSync(join(dir, 'remboursements-2026-11.kiva-log.csv'), 'utf8');
    expect(log.split('\r\n')[0]).toBe(
      '\uFEFFHeure;Environnement;Service;Lignes;Statut HTTP;Référence ou message de Kiva',
    );
    expect(emulator.appliedRepaymentLoanIds()).toEqual([a?.internal_loan_id]);

    const again = await runCli(['send', file, '--json'], { cwd: dir, env });
    expect(lastJson(again)).toMatchObject({ sent: 0, skipped: 1 });
    expect(readFileSync(file, 'utf8')).toBe(written);
    expect(emulator.appliedRepaymentLoanIds()).toHaveLength(1);
  });

  it('reads a Windows-1252 file (Excel’s “CSV” on a Spanish Windows), says so once, and writes it back in it', async () => {
    emulator.reset();
    const dir = tempDir();
    const [a, b] = seedLoans(420).filter((l) => l.status === 'payingBack');
    const file = join(dir, 'pagos.csv');
    // Latin-1 letters are the same bytes in Windows-1252; 0x80 is its euro sign.
    const text = `loan_id;importe;nota\r\n${a?.internal_loan_id};12,50;Peña \u0080\r\n${b?.internal_loan_id};7;ñandú\r\n`;
    writeFileSync(file, Buffer.from(text, 'latin1'));
    const run = await runCli(['send', file, '--json'], { cwd: dir, env: emulatorEnv(emulator, { KIVA_LANG: 'es' }) });
    expect(lastJson(run)).toMatchObject({ sent: 2, invalid: 0 });
    expect(run.stderr.match(/no es texto UTF-8: se leyó como Windows-1252/g)).toHaveLength(1);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 3).equals(Buffer.from('loa'))).toBe(true); // no BOM added
    const lines = bytes.toString('latin1').split('\r\n');
    expect(lines[0]).toBe('loan_id;importe;nota;Estado Kiva');
    expect(lines[1]).toMatch(
      new RegExp(`^${a?.internal_loan_id};12,50;Peña \u0080;Enviado \u00b7 pruebas \\(stage\\) \u00b7 `),
    );
    expect(lines[2]).toMatch(/;7;ñandú;Enviado/);
    const log = readFileSync(join(dir, 'pagos.kiva-log.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(log)).toThrow(); // Windows-1252 too
    expect(emulator.appliedRepaymentLoanIds()).toHaveLength(2);
  });

  it('sends a UTF-16 “Unicode text” .txt file and writes it back as UTF-16 with its BOM and tabs', async () => {
    emulator.reset();
    const dir = tempDir();
    const [a] = seedLoans(420).filter((l) => l.status === 'payingBack');
    const file = join(dir, 'repayments.txt');
    writeFileSync(file, Buffer.from(`\uFEFFloan_id\tamount\r\n${a?.internal_loan_id}\t3.25\r\n`, 'utf16le'));
    const run = await runCli(['send', file, '--json'], { cwd: dir, env: emulatorEnv(emulator) });
    expect(lastJson(run)).toMatchObject({ sent: 1 });
    const bytes = readFileSync(file);
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    const lines = bytes.toString('utf16le').split('\r\n');
    expect(lines[0]).toBe('\uFEFFloan_id\tamount\tKiva status');
    expect(lines[1]).toMatch(new RegExp(`^${a?.internal_loan_id}\t3.25\tSent · stage · `));
  });

  it.each([
    ['en', 'the quote that opens this cell on line 3 is never closed'],
    ['es', 'la comilla que abre esta celda en la línea 3 no se cierra nunca'],
    ['fr', 'le guillemet qui ouvre cette cellule à la ligne 3 n’est jamais refermé'],
  ])('refuses a file with an unterminated quote (%s), and validate --mark leaves it as it was', async (lang, words) => {
    const dir = tempDir();
    const file = join(dir, 'report.csv');
    const original = 'loan_id,amount,notes\r\n1,2,ok\r\n3,4,"never closed\r\n5,6,x\r\n';
    writeFileSync(file, original);
    const run = await runCli(['validate', file, '--mark'], { cwd: dir, env: { KIVA_LANG: lang } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('report.csv');
    expect(run.stderr).toContain('C3');
    expect(run.stderr).toContain(words);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  it('refuses a NUL in an id at its cell, before anything is sent', async () => {
    emulator.reset();
    const dir = tempDir();
    const [a] = seedLoans(420).filter((l) => l.status === 'payingBack');
    const file = join(dir, 'report.csv');
    const original = `loan_id,amount\r\n${a?.internal_loan_id},2\r\n${a?.internal_loan_id}\u0000,4\r\n`;
    writeFileSync(file, original);
    const run = await runCli(['send', file, '--json'], { cwd: dir, env: emulatorEnv(emulator) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('A3');
    expect(run.stderr).toContain('U+0000');
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(emulator.appliedRepaymentLoanIds()).toHaveLength(0);
  });
});
