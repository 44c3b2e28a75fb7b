/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, waitFor, within } from '@testing-library/react';
import { describeContents, sendContents } from '../../src/taskpane/send-contents';
import { uiText } from '../../src/i18n';
import type { PreviewItem } from '../../src/sheet';
import { fakeController, ok, plan, session } from './fake-controller';
import { answerDialog, openConfirmation, renderPane, settle } from './render';

const loanItem = (position: number, currency: string, amounts: number[], rows: number[]): PreviewItem => ({
  position,
  endpoint: 'loan_draft',
  rows: rows.map((row) => ({ sheet: 'Loans', row })),
  rowsText: '',
  body: { currency, entreps: amounts.map((amount, k) => ({ amount, loan_id: `L-${position}-${k}` })) },
  json: '{}',
});

describe('what a send carries', () => {
  it('counts loans, not borrower rows, and adds money per currency in whole cents', () => {
    const contents = sendContents([
      loanItem(1, 'PEN', [0.1, 0.2], [2, 3]),
      loanItem(2, 'PEN', [100], [4]),
      loanItem(3, 'USD', [50.5], [5]),
    ]);
    expect(contents).toEqual({
      endpoint: 'loan_draft',
      items: 3,
      rows: 4,
      totals: [
        { currency: 'PEN', amount: 100.3 },
        { currency: 'USD', amount: 50.5 },
      ],
    });
    expect(describeContents('en', uiText('en'), contents)).toEqual({
      what: '3 loans (4 rows)',
      money: 'PEN\u00a0100.30 and USD\u00a050.50',
    });
  });

  it('says repayments by count with a total, in French with French number spacing', () => {
    const contents = sendContents([
      {
        position: 1,
        endpoint: 'repayments',
        rows: [2, 3, 4].map((row) => ({ sheet: 'Pagos', row })),
        rowsText: '',
        body: {
          repayments: [
            { loan_id: 'a', amount: 100 },
            { loan_id: 'b', amount: 1200 },
            { loan_id: 'c', amount: 40 },
          ],
        },
        json: '{}',
      },
    ]);
    expect(describeContents('en', uiText('en'), contents)).toEqual({ what: '3 repayments', money: 'total 1,340.00' });
    expect(describeContents('fr', uiText('fr'), contents)).toEqual({
      what: '3 remboursements',
      money: 'total 1\u202f340,00',
    });
  });
});

describe('production confirmation', () => {
  // Fluent's dialogs hand focus to tabster's timers: on fake timers their order does not depend on CPU load (render.tsx).
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const productionPlan = plan({
    env: 'production',
    rows: 9,
    contents: { endpoint: 'repayments', items: 9, rows: 9, totals: [{ currency: 'PEN', amount: 340 }] },
  });

  it('names kind, count and money; Go back comes first, where the dialog’s focus starts', async () => {
    const controller = fakeController({
      session: () => ok(session({ activeEnvironment: 'production' })),
      planSend: () => ok(productionPlan),
    });
    const { user } = renderPane(controller, 'send');
    await settle();
    const dialog = await openConfirmation(user, 'Send 9 rows to Kiva');
    expect(within(dialog).getByText('9 repayments, PEN 340.00, to Kiva PRODUCTION — not a test.')).toBeInTheDocument();
    // Fluent's dialog focuses its first focusable element (the browser tests check the focus itself; jsdom has no
    // layout for Fluent's focus finder).
    const buttons = within(dialog).getAllByRole('button', { hidden: true });
    expect(buttons.map((b) => b.textContent)).toEqual(['Go back', 'Send 9 rows to production']);
    await answerDialog(user, 'Go back');
    expect(controller.send).not.toHaveBeenCalled();
  });

  it('choosing the Production environment asks once per pane session', async () => {
    let active: 'stage' | 'production' = 'stage';
    const controller = fakeController({
      session: () => ok(session({ activeEnvironment: active })),
      selectEnvironment: (env) => {
        active = env;
        return ok(session({ activeEnvironment: env }));
      },
    });
    const { user } = renderPane(controller, 'connection');
    await settle();
    await user.click(screen.getByRole('radio', { name: /Production/ }));
    const dialog = await screen.findByRole('alertdialog', { hidden: true });
    expect(within(dialog).getByText('Use Kiva production?')).toBeInTheDocument();
    expect(within(dialog).getAllByRole('button', { hidden: true })[0]).toHaveTextContent('Go back');
    await answerDialog(user, 'Go back');
    expect(controller.selectEnvironment).not.toHaveBeenCalled();

    await user.click(screen.getByRole('radio', { name: /Production/ }));
    await answerDialog(user, 'Use production');
    await waitFor(() => expect(controller.selectEnvironment).toHaveBeenCalledWith('production'));
    await waitFor(() => expect(screen.getByRole('radio', { name: /Production/ })).toBeChecked());

    await user.click(screen.getByRole('radio', { name: /Stage/ }));
    await waitFor(() => expect(screen.getByRole('radio', { name: /Stage/ })).toBeChecked());
    await user.click(screen.getByRole('radio', { name: /Production/ }));
    await waitFor(() => expect(controller.selectEnvironment).toHaveBeenCalledTimes(3));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
