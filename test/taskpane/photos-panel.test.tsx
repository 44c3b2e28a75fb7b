/** @jest-environment jsdom */
/**
 * The pane's photo parts: a Fluent file button in the pane's language (never the browser's "Choose File"), "Add a
 * Photo column" on the Sheet and Tools tabs of a loans sheet without one, and what the pane says after attaching
 * (to a loan by its id, kept in the workbook or only for this session).
 */
import '@testing-library/jest-dom';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeController, failing, ok, sheetInfo } from './fake-controller';
import { renderPane, settle } from './render';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
const photo = (name: string) => new File([JPEG], name, { type: 'image/jpeg' });

const withPhotoColumn = () =>
  sheetInfo({
    columns: [
      { column: 'A', header: 'Loan ID', field: 'loan_id' },
      { column: 'B', header: 'Nombre', field: 'first_name' },
      { column: 'C', header: 'Monto', field: 'amount' },
      { column: 'D', header: 'Foto', field: 'photo' },
      { column: 'E', header: 'Kiva status', status: true },
    ],
  });

async function open(tab: 'tools' | 'sheet', controller = fakeController()) {
  const user = userEvent.setup({ applyAccept: false });
  const rendered = renderPane(controller, tab);
  await settle();
  return { ...rendered, user, controller };
}

const photosSection = () => {
  const heading = screen.getByRole('heading', {
    name: /Borrower photos|Fotos de los prestatarios|Photos des emprunteurs/,
  });
  return within(heading.closest('section') as HTMLElement);
};

describe('the photo file button', () => {
  it.each([
    ['en-US', 'Choose photos…', 'for the selected borrower', 'Choose a photo…'],
    ['es-PE', 'Elegir fotos…', 'para el prestatario seleccionado', 'Elegir una foto…'],
    ['fr-SN', 'Choisir des photos…', 'pour l’emprunteur sélectionné', 'Choisir une photo…'],
  ])('is a button in the pane’s language (%s) that opens the hidden file input', async (lang, many, selected, one) => {
    const { user, container } = await open('tools', fakeController({ displayLanguage: lang }));
    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    // The browser's own control (its "Choose File" is in the browser's language) is out of sight and out of reach.
    expect(input).not.toBeVisible();
    expect(input.tabIndex).toBe(-1);
    const clicks = jest.fn();
    input.addEventListener('click', clicks);

    const button = photosSection().getByRole('button', { name: many });
    await user.click(button);
    expect(clicks).toHaveBeenCalledTimes(1);
    expect(input.multiple).toBe(true);

    await user.click(photosSection().getByRole('radio', { name: selected }));
    expect(photosSection().getByRole('button', { name: one })).toBeInTheDocument();
    expect(input.multiple).toBe(false);
  });

  it('opens the file chooser from the keyboard (Enter and Space)', async () => {
    const { user, container } = await open('tools', fakeController({ detectSheet: () => ok(withPhotoColumn()) }));
    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    const clicks = jest.fn();
    input.addEventListener('click', clicks);
    await user.click(photosSection().getByRole('radio', { name: 'for the selected borrower' }));
    photosSection().getByRole('button', { name: 'Choose a photo…' }).focus();
    await user.keyboard('{Enter}');
    expect(clicks).toHaveBeenCalledTimes(1);
    await user.keyboard(' ');
    expect(clicks).toHaveBeenCalledTimes(2);
  });
});

