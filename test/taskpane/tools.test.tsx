/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { checkPhoto } from '../../src/taskpane/photos';
import { failing, fakeController, ok, session, sheetInfo } from './fake-controller';
import { renderPane, settle } from './render';

const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46];
const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function photo(name: string, head: number[], size = 1024, type = 'image/jpeg'): File {
  const bytes = new Uint8Array(size);
  bytes.set(head.slice(0, size));
  return new File([bytes], name, { type });
}

async function openTools(controller = fakeController()) {
  // The browser's own `accept` filter would hide the wrong files; the pane must say why it refuses them.
  const user = userEvent.setup({ applyAccept: false });
  const result = renderPane(controller, 'tools');
  await settle();
  await screen.findByRole('heading', { name: 'Borrower photos' });
  return { ...result, user, controller };
}

describe('photo checks', () => {
  it('accepts JPEG and PNG by their content, whatever their name', async () => {
    expect(await checkPhoto(photo('a.jpg', JPEG_HEAD), 5000)).toMatchObject({ ok: true, type: 'image/jpeg' });
    expect(await checkPhoto(photo('b.JPG', PNG_HEAD, 100, ''), 5000)).toMatchObject({ ok: true, type: 'image/png' });
    expect(await checkPhoto(photo('c.jpg', [0x25, 0x50, 0x44, 0x46]), 5000)).toMatchObject({
      ok: false,
      problem: 'type',
    });
    expect(await checkPhoto(photo('d.jpg', JPEG_HEAD, 6000), 5000)).toMatchObject({ ok: false, problem: 'size' });
    expect(await checkPhoto(new File([], 'e.jpg'), 5000)).toMatchObject({ ok: false, problem: 'empty' });
  });
});

describe('Tools panel', () => {
  it('is loaded lazily and lists its four tools', async () => {
    await openTools();
    for (const name of ['Borrower photos', 'Kiva lists', 'Repayment report', 'Help from Kiva support']) {
      expect(screen.getByRole('heading', { name })).toBeInTheDocument();
    }
  });

  it('refuses photos of the wrong type or size with a message, and hands the good ones to the controller', async () => {
    const controller = fakeController({
      session: () => ok(session({ photoMaxBytes: 2 * 1024 * 1024 })),
      attachPhotos: () => ok({ attached: [{ file: 'ana.jpg', rows: [{ sheet: 'Loans', row: 2 }] }], unmatched: [] }),
    });
    const { user } = await openTools(controller);
    const good = photo('ana.jpg', JPEG_HEAD);
    const pdf = photo('contract.jpg', [0x25, 0x50, 0x44, 0x46], 1024, 'application/pdf');
    const huge = photo('huge.png', PNG_HEAD, 3 * 1024 * 1024, 'image/png');
    await user.upload(screen.getByLabelText('Choose photo files'), [good, pdf, huge]);
    await settle();

    expect(screen.getByText('contract.jpg: not a JPEG or PNG photo.')).toBeInTheDocument();
    expect(screen.getByText('huge.png: 3 MB, more than 2 MB.')).toBeInTheDocument();
    expect(controller.attachPhotos).toHaveBeenCalledTimes(1);
    expect(controller.attachPhotos).toHaveBeenCalledWith({ files: [good], match: 'file-name' });
    expect(
      screen.getByText(
        '1 photo attached. Kept in this workbook: the photos are there again when the file is reopened.',
      ),
    ).toBeInTheDocument();
  });

  it('says which files no row names', async () => {
    const controller = fakeController({ attachPhotos: () => ok({ attached: [], unmatched: ['x.jpg', 'y.png'] }) });
    const { user } = await openTools(controller);
    await user.upload(screen.getByLabelText('Choose photo files'), [
      photo('x.jpg', JPEG_HEAD),
      photo('y.png', PNG_HEAD),
    ]);
    await settle();
    expect(screen.getByText('No row names these files: x.jpg and y.png.')).toBeInTheDocument();
  });

  it('attaches one photo to the selected borrower', async () => {
    const { user, controller } = await openTools();
    await user.click(screen.getByRole('radio', { name: 'for the selected borrower' }));
    const file = photo('ana.jpg', JPEG_HEAD);
    await user.upload(screen.getByLabelText('Choose photo files'), file);
    await settle();
    expect(controller.attachPhotos).toHaveBeenCalledWith({ files: [file], match: 'selected-borrower' });
  });

  it('shows the controller’s refusal (no photo column) plainly', async () => {
    const controller = fakeController({ attachPhotos: () => failing('photo.no-photo-column') });
    const { user } = await openTools(controller);
    await user.upload(screen.getByLabelText('Choose photo files'), photo('ana.jpg', JPEG_HEAD));
    await settle();
    expect(
      screen.getByText(/This sheet has no photo column. Add one to match photos by file name/),
    ).toBeInTheDocument();
  });

  it('refreshes the Kiva lists and shows their as_of time', async () => {
    const controller = fakeController({ detectSheet: () => ok(sheetInfo({ listsAsOf: '2026-10-01T09:00:00Z' })) });
    const { user } = await openTools(controller);
    expect(screen.getByText(/Lists from .*2026/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Refresh Kiva lists' }));
    await settle();
    expect(controller.refreshLists).toHaveBeenCalled();
    expect(
      screen.getByText('Lists refreshed: 160 activities, 30 themes, 900 locations, 12 languages.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Lists from 28 Nov 2026|Lists from Nov 28, 2026/)).toBeInTheDocument();
  });

  it('says when the lists were never loaded', async () => {
    await openTools();
    expect(screen.getByText('The lists have not been loaded yet.')).toBeInTheDocument();
  });

  it('creates the repayment template', async () => {
    const { user, controller } = await openTools();
    await user.click(screen.getByRole('button', { name: 'Create repayment template' }));
    await settle();
    expect(controller.createRepaymentTemplate).toHaveBeenCalled();
    expect(screen.getByText('Sheet “Repayments” created with 42 loans.')).toBeInTheDocument();
  });

  it('says the Kiva loans sheet it wrote beside the template', async () => {
    const { user, controller } = await openTools();
    controller.createRepaymentTemplate.mockImplementation(() =>
      ok({ sheet: 'Repayments', loans: 42, kivaLoans: { sheet: 'Kiva loans', loans: 60 } }),
    );
    await user.click(screen.getByRole('button', { name: 'Create repayment template' }));
    await settle();
    expect(
      screen.getByText(
        'Sheet “Repayments” created with 42 loans. Sheet “Kiva loans” lists 60 loans of every status, for the Check when Kiva cannot be reached.',
      ),
    ).toBeInTheDocument();
  });

  it('copies the diagnostics the controller prepared (tokens already redacted)', async () => {
    const { user, controller } = await openTools();
    await user.click(screen.getByRole('button', { name: 'Copy diagnostics' }));
    await settle();
    expect(controller.copyDiagnostics).toHaveBeenCalled();
    await expect(navigator.clipboard.readText()).resolves.toContain('[redacted]');
    expect(screen.getByText('Copied: paste it into your message to Kiva support.')).toBeInTheDocument();
  });

  it('shows the diagnostics to copy by hand when the clipboard is refused', async () => {
    const { user } = await openTools();
    jest.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('NotAllowedError'));
    await user.click(screen.getByRole('button', { name: 'Copy diagnostics' }));
    await settle();
    expect(screen.getByRole('textbox', { name: 'Help from Kiva support' })).toHaveValue(
      'POST https://partnerapi.staging.kiva.org/… 201 Authorization: [redacted]',
    );
  });
});
