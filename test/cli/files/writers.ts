/** A write-back plan applied to a file the two ways the command line writes one: the lean patcher and exceljs. */
import { XlsxLeanWorkbookFile } from '../../../src/cli/files/xlsx-lean-workbook';
import { XlsxWorkbookFile } from '../../../src/cli/files/xlsx-workbook';
import type { WriteBackPlan } from '../../../src/sheet';

export type Writer = (file: string, plan: WriteBackPlan) => Promise<void>;

const redact = (text: string): string => text;

export const lean: Writer = async (file, p) => {
  const opened = await XlsxLeanWorkbookFile.open(file, { redact });
  if (!('ok' in opened) || !opened.ok) throw new Error('not opened the lean way');
  await opened.value.read({ scope: { kind: 'workbook' }, isReference: () => false, withLists: false });
  expect((await opened.value.apply(p)).ok).toBe(true);
  expect((await opened.value.save()).ok).toBe(true);
};

export const full: Writer = async (file, p) => {
  const opened = await XlsxWorkbookFile.open(file, { redact });
  if (!opened.ok) throw new Error('not opened');
  await opened.value.read({ scope: { kind: 'workbook' }, isReference: () => false, withLists: false });
  expect((await opened.value.apply(p)).ok).toBe(true);
  expect((await opened.value.save()).ok).toBe(true);
};

/** Both writers, for `describe.each`. */
export const WRITERS: [string, Writer][] = [
  ['the lean patcher', lean],
  ['the exceljs writer', full],
];