describe('Add a Photo column', () => {
  it('is offered on the Sheet tab of a loans sheet without one, adds it and says where', async () => {
    const controller = fakeController();
    const { user } = await open('sheet', controller);
    expect(screen.getByText(/This sheet has no photo column/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add a Photo column' }));
    await settle();
    expect(controller.addPhotoColumn).toHaveBeenCalledTimes(1);
    expect(
      screen.getByText('Column F (Photo) added: type each borrower’s photo file name in it, then choose the photos.'),
    ).toBeInTheDocument();
  });

  it('is offered beside the photo action too, in Spanish', async () => {
    const controller = fakeController({ displayLanguage: 'es-MX' });
    const { user } = await open('tools', controller);
    await user.click(photosSection().getByRole('button', { name: 'Agregar una columna Foto' }));
    await settle();
    expect(controller.addPhotoColumn).toHaveBeenCalledTimes(1);
  });

  it('is not offered when the sheet has a photo column, nor on a repayments sheet', async () => {
    await open('tools', fakeController({ detectSheet: () => ok(withPhotoColumn()) }));
    expect(screen.queryByRole('button', { name: 'Add a Photo column' })).not.toBeInTheDocument();
  });

  it('is not offered on a repayments sheet', async () => {
    await open('sheet', fakeController({ detectSheet: () => ok(sheetInfo({ kind: 'repayments' })) }));
    expect(screen.queryByRole('button', { name: 'Add a Photo column' })).not.toBeInTheDocument();
  });

  it('shows why it could not be added', async () => {
    const controller = fakeController({ addPhotoColumn: () => failing('photo.column-exists', { column: 'H' }) });
    const { user } = await open('sheet', controller);
    await user.click(screen.getByRole('button', { name: 'Add a Photo column' }));
    await settle();
    expect(screen.getByText('This sheet already has a photo column (H).')).toBeInTheDocument();
  });
});

describe('after attaching', () => {
  it('names the loan a photo went to on a sheet without a photo column, and says it is kept in the workbook', async () => {
    const controller = fakeController({
      attachPhotos: () =>
        ok({
          attached: [{ file: 'pedro.jpg', rows: [{ sheet: 'Loans', row: 7 }] }],
          unmatched: [],
          sessionOnly: [],
          loanId: 'L-1006',
        }),
    });
    const { user } = await open('tools', controller);
    await user.click(photosSection().getByRole('radio', { name: 'for the selected borrower' }));
    await user.upload(screen.getByLabelText('Choose photo files'), photo('pedro.jpg'));
    await settle();
    expect(controller.attachPhotos).toHaveBeenCalledWith({ files: [expect.any(File)], match: 'selected-borrower' });
    expect(
      screen.getByText(
        'Photo pedro.jpg attached to loan L-1006 (row 7). Kept in this workbook: the photos are there again when the file is reopened.',
      ),
    ).toBeInTheDocument();
  });

  it('warns when the workbook could not keep a photo (this session only)', async () => {
    const controller = fakeController({
      detectSheet: () => ok(withPhotoColumn()),
      attachPhotos: () =>
        ok({
          attached: [{ file: 'ana.jpg', rows: [{ sheet: 'Loans', row: 2 }] }],
          unmatched: [],
          sessionOnly: ['ana.jpg'],
        }),
    });
    const { user } = await open('tools', controller);
    await user.upload(screen.getByLabelText('Choose photo files'), photo('ana.jpg'));
    await settle();
    expect(screen.getByText('1 photo attached.')).toBeInTheDocument();
    expect(screen.queryByText(/Kept in this workbook/)).not.toBeInTheDocument();
    expect(
      screen.getByText('Could not be kept in the workbook, so only until the pane is closed: ana.jpg.'),
    ).toBeInTheDocument();
  });

  it('says in French, with its typography, that a row has no loan id', async () => {
    const controller = fakeController({
      displayLanguage: 'fr-CI',
      attachPhotos: () => failing('photo.no-loan-id', { row: 9 }),
    });
    const { user } = await open('tools', controller);
    await user.click(photosSection().getByRole('radio', { name: 'pour l’emprunteur sélectionné' }));
    await user.upload(screen.getByLabelText('Choisir des photos'), photo('a.jpg'));
    await settle();
    // A no-break space before the colon (the default matcher would fold it into a plain space).
    const message = screen.getByText(/^La ligne 9 n’a pas d’identifiant de prêt/);
    expect(message.textContent).toBe(
      'La ligne 9 n’a pas d’identifiant de prêt\u00a0: remplissez-le, puis ajoutez la photo.',
    );
  });
});
