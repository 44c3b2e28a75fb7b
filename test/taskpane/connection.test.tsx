/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, within } from '@testing-library/react';
import { doctor, doctorText, type DoctorPort, type DoctorReport } from '../../src/app';
import { failing, fakeController, ok, session } from './fake-controller';
import { answerDialog, renderPane, settle } from './render';

describe('Connection panel', () => {
  // Fluent's dialogs hand focus to tabster's timers: on fake timers their order does not depend on CPU load (render.tsx).
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows stage as the default, labelled as the test environment, with partner, scopes and expiry', async () => {
    const controller = fakeController();
    const { container } = renderPane(controller, 'connection');
    await settle();

    const stage = screen.getByRole('radio', { name: /Stage.*Kiva’s test environment — for trying things out/ });
    expect(stage).toBeChecked();
    const badge = container.querySelector('dl [data-environment="stage"]') as HTMLElement;
    expect(badge).toHaveTextContent('StageKiva’s test environment — for trying things out');
    const facts = screen.getByText('Partner id').closest('dl') as HTMLElement;
    expect(within(facts).getByText('145')).toBeInTheDocument();
    expect(within(facts).getByText('read loans and create loan drafts')).toBeInTheDocument();
    expect(within(facts).getByText(/2026/)).toBeInTheDocument();
    expect(screen.queryByText(/Production is active/)).not.toBeInTheDocument();
  });

  it('makes production visibly different: red badge, warning, marked page', async () => {
    const controller = fakeController({ session: () => ok(session({ activeEnvironment: 'production' })) });
    const { container } = renderPane(controller, 'connection');
    await settle();

    expect(
      screen.getByText(/Production is active: loans and reports you send reach Kiva for real/),
    ).toBeInTheDocument();
    expect(container.querySelector('dl [data-environment="production"]')).toHaveTextContent(
      'Productionlive — what you send reaches Kiva for real',
    );
    // The whole pane is marked (red top border), whatever tab is open.
    expect(container.querySelector('header')?.parentElement).toHaveAttribute('data-environment', 'production');
    expect(screen.getByRole('radio', { name: /Production/ })).toBeChecked();
  });

  it('switches environment through the controller', async () => {
    const controller = fakeController();
    const { user } = renderPane(controller, 'connection');
    await settle();
    await user.click(screen.getByRole('radio', { name: /Production/ }));
    await answerDialog(user, 'Use production');
    await settle();
    expect(controller.selectEnvironment).toHaveBeenCalledWith('production');
  });

  it('says when an environment is not set up on the server, and disables it', async () => {
    const controller = fakeController({
      session: () =>
        ok(
          session({
            environments: [
              { name: 'stage', configured: true, canSubmit: true },
              { name: 'production', configured: false, canSubmit: false },
            ],
          }),
        ),
    });
    renderPane(controller, 'connection');
    await settle();
    expect(screen.getByRole('radio', { name: /Production.*not set up on the server/ })).toBeDisabled();
  });

  it('tests the connection and reports success', async () => {
    const controller = fakeController();
    const { user } = renderPane(controller, 'connection');
    await settle();
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await settle();
    expect(controller.testConnection).toHaveBeenCalledWith('stage');
    expect(screen.getByText('Kiva Stage answered: partner 145.')).toBeInTheDocument();
  });

  it('tests the connection and explains a failure in plain words', async () => {
    const controller = fakeController({
      testConnection: () => failing('auth.missing-scope', { scope: 'create:repayment' }),
    });
    const { user } = renderPane(controller, 'connection');
    await settle();
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await settle();
    expect(
      screen.getByText('The Kiva credentials lack the permission “create:repayment”. Ask Kiva to add it.'),
    ).toBeInTheDocument();
  });

  it('shows the seam’s "not connected" answer plainly, with a retry', async () => {
    const controller = fakeController({ session: () => failing('pane.not-connected') });
    const { user } = renderPane(controller, 'connection');
    await settle();
    expect(screen.getByText('Kiva Sheets is not connected to its server yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await settle();
    expect(controller.session).toHaveBeenCalledTimes(2);
  });
});

