/**
 * A write-back plan applied by patching the `.xlsx` parts it concerns, the way xlsx-write.ts applies it through
 * exceljs: statuses as text cells (inline strings, Text format `@`), fills and borders through styles appended to the styles
 * part, notes in the sheet's comments part and its VML drawing, `Kiva log` rows appended (or the sheet created).
 * Every other part of the file — other sheets, charts, pivot tables, an add-in's settings — is written back byte
 * for byte, so nothing is lost that exceljs would drop. Every part is read by element (xml.ts), whatever prefix
 * or flavour of OOXML (transitional, strict) its writer chose, and new elements are written in the same.
 */
import { columnNumber, type SheetWriteBack, type StatusWrite, type WriteBackPlan } from '../../sheet';
import { relsPathOf, type SheetEntry, type XlsxPackage } from './xlsx-lean';
import { linksToPatch, patchLinks } from './xlsx-links-patch';
import { freePart, patchNotes, relativeTarget } from './xlsx-notes-patch';
import { addRel, addSheetToWorkbook, ContentTypes, relType } from './xlsx-package-patch';
import { addEdit, lastRow, legacyDrawingId, patchSheetXml, type CellEdit, type SheetEdits } from './xlsx-sheet-patch';
import { Styles } from './xlsx-styles-patch';
import { patchIndexedSheetPacked } from './xlsx-indexed-patch';
import type { PackedPart } from './zip-write';
import { fileText } from './file-text';
import { NS } from './xml';

const LOG_WIDTHS = [18, 12, 12, 26, 12, 70];
const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

/** The whole plan into the package's parts. */
export async function patchPlan(
  pkg: XlsxPackage,
  plan: WriteBackPlan,
  headerRowOf: (sheet: string) => number,
  redact: (text: string) => string,
): Promise<void> {
  const stylesPart = pkg.stylesPart as string;
  const styles = new Styles(stylesPart, (await pkg.text(stylesPart)) as string);
  const types = new ContentTypes('[Content_Types].xml', (await pkg.text('[Content_Types].xml')) as string);
  for (const part of plan.sheets) {
    const entry = pkg.sheets.find((s) => s.name === part.sheet);
    if (entry !== undefined) await patchSheet(pkg, entry, part, headerRowOf(part.sheet), redact, styles, types);
  }
  if (plan.log.lines.length > 0) await appendLog(pkg, plan, redact, styles, types);
  const stylesXml = styles.toXml();
  if (stylesXml !== undefined) pkg.put(stylesPart, stylesXml);
  if (types.changed) pkg.put('[Content_Types].xml', types.toXml());
}

async function patchSheet(
  pkg: XlsxPackage,
  entry: SheetEntry,
  part: SheetWriteBack,
  headerRow: number,
  redact: (t: string) => string,
  styles: Styles,
  types: ContentTypes,
): Promise<void> {
  const edits: SheetEdits = new Map();
  const links = new Map<string, string | null>();
  const column = part.statusColumn;
  if (column !== undefined) {
    if (column.create) {
      // The new header looks like the one on its left (bold, filled…), so the sheet does not look patched.
      addEdit(edits, headerRow, column.number, {
        style: (old, left) => styles.text(left ?? old),
        text: fileText(redact(column.header)),
      });
    }
    // One style function per (fill, border), remembering what it made of each old style: 100,000 statuses share
    // a few.
    const styleFor = new Map<string, (old: number) => number>();
    const statusStyle = (status: StatusWrite): ((old: number) => number) => {
      const look = `${String(status.fill)} ${String(status.border)}`;
      let style = styleFor.get(look);
      if (style === undefined) {
        const made = new Map<number, number>();
        style = (old) => {
          let found = made.get(old);
          if (found === undefined) {
            found = statusLook(styles, styles.text(old), status);
            made.set(old, found);
          }
          return found;
        };
        styleFor.set(look, style);
      }
      return style;
    };
    // A call's rows share their status text: each distinct text is redacted once.
    const written = new Map<string, string>();
    const asWritten = (text: string): string => {
      let out = written.get(text);
      if (out === undefined) {
        out = fileText(redact(text));
        written.set(text, out);
      }
      return out;
    };
    // The rows of a call come one after the other with the same status: they share one edit.
    let before: StatusWrite | undefined;
    let edit: CellEdit | undefined;
    for (const status of part.statuses) {
      if (edit === undefined || !sameLook(before, status)) {
        edit = { style: statusStyle(status), text: status.text === '' ? null : asWritten(status.text) };
        before = status;
      }
      addEdit(edits, status.row, column.number, edit);
      if (status.link !== undefined)
        links.set(`${column.column.toUpperCase()}${status.row}`, status.link === null ? null : redact(status.link));
    }
  }
  const notes = new Map<string, string | null>();
  for (const ref of part.clear) {
    addEdit(edits, ref.row, columnNumber(ref.column), {
      style: (old) => styles.unmark(old),
    });
    notes.set(`${ref.column}${ref.row}`, null);
  }
  for (const mark of part.marks) {
    addEdit(edits, mark.row, columnNumber(mark.column), {
      style: (old) => {
        const filled = styles.fill(old, mark.fill);
        return mark.border === undefined ? filled : styles.outline(filled, mark.border);
      },
    });
    notes.set(`${mark.column}${mark.row}`, redact(mark.note));
  }
  if (edits.size === 0 && notes.size === 0) return;
  let index = pkg.takeRowIndex(entry.part);
  // The text only when something needs it: the indexed patcher takes an ASCII sheet's bytes.
  let xml: string | undefined;
  const text = async (): Promise<string> => (xml ??= (await pkg.text(entry.part)) as string);
  if (await linksToPatch(pkg, entry, links)) {
    xml = await patchLinks(pkg, entry, await text(), links);
    index = undefined;
  }
  let legacyDrawing: string | undefined;
  if (notes.size > 0) {
    const asRead = pkg.legacyDrawingAsRead(entry.part);
    const drawingId = asRead.known ? asRead.id : legacyDrawingId(entry.part, await text());
    legacyDrawing = await patchNotes(pkg, entry, drawingId, notes, types);
  }
  if (edits.size === 0 && legacyDrawing === undefined) return;
  const extra = legacyDrawing === undefined ? { strict: pkg.strict } : { legacyDrawing, strict: pkg.strict };
  // Where the first read found the rows, when the sheet is as read; else the sheet is parsed again.
  let indexed: PackedPart | undefined;
  if (index !== undefined) {
    const source = xml ?? (pkg.isAsciiAsRead(entry.part) ? await pkg.zip.bytes(entry.part) : await text());
    indexed = patchIndexedSheetPacked(entry.part, source, edits, index, extra);
  }
  pkg.put(entry.part, indexed ?? patchSheetXml(entry.part, await text(), edits, extra));
}

