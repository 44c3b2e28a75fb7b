/**
 * Why a file was not read: damaged (malformed XML, a cell outside its row, an unterminated quote…) or refused
 * (a part that would inflate to an absurd size, a format this tool does not read). Raised while reading, before
 * anything is built or sent, and turned into an `AppError` the command line words in the user's language
 * (src/app/messages.ts, `fileProblems`). Never a guess at what the file meant.
 */
import { appError, type AppError } from '../../app/errors';
import type { FileProblemCode } from '../../app/file-problems';

export type FileProblemKind = 'damaged' | 'refused';

export class FileProblem extends Error {
  constructor(
    readonly kind: FileProblemKind,
    /** The zip part (`xl/worksheets/sheet1.xml`) or, in a CSV file, the cell (`C14`). */
    readonly part: string,
    readonly reason: FileProblemCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${part}: ${reason} ${JSON.stringify(params)}`);
  }

  toAppError(file: string): AppError {
    return appError(this.kind === 'damaged' ? 'workbook-damaged' : 'workbook-refused', {
      ...this.params,
      file,
      part: this.part,
      reason: this.reason,
    });
  }
}

/** The file is valid but holds something the lean path cannot patch: it is opened through exceljs instead. */
export class LeanUnsupported extends Error {}
