import '@testing-library/jest-dom';
import { act, render, screen, waitFor, within, type RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TaskPaneApp } from '../../src/taskpane/App';
import type { PaneController } from '../../src/taskpane/controller';
import type { TabId } from '../../src/taskpane/pane-state';

/**
 * True when the test file switched to jest's fake timers. Fluent UI's dialogs hand focus and `aria-hidden` to tabster,
 * which works on timers (a 250 ms refresh of what is hidden, a 100 ms focus restore). On wall-clock timers, CPU load
 * decides whether one of them fires between a dialog's mount and its first focus; when it does, the dialog stays
 * `aria-hidden` and no role query finds its buttons. On fake timers, time moves only when a test waits, so every run
 * sees the same order: test files that open dialogs use them (`jest.useFakeTimers()` in `beforeEach`).
 */
function fakeTimers(): boolean {
  return typeof jest !== 'undefined' && Object.prototype.hasOwnProperty.call(setTimeout, 'clock');
}

export function renderPane(
  controller: PaneController,
  initialTab?: TabId,
): RenderResult & { user: ReturnType<typeof userEvent.setup> } {
  const user = userEvent.setup(fakeTimers() ? { advanceTimers: jest.advanceTimersByTime } : {});
  const result = render(<TaskPaneApp controller={controller} {...(initialTab ? { initialTab } : {})} />);
  return { ...result, user };
}

/** Lets pending controller promises settle and React commit what they set. */
export async function settle(): Promise<void> {
  await act(async () => {
    if (fakeTimers()) await jest.advanceTimersByTimeAsync(0);
    else await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/**
 * Clicks a button once it is enabled. The Send button is disabled while the pane re-plans (after a choice or a
 * closed dialog); a click in that moment does nothing, exactly as for a person.
 */
export async function clickWhenEnabled(user: ReturnType<typeof userEvent.setup>, name: string): Promise<void> {
  const button = await screen.findByRole('button', { name });
  await waitFor(() => expect(button).toBeEnabled());
  await user.click(button);
}

/** The open dialog, once Fluent has moved focus into it (then its buttons can be reached). */
export async function openDialog(): Promise<HTMLElement> {
  const dialog = await screen.findByRole('alertdialog');
  await waitFor(() => expect(dialog).toContainElement(document.activeElement as HTMLElement));
  return dialog;
}

/** Presses Send and returns the confirmation dialog, once it is open. */
export async function openConfirmation(
  user: ReturnType<typeof userEvent.setup>,
  sendButtonName: string,
): Promise<HTMLElement> {
  await clickWhenEnabled(user, sendButtonName);
  return openDialog();
}

/** Answers the dialog (once open) with one of its buttons and waits until the dialog has left the page. */
export async function answerDialog(user: ReturnType<typeof userEvent.setup>, buttonName: string): Promise<void> {
  const dialog = await openDialog();
  await user.click(within(dialog).getByRole('button', { name: buttonName }));
  await waitFor(() => expect(screen.queryByRole('alertdialog', { hidden: true })).toBeNull());
}
