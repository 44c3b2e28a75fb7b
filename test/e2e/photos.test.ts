/**
 * Issue #15, photos, in a real browser: on the loans sample (no photo column), a photo chosen with the pane's own
 * button for the selected borrower is kept in the workbook; the page reloaded (the workbook closed and reopened,
 * `keep=1`: the pane's memory is gone) still sends it to Kiva inside the loan draft, as base64. Then the Sheet
 * tab's "Add a Photo column" adds a Foto column in Spanish. Screenshots go to test-artifacts/e2e/.
 */
import type { LoanDraft } from '../../src/kiva';
import type { Emulator } from '../../dev/kiva-emulator';
import { e2eSuite } from './harness';

jest.setTimeout(120_000);

const { open } = e2eSuite('photos');

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);

const drafts = (emulator: Emulator) =>
  emulator.applied.filter((a) => a.endpoint === 'loan_draft').map((a) => a.body as LoanDraft);

describe('borrower photos', () => {
  it('a photo attached to the selected borrower without a photo column is kept across reload and sent', async () => {
    const { site, bench } = await open('loans', { keep: true });
    const { page, pane } = bench;
    await bench.tab('Tools');
    await bench.selectRows(7);
    await pane.getByRole('radio', { name: 'for the selected borrower' }).check();
    // The pane's own button (never the browser's "Choose File") opens the file chooser.
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      pane.getByRole('button', { name: 'Choose a photo…' }).click(),
    ]);
    await chooser.setFiles({ name: 'pedro.jpg', mimeType: 'image/jpeg', buffer: JPEG });
    await pane.getByText('Photo pedro.jpg attached to loan L-1006 (row 7).', { exact: false }).waitFor();
    await pane.getByText('Kept in this workbook', { exact: false }).waitFor();
    await bench.shot('photos-10-attached-without-column');
    expect(await bench.cell('O7').textContent()).toBe('');

    await page.reload();
    await pane.getByRole('tablist').waitFor();
    await bench.selectRows(7);
    await bench.ribbon('Send selected rows');
    await bench.cellText('O7', /^Sent · /);
    const draft = drafts(site.stack.stage).find((d) => d.entreps?.[0]?.loan_id === 'L-1006');
    expect(draft?.image_encoded).toBe(`data:image/jpeg;base64,${JPEG.toString('base64')}`);
    // The photo went with its loan only.
    expect(drafts(site.stack.stage).filter((d) => d.image_encoded !== undefined)).toHaveLength(1);
    await bench.shot('photos-11-sent-after-reload');
  });

  it('adds a Photo column from the Sheet tab, in the pane’s language', async () => {
    const { bench } = await open('loans', { lang: 'es-PE' });
    const { pane } = bench;
    await bench.tab('Hoja');
    await pane.getByRole('button', { name: 'Agregar una columna Foto' }).click();
    await pane.getByText('Se agregó la columna O (Foto)', { exact: false }).waitFor();
    await bench.cellText('O1', /^Foto$/);
    // The sheet read again: the new column maps to the photo, and the offer is gone.
    await pane.getByRole('button', { name: 'Agregar una columna Foto' }).waitFor({ state: 'detached' });
    await bench.shot('photos-12-column-added-es');
  });
});