/** The same text, fill and border: the same cell edit. */
function sameLook(a: StatusWrite | undefined, b: StatusWrite): boolean {
  return a !== undefined && a.text === b.text && a.fill === b.fill && a.border === b.border;
}

/** A status cell's style: its fill and marker border as the plan says (`null` takes ours off, absent leaves it). */
function statusLook(styles: Styles, text: number, status: StatusWrite): number {
  let style = text;
  if (status.fill === null) style = styles.hasOurFill(style) ? styles.unfill(style) : style;
  else if (status.fill !== undefined) style = styles.fill(style, status.fill);
  if (status.border === null) style = styles.hasOurBorder(style) ? styles.unoutline(style) : style;
  else if (status.border !== undefined) style = styles.outline(style, status.border);
  return style;
}

async function appendLog(
  pkg: XlsxPackage,
  plan: WriteBackPlan,
  redact: (t: string) => string,
  styles: Styles,
  types: ContentTypes,
): Promise<void> {
  let entry = pkg.sheets.find((s) => s.name === plan.log.sheet);
  const edits: SheetEdits = new Map();
  let next: number;
  if (entry === undefined) {
    entry = await addSheet(pkg, plan.log.sheet, types);
    plan.log.headers.forEach((h, k) =>
      addEdit(edits, 1, k + 1, { style: (old) => styles.boldText(old), text: fileText(h) }),
    );
    next = 2;
  } else {
    next = lastRow(entry.part, (await pkg.text(entry.part)) as string) + 1;
  }
  for (const line of plan.log.lines) {
    line.forEach((cell, k) =>
      addEdit(edits, next, k + 1, { style: (old) => styles.text(old), text: fileText(redact(cell)) }),
    );
    next++;
  }
  pkg.put(entry.part, patchSheetXml(entry.part, (await pkg.text(entry.part)) as string, edits, { strict: pkg.strict }));
}

async function addSheet(pkg: XlsxPackage, name: string, types: ContentTypes): Promise<SheetEntry> {
  const part = freePart(pkg, 'xl/worksheets/sheet', '.xml');
  const cols = LOG_WIDTHS.map((w, k) => `<col min="${k + 1}" max="${k + 1}" width="${w}" customWidth="1"/>`).join('');
  const main = NS.main[pkg.strict ? 1 : 0];
  pkg.put(
    part,
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<worksheet xmlns="${main}">` +
      '<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>' +
      `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData/>` +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>',
  );
  types.override(part, CT_WORKSHEET);
  const relsPath = relsPathOf(pkg.workbookPart);
  const rel = addRel(
    relsPath,
    await pkg.text(relsPath),
    relType('worksheet', pkg.strict),
    relativeTarget(pkg.workbookPart, part),
  );
  pkg.put(relsPath, rel.xml);
  const workbook = addSheetToWorkbook(
    pkg.workbookPart,
    (await pkg.text(pkg.workbookPart)) as string,
    name,
    rel.id,
    pkg.strict,
  );
  pkg.put(pkg.workbookPart, workbook.xml);
  const entry: SheetEntry = { name, state: 'visible', sheetId: workbook.sheetId, part };
  pkg.sheets.push(entry);
  return entry;
}
