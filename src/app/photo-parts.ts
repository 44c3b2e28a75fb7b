/**
 * The workbook's kept photos as every face reads them: the pane writes them as custom XML parts through Office.js
 * (src/excel/photo-parts.ts), the command line reads them from the file's `customXml/` parts (src/cli/files). One
 * small index part lists the photos, each by key, with the ids of the data parts that hold its base64 in order.
 *
 *   <photos xmlns="urn:kiva-sheets:photos:index:1"><photo key="loan:L-0001" name="ana.jpg" type="image/jpeg"
 *     bytes="48213" parts="{5E3A…} {5E3A…}"/></photos>
 *   <chunk xmlns="urn:kiva-sheets:photos:data:1">/9j/4AAQ…</chunk>
 *
 * Two kinds of key: `file:<name>` for a photo a photo cell names (`fotos/Ana.JPG` finds `ana.jpg`: last path
 * segment, case aside), `loan:<loan id>` for a photo attached to a loan whose row has no photo cell.
 */
export const PHOTO_INDEX_NAMESPACE = 'urn:kiva-sheets:photos:index:1';
export const PHOTO_DATA_NAMESPACE = 'urn:kiva-sheets:photos:data:1';

export type PhotoType = 'image/jpeg' | 'image/png';

/** One photo the index lists. */
export interface PhotoIndexEntry {
  key: string;
  /** The file's own name, as the user chose it. */
  name: string;
  type: PhotoType;
  /** The photo's size in bytes. */
  bytes: number;
  /** The data parts' ids, in order. */
  parts: string[];
}

/** The last segment of a path, `/` or `\`. */
export function photoBaseName(name: string): string {
  const parts = name.split(/[\\/]/);
  return parts[parts.length - 1] ?? name;
}

export const photoFileKey = (name: string): string => `file:${photoBaseName(name.trim()).toLowerCase()}`;
export const photoLoanKey = (loanId: string): string => `loan:${loanId.trim()}`;

/** An index `<photo>` element's attributes as an entry; undefined for one no face wrote (no key, another type). */
export function photoIndexEntry(attribute: (name: string) => string | null | undefined): PhotoIndexEntry | undefined {
  const key = attribute('key');
  const type = attribute('type');
  if (key === null || key === undefined || (type !== 'image/jpeg' && type !== 'image/png')) return undefined;
  return {
    key,
    name: attribute('name') ?? key,
    type,
    bytes: Number(attribute('bytes') ?? 0),
    parts: (attribute('parts') ?? '').split(' ').filter((id) => id !== ''),
  };
}
