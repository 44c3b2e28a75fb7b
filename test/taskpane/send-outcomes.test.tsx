/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, within } from '@testing-library/react';
import type { RowOutcome, SendSummary } from '../../src/taskpane/controller';
import { fakeController, ok } from './fake-controller';
import { clickWhenEnabled, renderPane, settle } from './render';

const row = (n: number) => ({ sheet: 'Pagos', row: n });
const summary = (outcomes: RowOutcome[]): SendSummary => ({
  env: 'stage',
  outcomes,
  skipped: { alreadySent: 0, uncertain: 0, invalid: 0 },
});

describe('Send summary: rows sent with warnings and the next step in PA2', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('lists warned rows apart, in the pane’s language, with a button to each row, and ends with the next step', async () => {
    const controller = fakeController({
      displayLanguage: 'es-ES',
      send: () =>
        ok(
          summary([
            { kind: 'sent', row: row(2), reference: { uploadId: '70001' } },
            {
              kind: 'sent',
              row: row(3),
              reference: {
                uploadId: '70001',
                warnings: ['Loan is refunded, not payingBack', 'amount looks odd'],
                warningCodes: ['loan.not.repaying', ''],
              },
            },
            { kind: 'sent', row: row(4), reference: { uploadId: '70002' } },
          ]),
        ),
    });
    const { user } = renderPane(controller, 'send');
    await settle();
    await clickWhenEnabled(user, 'Enviar 3 filas a Kiva');
    await settle();

    // Not a green "all good": the summary names the warned row.
    expect(screen.getByText(/1 fila enviada tiene advertencias de Kiva\./)).toBeInTheDocument();
    const list = screen.getByRole('heading', { name: /Enviadas con advertencias/ }).closest('section') as HTMLElement;
    expect(list).toHaveTextContent('(1)');
    // A known code in Spanish; an unknown one as Kiva's own words, quoted.
    expect(
      within(list).getByText(
        'Kiva: el préstamo no está en reembolso en Kiva (revise su estado en PA2); Kiva: «amount looks odd»',
      ),
    ).toBeInTheDocument();
    expect(list).not.toHaveTextContent('refunded');
    await user.click(within(list).getByRole('button', { name: /^Fila 3/ }));
    expect(controller.goToCell).toHaveBeenCalledWith(expect.stringMatching(/^Pagos![A-Z]+3$/));

    const next = screen.getByRole('heading', { name: 'Siguiente paso en PA2' }).closest('section') as HTMLElement;
    expect(next).toHaveTextContent('Finalice el reporte en PA2: cargas 70001 y 70002.');
  });

  it('after loan drafts says to review and publish them; no warned list when Kiva warned nothing', async () => {
    const controller = fakeController({
      send: () =>
        ok(
          summary([
            { kind: 'sent', row: row(2), reference: { loanDraftUuid: 'a-1' } },
            { kind: 'sent', row: row(3), reference: { loanDraftUuid: 'a-1' } },
            { kind: 'rejected', row: row(4), message: 'bad' },
          ]),
        ),
    });
    const { user } = renderPane(controller, 'send');
    await settle();
    await clickWhenEnabled(user, 'Send 3 rows to Kiva');
    await settle();
    expect(screen.queryByRole('heading', { name: /Sent with warnings/ })).not.toBeInTheDocument();
    expect(screen.getByText('Review and publish the loan draft in PA2.')).toBeInTheDocument();
  });

  it.each([
    ['en-US', 'Send 3 rows to Kiva', 'Sent: 2 loans (4 rows) + 1 row ·'],
    ['es-ES', 'Enviar 3 filas a Kiva', 'Enviadas: 2 préstamos (4 filas) + 1 fila ·'],
    ['fr-FR', 'Envoyer 3 lignes à Kiva', 'Envoyées\u00a0: 2 prêts (4 lignes) + 1 ligne ·'],
  ])(
    'in %s, loan drafts are counted by loan and by row (a group loan is one draft over several rows)',
    async (language, button, text) => {
      const controller = fakeController({
        displayLanguage: language,
        send: () =>
          ok(
            summary([
              { kind: 'sent', row: row(2), reference: { loanDraftUuid: 'group-1' } },
              { kind: 'sent', row: row(3), reference: { loanDraftUuid: 'group-1' } },
              { kind: 'sent', row: row(4), reference: { loanDraftUuid: 'group-1' } },
              { kind: 'sent', row: row(5), reference: { loanDraftUuid: 'solo-2' } },
              { kind: 'sent', row: row(6), reference: { uploadId: '70001' } },
            ]),
          ),
      });
      const { user } = renderPane(controller, 'send');
      await settle();
      await clickWhenEnabled(user, button);
      await settle();
      const title = { 'en-US': 'Finished', 'es-ES': 'Terminado', 'fr-FR': 'Terminé' }[language] as string;
      expect(screen.getByText(title).closest('[role="group"], .fui-MessageBar, section, div')?.textContent).toContain(
        text,
      );
    },
  );
});
