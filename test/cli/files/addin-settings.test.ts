/** recognition: the command line reads the settings the pane saved, from the workbook's web extension part. */
import { readAddinSettings, settingIn } from '../../../src/cli/files/addin-settings';

const PART = (value: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{1}">
  <we:reference id="00000000-0000-0000-0000-000000000000" version="1.0.0.0" store="developer" storeType="Registry"/>
  <we:properties>
    <we:property name="KivaSheets.mapping:Pagos" value="&quot;{}&quot;"/>
    <we:property name="KivaSheets.settings" value="${value}"/>
  </we:properties>
</we:webextension>`;

function zip(parts: Record<string, string>) {
  return { names: () => Object.keys(parts), text: async (name: string) => parts[name] };
}

describe('settings from the workbook file', () => {
  it('reads the JSON Office stored (quoted again, as Excel writes it)', async () => {
    const stored = JSON.stringify(JSON.stringify({ decimalSeparator: ',', threeColumn: true }))
      .replace(/&/g, '&amp;')
      .replace(/"/g, '&quot;');
    const found = await readAddinSettings(zip({ 'xl/webextensions/webextension1.xml': PART(stored) }));
    expect(found).toEqual({ decimalSeparator: ',', threeColumn: true });
  });

  it('none saved, or a part it cannot read: the defaults apply', async () => {
    expect(await readAddinSettings(zip({ 'xl/workbook.xml': '<workbook/>' }))).toBeUndefined();
    expect(settingIn('xl/webextensions/webextension1.xml', '<we:webextension')).toBeUndefined();
  });
});
