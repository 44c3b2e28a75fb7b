import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aliasesOf, KIND_FIELDS, SHEET_KINDS } from '../../src/sheet';

/** docs/workbook-rules.md is what users read: its alias tables must say what the code does. */
describe('docs/workbook-rules.md', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'workbook-rules.md'), 'utf8');

  it.each(SHEET_KINDS)('lists every %s header alias', (kind) => {
    for (const field of KIND_FIELDS[kind]) {
      expect(doc).toContain(`| \`${field}\` | ${aliasesOf(kind, field).join(', ')} |`);
    }
  });
});
