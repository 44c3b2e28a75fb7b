/**
 * Photos: a cell holds a data URI or a file name. File names are resolved by the caller, which alone can read
 * files (the CLI from disk, the task pane from attachments): the core stays free of I/O.
 */
import { INVALID, type CellSink, type Invalid } from './coerce/sink';

export type PhotoResolution = { dataUri: string } | { error: string };
export type PhotoResolver = (cellText: string) => PhotoResolution;

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
