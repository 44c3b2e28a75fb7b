/**
 * The plan marks text that Excel would take for a formula with a leading apostrophe, the way one types it in
 * Excel. In a file, a string cell is a string whatever it starts with: the apostrophe would show, so it goes.
 * (Its own module: the lean patcher needs it without loading exceljs, which xlsx-write.ts is built on.)
 */
export function fileText(text: string): string {
  return text.charCodeAt(0) === 39 && text.length > 1 && '=+-@\t\r'.includes(text[1] as string) ? text.slice(1) : text;
}
