/**
 * What eslint-plugin-office-addins would check (it is not installed), written as tests over src/excel's source:
 * no `context.sync()` inside a per-row loop, and Office.js reached only through src/excel. Reading a property
 * before it is loaded (`load-object-before-read`) needs no static rule here: the simulated Excel throws
 * PropertyNotLoaded at run time, and every other test in this folder runs the code against it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const EXCEL = join(ROOT, 'src', 'excel');

/** Loops allowed to hold a sync: each turn is a chunk of ~100k cells (or a bounded pass), never a row. */
const CHUNK_LOOPS = new Set([
  'ExcelWorkbook.readIn', // the first round trip, retried once without its guessed blocks
  'RangeReader.resolveVisibility', // one pass per ~2.5 MB of visible-row addresses
  'RangeReader.probeRows', // 5,000 rows a turn, only when a chunk's first column is hidden
  'ExcelWorkbook.writeTable', // one turn per chunk of the table
  'writeParts', // photo-parts: a few parts of a photo per turn (a 5 MB photo is 6.7 MB of base64)
  'readParts', // photo-parts: the same when reading them back
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function enclosingName(node: ts.Node): string {
  const names: string[] = [];
  for (let n: ts.Node | undefined = node; n !== undefined; n = n.parent) {
    if ((ts.isMethodDeclaration(n) || ts.isFunctionDeclaration(n)) && n.name !== undefined) {
      names.unshift(n.name.getText());
    }
    if (ts.isClassDeclaration(n) && n.name !== undefined) names.unshift(n.name.getText());
  }
  return names.join('.');
}

function insideLoop(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n !== undefined; n = n.parent) {
    if (ts.isFunctionLike(n)) return false;
    if (
      ts.isForStatement(n) ||
      ts.isForOfStatement(n) ||
      ts.isForInStatement(n) ||
      ts.isWhileStatement(n) ||
      ts.isDoStatement(n)
    ) {
      return true;
    }
    if (ts.isCallExpression(n) && /\.(forEach|map|filter|reduce)$/.test(n.expression.getText())) return true;
  }
  return false;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
}

test('no context.sync() in a loop, except the chunk loops', () => {
  const offending: string[] = [];
  const allowed = new Set<string>();
  for (const file of sourceFiles(EXCEL)) {
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && /(^|\.)sync$/.test(node.expression.getText()) && insideLoop(node)) {
        const where = enclosingName(node);
        if (CHUNK_LOOPS.has(where)) allowed.add(where);
        else offending.push(`${file.slice(ROOT.length + 1)}: ${where}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(parse(file));
  }
  expect(offending).toEqual([]);
  // The check sees the loops it allows: it is not passing for want of looking.
  expect([...allowed].sort()).toEqual([...CHUNK_LOOPS].sort());
});

/**
 * The workbook is reached only through src/excel: `Excel.*`, `Office.context.document` (settings) and
 * `Office.context.requirements` appear nowhere else. Ribbon wiring (`Office.actions`) and the display language
 * are the faces' own business.
 */
test('the workbook is reached through src/excel only (comments aside)', () => {
  const outside: string[] = [];
  for (const file of sourceFiles(join(ROOT, 'src')).filter((f) => !f.startsWith(EXCEL))) {
    const visit = (node: ts.Node): void => {
      const left = ts.isPropertyAccessExpression(node)
        ? node.expression
        : ts.isQualifiedName(node)
          ? node.left
          : undefined;
      const excel = left !== undefined && ts.isIdentifier(left) && left.text === 'Excel';
      const document =
        ts.isPropertyAccessExpression(node) && /^Office\.context\.(document|requirements)$/.test(node.getText());
      if (excel || document) {
        outside.push(`${file.slice(ROOT.length + 1)}: ${node.getText()}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(parse(file));
  }
  expect(outside).toEqual([]);
});
