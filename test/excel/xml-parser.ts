/** Node has no DOMParser: tests read the workbook's photo parts with xmldom, as a browser would with its own. */
import { DOMParser } from '@xmldom/xmldom';
import { createWorkbookPhotos, type WorkbookPhotos } from '../../src/excel';
import type { XmlParser } from '../../src/excel/photo-parts';

export const xmldomParser: XmlParser = (xml) =>
  new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(message);
    },
  }).parseFromString(xml, 'application/xml') as unknown as Document;

export const nodeWorkbookPhotos = (): WorkbookPhotos => createWorkbookPhotos(xmldomParser);
