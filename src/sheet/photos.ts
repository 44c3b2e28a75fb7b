/**
 * Photos: a cell holds a data URI or a file name. File names are resolved by the caller, which alone can read
 * files (the CLI from disk, the task pane from attachments): the core stays free of I/O.
 */
import { readId } from './coerce/ids';
import { INVALID, type CellSink, type Invalid } from './coerce/sink';

export type PhotoResolution = { dataUri: string } | { error: string };
export type PhotoResolver = (cellText: string) => PhotoResolution;
/**
 * The photo the user attached to a loan's row in the task pane when the sheet has no photo cell for it (by loan
 * id); undefined when none is attached. `name` is the file's, for the message when it cannot be used.
 */
export type AttachedPhotos = (loanId: string) => ({ dataUri: string } | { error: string; name: string }) | undefined;

const DATA_URI = /^data:image\/(?:jpeg|jpg|png|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

export function isImageDataUri(text: string): boolean {
  return DATA_URI.test(text);
}

export function resolvePhoto(text: string, resolver: PhotoResolver | undefined, sink: CellSink): string | Invalid {
  if (text.startsWith('data:')) {
    if (isImageDataUri(text)) return text;
    sink.report('photo-invalid', 'error', {});
    return INVALID;
  }
  if (resolver === undefined) {
    sink.report('photo-error', 'error', { value: text, detail: 'no-photos' });
    return INVALID;
  }
  let found: PhotoResolution;
  try {
    found = resolver(text);
  } catch {
    found = { error: 'unreadable' };
  }
  if ('dataUri' in found && typeof found.dataUri === 'string') {
    if (isImageDataUri(found.dataUri)) return found.dataUri;
    sink.report('photo-invalid', 'error', {});
    return INVALID;
  }
  const detail = 'error' in found && typeof found.error === 'string' ? found.error : 'unreadable';
  sink.report('photo-error', 'error', { value: text, detail });
  return INVALID;
}

/**
 * A loan id cell as the loans converter reads it (text trimmed, numbers in full), so a photo the pane attaches
 * by loan id is found again at conversion; undefined for an empty or unreadable cell.
 */
export function loanIdOfCell(value: unknown, format?: string | null): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  let bad = false;
  const id = readId(value, format, { report: (_code, severity) => void (bad ||= severity === 'error') });
  return id === INVALID || bad || id === '' ? undefined : id;
}
