/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, within } from '@testing-library/react';
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

    const stage = screen.getByRole('radio', { name: /Stage.*test — drafts reviewed by Kiva/ });
    expect(stage).toBeChecked();
    const badge = container.querySelector('dl [data-environment="stage"]') as HTMLElement;
    expect(badge).toHaveTextContent('Stagetest — drafts reviewed by Kiva');
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