// protocol: the connection check's report (GET /api/doctor through the controller), line by line, copyable.
describe('Connection panel: the connection check report', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A report made by the real use case over a port that answers like a partner lacking two permissions. */
  async function reportLackingScopes(): Promise<DoctorReport> {
    const port: DoctorPort = {
      environment: {
        name: 'stage',
        tokenUrl: 'https://auth.staging.kiva.org/oauth/token',
        audience: 'https://partner-api-stage.dk1.kiva.org',
        apiBase: 'https://partnerapi.staging.kiva.org',
      },
      freshToken: async () => ({
        ok: true,
        value: {
          partnerId: '145',
          grantedScopes: ['read:loans', 'create:repayment'],
          obtainedAt: 0,
          expiresAt: 43_199_000,
        },
      }),
      configLists: async () => ({
        ok: true,
        value: {
          activities: [{ activity_id: 61, activity: 'Agriculture' }],
          themes: [{ theme_type_id: 48, theme_type: 'General' }],
          locations: [{ full_name: 'Lima: Peru', country: 'Peru', location: 'Lima' }],
          locales: [{ language_id: 2, currency: 'PEN', language_code: 'es', language_name: 'Spanish' }],
        },
      }),
      countLoans: async (status) => ({ ok: true, value: status === 'payingBack' ? 12 : 0 }),
      journalRoute: () => ({ variant: 'documented', known: false }),
    };
    return doctor(port, { now: () => Date.parse('2026-12-02T18:00:00Z') });
  }

  it('shows each line with its status and the fix for a problem, and copies the text for Kiva support', async () => {
    const report = await reportLackingScopes();
    const controller = fakeController({
      testConnection: () => ok({ environment: 'stage' as const, partnerId: '145', scopes: [], report }),
    });
    const { user, container } = renderPane(controller, 'connection');
    await settle();
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await settle();

    const section = screen.getByRole('region', { name: 'Connection check' });
    expect(within(section).getByText('Problems to fix: 1.')).toBeInTheDocument();
    const scopes = container.querySelector('[data-check="scopes"]') as HTMLElement;
    expect(scopes).toHaveAttribute('data-status', 'problem');
    expect(within(scopes).getByText('PROBLEM')).toBeInTheDocument();
    expect(
      within(scopes).getByText(
        'Granted: read:loans and create:repayment (they allow reading loans and reporting repayments). Missing: create:loan_draft and create:journal_update, so creating loan drafts and posting journal updates will be refused.',
      ),
    ).toBeInTheDocument();
    expect(
      within(scopes).getByText(
        'Fix: Ask Kiva to enable the missing permissions for these credentials (PA2 → Account → API Access).',
      ),
    ).toBeInTheDocument();
    expect(container.querySelector('[data-check="loans"]')).toHaveTextContent('12 loans readable (payingBack 12).');
    expect(container.querySelector('[data-check="journal-route"]')).toHaveAttribute('data-status', 'info');

    await user.click(within(section).getByRole('button', { name: 'Copy for Kiva support' }));
    await settle();
    const copied = await navigator.clipboard.readText();
    expect(copied).toBe(doctorText(report, 'en', { version: '0.1.0' }));
    expect(copied).toContain('[PROBLEM] Permissions: Granted: read:loans and create:repayment');
    expect(copied).toContain('Token URL https://auth.staging.kiva.org/oauth/token · audience');
    expect(within(section).getByText(/Copied: paste it into your message to Kiva support/)).toBeInTheDocument();
  });

  it('words the report in the pane’s language, French typography included', async () => {
    const report = await reportLackingScopes();
    const controller = fakeController({
      displayLanguage: 'fr-FR',
      testConnection: () => ok({ environment: 'stage' as const, partnerId: '145', scopes: [], report }),
    });
    const { user, container } = renderPane(controller, 'connection');
    await settle();
    await user.click(screen.getByRole('button', { name: 'Tester la connexion' }));
    await settle();
    const scopes = container.querySelector('[data-check="scopes"]') as HTMLElement;
    expect(within(scopes).getByText('PROBLÈME')).toBeInTheDocument();
    // textContent, not toHaveTextContent: that one folds the no-break space French needs before a colon.
    expect(scopes.textContent).toContain('Solution\u00a0: Demandez à Kiva d’activer les permissions manquantes');
    const section = screen.getByRole('region', { name: 'Vérification de la connexion' });
    expect(section.textContent).toContain('Problèmes à corriger\u00a0: 1.');
  });

  it('shows the text to copy by hand when the clipboard is refused', async () => {
    const report = await reportLackingScopes();
    const controller = fakeController({
      testConnection: () => ok({ environment: 'stage' as const, partnerId: '145', scopes: [], report }),
    });
    const { user } = renderPane(controller, 'connection');
    await settle();
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await settle();
    jest.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('NotAllowedError'));
    await user.click(screen.getByRole('button', { name: 'Copy for Kiva support' }));
    await settle();
    expect(screen.getByText('The pane could not copy it: select the text below and copy it.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Connection check' })).toHaveValue(
      doctorText(report, 'en', { version: '0.1.0' }),
    );
  });
});
