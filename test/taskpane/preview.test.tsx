/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen } from '@testing-library/react';
import type { PreviewItem } from '../../src/sheet';
import { failing, fakeController, ok } from './fake-controller';
import { renderPane, settle } from './render';

const body = { repayments: [{ loan_id: '00123', amount: 150.5 }] };
const item = (position: number): PreviewItem => ({
  position,
  endpoint: 'repayments',
  rows: [{ sheet: 'Repayments', row: position + 1 }],
  rowsText: `Repayments!${position + 1}`,
  body,
  json: JSON.stringify(body, null, 2),
});

describe('Preview', () => {
  it('loads only when asked, shows the exact JSON per request, and copies it', async () => {
    const controller = fakeController({ preview: () => ok({ items: [item(1), item(2)], skipped: 1 }) });
    const { user } = renderPane(controller, 'send');
    await settle();
    expect(controller.preview).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Show what will be sent' }));
    await settle();
    // All pending rows by default: the scope the Send tab opens on.
    expect(controller.preview).toHaveBeenCalledWith('pending');
    expect(screen.getByRole('heading', { name: 'Request 1 of 2: repayments, Repayments!2' })).toBeInTheDocument();
    expect(screen.getByText('1 row left out.')).toBeInTheDocument();
    const code = screen.getAllByText(/"loan_id": "00123"/)[0] as HTMLElement;
    expect(code.textContent).toBe(JSON.stringify(body, null, 2));
    // A line a person reads, above the exact JSON (which stays as it is, and copyable).
    const summaries = screen.getAllByTestId('preview-summary');
    expect(summaries.map((p) => p.textContent)).toEqual(['1 repayment · total 150.50', '1 repayment · total 150.50']);
    expect(summaries[0]?.compareDocumentPosition(code)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);

    await user.click(screen.getByRole('button', { name: 'Copy request 2' }));
    await expect(navigator.clipboard.readText()).resolves.toBe(JSON.stringify(body, null, 2));
    expect(screen.getByText('Copied.')).toBeInTheDocument();
  });

  it('says when the clipboard is refused, leaving the text selectable', async () => {
    const controller = fakeController({ preview: () => ok({ items: [item(1)], skipped: 0 }) });
    const { user } = renderPane(controller, 'send');
    await settle();
    jest.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('NotAllowedError'));
    await user.click(screen.getByRole('button', { name: 'Show what will be sent' }));
    await settle();
    await user.click(screen.getByRole('button', { name: 'Copy request 1' }));
    await settle();
    expect(screen.getByText('Copying was not allowed here: select the text and copy it yourself.')).toBeInTheDocument();
  });

  it('shows an empty preview and errors plainly', async () => {
    const controller = fakeController({ preview: () => ok({ items: [], skipped: 0 }) });
    const { user } = renderPane(controller, 'send');
    await settle();
    await user.click(screen.getByRole('button', { name: 'Show what will be sent' }));
    await settle();
    expect(screen.getByText('Nothing would be sent.')).toBeInTheDocument();
    controller.preview.mockImplementation(() => failing('sheet.kind-unknown'));
    await user.click(screen.getByRole('radio', { name: 'Selected rows' }));
    await settle();
    expect(controller.preview).toHaveBeenLastCalledWith('selection');
    expect(screen.getByText(/cannot tell what this sheet holds/)).toBeInTheDocument();
  });
});
