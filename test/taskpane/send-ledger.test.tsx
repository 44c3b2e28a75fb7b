/** @jest-environment jsdom */
/**
 * period: the Send tab and its summary with what the server's delivery ledger said (issue #10): rows already at
 * Kiva read Sent (sent earlier) and are not "Not sent"; rows changed since sent say what changed and need an
 * explicit, confirmed Resend; the repayment report period is shown and can be changed.
 */
import '@testing-library/jest-dom';
import { screen, within } from '@testing-library/react';
import type { RowOutcome, SendSummary } from '../../src/taskpane/controller';
import { fakeController, ok, plan, sheetInfo } from './fake-controller';
import { clickWhenEnabled, renderPane, settle } from './render';

const row = (n: number) => ({ sheet: 'Pagos', row: n });
const earlier = {
  sentAt: '2026-12-02T05:15:52.785Z',
  sentBy: 'Ana Quispe',
  environment: 'stage',
  outcome: 'accepted' as const,
  reference: '70001',
};
const summary = (outcomes: RowOutcome[]): SendSummary => ({
  env: 'stage',
  outcomes,
  skipped: { alreadySent: 0, uncertain: 0, invalid: 0 },
});
const repaymentsSheet = () => sheetInfo({ sheet: 'Pagos', kind: 'repayments' });

describe('Send tab with the delivery ledger', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('a reopened workbook: rows sent earlier are Sent in the summary, not "Not sent", and no English or ISO shows', async () => {
    const controller = fakeController({
      displayLanguage: 'es-ES',
      detectSheet: () => ok(repaymentsSheet()),
      send: () =>
        ok(
          summary([
            { kind: 'sent', row: row(2), earlier },
            { kind: 'sent', row: row(3), earlier: { ...earlier, sentBy: '' } },
            { kind: 'sent', row: row(4), reference: { uploadId: '70002' } },
          ]),
        ),
    });
    const { user } = renderPane(controller, 'send');
    await settle();
    await clickWhenEnabled(user, 'Enviar 3 filas a Kiva');
    await settle();

    expect(
      screen.getByText(/2 filas ya estaban en Kiva: marcadas como Enviadas, no se enviaron de nuevo/),
    ).toBeInTheDocument();
    // "Sent: 1": only the row sent now; nothing under "Not sent".
    expect(screen.getByText(/Enviadas: 1/)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: /^No enviadas/ })).not.toBeInTheDocument();
    const list = screen.getByRole('heading', { name: /Ya en Kiva/ }).closest('section') as HTMLElement;
    expect(list).toHaveTextContent('(2)');
    expect(within(list).getByText(/^Enviada .+ por Ana Quispe$/)).toBeInTheDocument();
    // A system account is named as the computer, never as "root".
    expect(within(list).getByText(/^Enviada .+ por este equipo$/)).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/2026-12-02T|Already sent|force|root/);
  });

  it('a changed amount: says what changed and when, and Resend of those rows is asked for and confirmed', async () => {
    const controller = fakeController({
      detectSheet: () => ok(repaymentsSheet()),
      planSend: (request) =>
        ok(
          plan({
            rows: request.resendChanged === true ? 1 : 0,
            changed: 1,
            period: { value: '2026-11', saved: false },
            reconciled: { restored: 0, changed: 1, uncertain: 0 },
          }),
        ),
      send: () =>
        ok(
          summary([
            {
              kind: 'failed',
              row: row(2),
              code: 'ledger.changed',
              message: 'changed since sent',
              earlier,
              changes: [{ field: 'amount', was: 20, now: 2500 }],
            },
          ]),
        ),
    });
    const { user } = renderPane(controller, 'send');
    await settle();
    expect(
      screen.getByText('1 row changed since it was sent and will not be sent. Correct it in PA2, or choose Resend.'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: /Send the rows changed since sent again/ }));
    await settle();
    expect(controller.planSend).toHaveBeenLastCalledWith(expect.objectContaining({ resendChanged: true }));
    await clickWhenEnabled(user, 'Send 1 row to Kiva');
    await settle();
    const dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveTextContent('Kiva will get the new content as well as the old one');
    expect(controller.send).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Send 1 row' }));
    await settle();
    expect(controller.send).toHaveBeenCalledWith(expect.objectContaining({ resendChanged: true, period: '2026-11' }));

    const list = screen
      .getByRole('heading', { name: /Changed since sent — not sent/ })
      .closest('section') as HTMLElement;
    expect(within(list).getByText(/^amount 20 → 2,500 — sent .+ by Ana Quispe$/)).toBeInTheDocument();
  });

  it('shows the report period of a repayments sheet and keeps the month chosen', async () => {
    const controller = fakeController({
      detectSheet: () => ok(repaymentsSheet()),
      planSend: () => ok(plan({ period: { value: '2026-11', saved: false } })),
    });
    const { user } = renderPane(controller, 'send');
    await settle();
    const period = screen.getByRole('group', { name: 'Report period' });
    const month = within(period).getByRole('combobox', { name: 'Month' });
    expect(month).toHaveTextContent('November');
    expect(within(period).getByRole('combobox', { name: 'Year' })).toHaveTextContent('2026');
    expect(screen.getByText(/The month before today, unless you choose another/)).toBeInTheDocument();
    // Arrow keys only move through the months: nothing is chosen until Enter.
    month.focus();
    await user.keyboard('{ArrowDown}');
    const october = screen.getByRole('option', { name: 'October' });
    for (let step = 0; step < 12 && month.getAttribute('aria-activedescendant') !== october.id; step++) {
      await user.keyboard('{ArrowUp}');
    }
    expect(month).toHaveAttribute('aria-activedescendant', october.id);
    await settle();
    expect(controller.setReportPeriod).not.toHaveBeenCalled();
    await user.keyboard('{Enter}');
    await settle();
    expect(controller.setReportPeriod).toHaveBeenCalledWith('2026-10');
    expect(controller.setReportPeriod).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['es-PE', 'Período del reporte', 'Mes', 'Noviembre', 'Octubre'],
    ['fr-SN', 'Période du rapport', 'Mois', 'Novembre', 'Octobre'],
  ])(
    'names the months in the pane’s language (%s), not the browser’s',
    async (displayLanguage, label, name, shown, other) => {
      const controller = fakeController({
        displayLanguage,
        detectSheet: () => ok(repaymentsSheet()),
        planSend: () => ok(plan({ period: { value: '2026-11', saved: true } })),
      });
      const { user } = renderPane(controller, 'send');
      await settle();
      const month = within(screen.getByRole('group', { name: label })).getByRole('combobox', { name });
      expect(month).toHaveTextContent(shown);
      await user.click(month);
      await user.click(screen.getByRole('option', { name: other }));
      await settle();
      expect(controller.setReportPeriod).toHaveBeenCalledWith('2026-10');
    },
  );

  it('shows no period for loan drafts', async () => {
    const controller = fakeController({ planSend: () => ok(plan({ period: { value: '2026-11', saved: false } })) });
    renderPane(controller, 'send');
    await settle();
    expect(screen.queryByLabelText('Report period')).not.toBeInTheDocument();
  });
});
