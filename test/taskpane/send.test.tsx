/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, screen, within } from '@testing-library/react';
import type { RowOutcome, SendOptions, SendProgress, SendSummary } from '../../src/taskpane/controller';
import { failing, fakeController, ok, plan, session } from './fake-controller';
import { answerDialog, clickWhenEnabled, openConfirmation, renderPane, settle } from './render';

const row = (n: number) => ({ sheet: 'Journals', row: n });
const summary = (outcomes: RowOutcome[], env: 'stage' | 'production' = 'stage'): SendSummary => ({
  env,
  outcomes,
  skipped: { alreadySent: 0, uncertain: 0, invalid: 0 },
});
const progress = (p: Partial<SendProgress>): SendProgress => ({
  total: 3,
  sent: 0,
  rejected: 0,
  uncertain: 0,
  failed: 0,
  left: 3,
  ...p,
});

describe('Send panel', () => {
  // Fluent's dialogs hand focus to tabster's timers: on fake timers their order does not depend on CPU load (render.tsx).
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends the selected rows to stage without a confirmation, with progress counts and a summary', async () => {
    let report: (p: SendProgress) => void = () => undefined;
    let finish: () => void = () => undefined;
    const controller = fakeController({
      send: (options: SendOptions) =>
        new Promise((resolve) => {
          report = (p) => options.onProgress?.(p);
          finish = () =>
            resolve({
              ok: true,
              value: summary([
                { kind: 'sent', row: row(2) },
                { kind: 'rejected', row: row(3), message: 'loan_id not found' },
                { kind: 'uncertain', row: row(4), reason: 'timeout' },
              ]),
            });
        }),
    });
    const { user } = renderPane(controller, 'send');
    await settle();

    expect(screen.getByText('3 rows ready to send.')).toBeInTheDocument();
    await clickWhenEnabled(user, 'Send 3 rows to Kiva');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(controller.send).toHaveBeenCalledWith(
      // All pending rows unless the user picks the selection.
      expect.objectContaining({ scope: 'pending', env: 'stage', resend: false, includeUncertain: false }),
    );

    act(() => report(progress({ sent: 1, rejected: 1, left: 1 })));
    expect(screen.getByRole('status')).toHaveTextContent('Sent 1 · Rejected 1 · Uncertain 0 · Left 1');
    expect(screen.getByRole('progressbar', { name: 'Sending progress' })).toBeInTheDocument();

    await act(async () => finish());
    await settle();
    expect(screen.getByText('Finished')).toBeInTheDocument();
    expect(screen.getByText(/Sent: 1 · Rejected: 1 · Uncertain: 1 · Not sent: 0 · Cancelled: 0/)).toBeInTheDocument();
    expect(screen.getByText('Kiva: loan_id not found')).toBeInTheDocument();
    expect(screen.getByText('no answer in time')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('Cancel stops new requests; what was in flight finishes and is recorded', async () => {
    let signal: AbortSignal | undefined;
    let finishInFlight: () => void = () => undefined;
    const controller = fakeController({
      send: (options: SendOptions) => {
        signal = options.signal;
        options.onProgress?.(progress({ sent: 1, left: 2 }));
        return new Promise((resolve) => {
          // The request in flight ends normally; the one never started ends cancelled.
          finishInFlight = () => {
            options.onProgress?.(progress({ sent: 2, left: 1 }));
            resolve({
              ok: true,
              value: summary([
                { kind: 'sent', row: row(2) },
                { kind: 'sent', row: row(3) },
                { kind: 'cancelled', row: row(4) },
              ]),
            });
          };
        });
      },
    });
    const { user } = renderPane(controller, 'send');
    await settle();
    await clickWhenEnabled(user, 'Send 3 rows to Kiva');
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    expect(cancel).toHaveFocus();

    await user.click(cancel);
    expect(signal?.aborted).toBe(true);
    expect(screen.getByText(/Stopping… Requests already on their way finish and are recorded/)).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Sent 1 · Rejected 0 · Uncertain 0 · Left 2');

    await act(async () => finishInFlight());
    await settle();
    expect(screen.getByText('Stopped')).toBeInTheDocument();
    expect(screen.getByText(/Sent: 2 · Rejected: 0 · Uncertain: 0 · Not sent: 0 · Cancelled: 1/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
  });

  it('shows journal confirm_urls as links to open', async () => {
    const controller = fakeController({
      send: () =>
        ok(
          summary([
            { kind: 'sent', row: row(5), reference: { confirmUrl: 'https://www.kiva.org/confirm/abc' } },
            { kind: 'sent', row: row(6), reference: { confirmUrl: 'javascript:alert(1)' } },
          ]),
        ),
    });
    const { user } = renderPane(controller, 'send');
    await settle();
    await clickWhenEnabled(user, 'Send 3 rows to Kiva');
    await settle();
    const link = screen.getByRole('link', { name: 'Publish the update of row 5' });
    expect(link).toHaveAttribute('href', 'https://www.kiva.org/confirm/abc');
    expect(link).toHaveAttribute('rel', expect.stringContaining('noopener'));
    // Only web addresses become links.
    expect(screen.queryByRole('link', { name: 'Publish the update of row 6' })).not.toBeInTheDocument();
  });

  it('asks before every production send, naming the row count', async () => {
    const controller = fakeController({
      session: () => ok(session({ activeEnvironment: 'production' })),
      planSend: () => ok(plan({ env: 'production', rows: 12 })),
      send: () => ok(summary([], 'production')),
    });
    const { user } = renderPane(controller, 'send');
    await settle();
    const dialog = await openConfirmation(user, 'Send 12 rows to Kiva');
    expect(within(dialog).getByText('Send to production?')).toBeInTheDocument();
    expect(within(dialog).getByText('12 rows to Kiva PRODUCTION — not a test.')).toBeInTheDocument();
    expect(controller.send).not.toHaveBeenCalled();

    await answerDialog(user, 'Go back');
    await settle();
    expect(controller.send).not.toHaveBeenCalled();
  });

  it('sends to production once the confirmation is accepted', async () => {
    const controller = fakeController({
      session: () => ok(session({ activeEnvironment: 'production' })),
      planSend: () => ok(plan({ env: 'production', rows: 12 })),
      send: () => ok(summary([], 'production')),
    });
    const { user } = renderPane(controller, 'send');
    await settle();
    await openConfirmation(user, 'Send 12 rows to Kiva');
    await answerDialog(user, 'Send 12 rows to production');
    await settle();
    expect(controller.send).toHaveBeenCalledWith(expect.objectContaining({ env: 'production' }));
  });

  it('skips rows already sent unless "Resend" is chosen, and then confirms', async () => {
    const controller = fakeController({
      planSend: (request: { resend: boolean }) => ok(plan({ rows: request.resend ? 5 : 3, alreadySent: 2 })),
    });
    const { user } = renderPane(controller, 'send');
    await settle();
    expect(screen.getByText('2 rows were already sent and will be skipped.')).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: /Send the rows already sent again/ }));
    await settle();
    expect(controller.planSend).toHaveBeenLastCalledWith(expect.objectContaining({ resend: true }));
    const dialog = await openConfirmation(user, 'Send 5 rows to Kiva');
    expect(within(dialog).getByText(/2 rows were already sent: they will be sent again/)).toBeInTheDocument();
    await user.click(await within(dialog).findByRole('button', { name: 'Send 5 rows' }));
    await settle();
    expect(controller.send).toHaveBeenCalledWith(expect.objectContaining({ resend: true, includeUncertain: false }));
  });

  it('leaves uncertain rows out until the user says they checked PA2, and confirms then', async () => {
    const controller = fakeController({
      planSend: (request: { includeUncertain: boolean }) =>
        ok(plan({ rows: request.includeUncertain ? 4 : 3, uncertain: 1 })),
    });
    const { user } = renderPane(controller, 'send');
    await settle();
    expect(screen.getByText(/1 row is uncertain: Kiva may have received it\. Check in PA2/)).toBeInTheDocument();

    await clickWhenEnabled(user, 'Send 3 rows to Kiva');
    await settle();
    expect(controller.send).toHaveBeenLastCalledWith(expect.objectContaining({ includeUncertain: false }));

    await user.click(screen.getByRole('checkbox', { name: 'I checked PA2: also send the uncertain rows' }));
    await settle();
    const dialog = await openConfirmation(user, 'Send 4 rows to Kiva');
    expect(await within(dialog).findByText(/1 uncertain row will be sent again/)).toBeInTheDocument();
    await user.click(await within(dialog).findByRole('button', { name: 'Send 4 rows' }));
    await settle();
    expect(controller.send).toHaveBeenLastCalledWith(expect.objectContaining({ includeUncertain: true }));
  });

  it('sends all pending rows when chosen', async () => {
    const controller = fakeController();
    const { user } = renderPane(controller, 'send');
    await settle();
    await user.click(screen.getByRole('radio', { name: 'All rows not yet sent' }));
    await settle();
    expect(controller.planSend).toHaveBeenLastCalledWith(expect.objectContaining({ scope: 'pending' }));
    await clickWhenEnabled(user, 'Send 3 rows to Kiva');
    await settle();
    expect(controller.send).toHaveBeenCalledWith(expect.objectContaining({ scope: 'pending' }));
  });

  it('cannot send where the user may not submit', async () => {
    const controller = fakeController({
      session: () => ok(session({ environments: [{ name: 'stage', configured: true, canSubmit: false }] })),
    });
    renderPane(controller, 'send');
    await settle();
    expect(screen.getByRole('button', { name: 'Send 3 rows to Kiva' })).toBeDisabled();
    expect(
      screen.getByText('Your account may not use Kiva Sheets for Stage. Ask your administrator.'),
    ).toBeInTheDocument();
  });

  it('shows a failed send in plain words and the duplicate guard’s reason per row', async () => {
    const controller = fakeController({
      send: () =>
        ok(
          summary([
            {
              kind: 'failed',
              row: row(8),
              code: 'duplicate',
              message: 'Already sent…',
              params: { previous: 'sent', environment: 'stage', sentAt: '2026-11-28 14:03', sentBy: 'ana' },
            },
          ]),
        ),
    });
    const { user } = renderPane(controller, 'send');
    await settle();
    await clickWhenEnabled(user, 'Send 3 rows to Kiva');
    await settle();
    expect(
      screen.getByText('Already sent to Kiva Stage on 2026-11-28 14:03 by ana; not sent again.'),
    ).toBeInTheDocument();

    // Row 8 is on another sheet than the one in view (Loans): the button names it.
    await user.click(screen.getByRole('button', { name: 'Row 8, sheet “Journals”' }));
    // The row's status cell (column E in the fake sheet).
    expect(controller.goToCell).toHaveBeenCalledWith('Journals!E8');

    controller.send.mockImplementation(() => failing('request.rate-limited'));
    await clickWhenEnabled(user, 'Send 3 rows to Kiva');
    await settle();
    expect(screen.getByText('Too many requests at once. Wait a minute and try again.')).toBeInTheDocument();
  });

  it('takes a ribbon send that needs confirming (production) into the pane', async () => {
    const controller = fakeController();
    const { user } = renderPane(controller, 'sheet');
    await settle();
    act(() => controller.emit({ type: 'send-requested', command: 'sendAllPending', scope: 'pending' }));
    await settle();
    expect(screen.getByRole('tab', { name: 'Send' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByText('The ribbon asked to send. Check the numbers and press Send.')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'All rows not yet sent' })).toBeChecked();
    await clickWhenEnabled(user, 'Send 3 rows to Kiva');
    await settle();
    expect(controller.send).toHaveBeenCalledWith(expect.objectContaining({ scope: 'pending' }));
  });

  it('shows a ribbon send’s progress and result', async () => {
    const controller = fakeController();
    renderPane(controller, 'send');
    await settle();
    act(() => controller.emit({ type: 'command-started', command: 'sendSelection' }));
    act(() =>
      controller.emit({ type: 'command-progress', command: 'sendSelection', progress: progress({ sent: 2, left: 1 }) }),
    );
    expect(screen.getByRole('status')).toHaveTextContent('Sent 2 · Rejected 0 · Uncertain 0 · Left 1');
    // Nothing to cancel from the pane: the ribbon owns that run.
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
    act(() =>
      controller.emit({
        type: 'command-sent',
        command: 'sendSelection',
        summary: summary([{ kind: 'sent', row: row(2) }]),
      }),
    );
    expect(screen.getByText('Result of the ribbon’s send.')).toBeInTheDocument();
    expect(screen.getByText(/Sent: 1 · Rejected: 0/)).toBeInTheDocument();
    // The statuses changed: the pane counts the rows again.
    await settle();
    expect(controller.planSend).toHaveBeenCalledTimes(2);
  });
});
