/**
 * recognition: the settings the pane saved in the workbook (Office document settings), read by the command line.
 * Excel keeps an add-in's settings in its web extension part: `xl/webextensions/webextension1.xml`,
 * `<we:properties><we:property name="KivaSheets.settings" value="…JSON…"/>`. Read with the package's XML parser;
 * a part that cannot be read leaves the settings at their defaults (it is Excel's, not ours, to be damaged).
 */
import { parseWorkbookSettings, WORKBOOK_SETTINGS_KEY, type WorkbookSettings } from '../../sheet';
import { attrOf, xmlParser } from './xml';
import type { ZipPackage } from './zip';

const WEB_EXTENSION = /^xl\/webextensions\/webextension\d*\.xml$/i;

export async function readAddinSettings(
  zip: Pick<ZipPackage, 'names' | 'text'>,
): Promise<WorkbookSettings | undefined> {
  for (const part of zip.names().filter((name) => WEB_EXTENSION.test(name))) {
    const text = await zip.text(part);
    if (text === undefined) continue;
    const found = settingIn(part, text);
    if (found !== undefined) return parseWorkbookSettings(found);
  }
  return undefined;
}

/** The stored value of the settings property in one part, if it has it. */
export function settingIn(part: string, text: string): string | undefined {
  let value: string | undefined;
  try {
    const sink = xmlParser(part, {
      open(tag) {
        if (tag.local === 'property' && attrOf(tag, 'name') === WORKBOOK_SETTINGS_KEY) value ??= attrOf(tag, 'value');
      },
    });
    sink.write(text);
    sink.close();
  } catch {
    return undefined;
  }
  return value;
}
