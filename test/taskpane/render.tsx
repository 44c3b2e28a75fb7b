import '@testing-library/jest-dom';
import { act, render, screen, waitFor, within, type RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TaskPaneApp } from '../../src/taskpane/App';
import type { PaneController } from '../../src/taskpane/controller';
import type { TabId } from '../../src/taskpane/pane-state';

export function renderPane(
  controller: PaneController,
  initialTab?: TabId,
): RenderResult & { user: ReturnType<typeof userEvent.setup> } {
  const user = userEvent.setup();
  const result = render(<TaskPaneApp controller={controller} {...(initialTab ? { initialTab } : {})} />);
  return { ...result, user };
}

/** Lets pending controller promises settle and React commit what they set. */
export async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/**
 * Clicks a button once it is enabled. The Send button is briefly disabled while the pane re-plans (after a choice
 * or a closed dialog); a click in that moment does nothing, exactly as for a person, and a loaded CI machine makes
 * the moment long enough for a test to hit it.
 */
export async function clickWhenEnabled(user: ReturnType<typeof userEvent.setup>, name: string): Promise<void> {
  const button = await screen.findByRole('button', { name });
  await waitFor(() => expect(button).toBeEnabled());
  await user.click(button);
}

/**
 * Presses Send and returns the confirmation dialog. Under heavy CPU load, jsdom + Fluent's Dialog occasionally drop
 * the open that follows a just-closed dialog or a finished send (never seen in real Chromium: the browser tests
 * cover the same confirmations), so the press is repeated, at most three times, until the dialog shows.
 */
export async function openConfirmation(
  user: ReturnType<typeof userEvent.setup>,
  sendButtonName: string,
): Promise<HTMLElement> {
  for (let attempt = 1; ; attempt++) {
    await clickWhenEnabled(user, sendButtonName);
    try {
      return await screen.findByRole('alertdialog', {}, { timeout: attempt < 3 ? 1500 : 5000 });
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/**
 * Answers a dialog with one of its buttons and waits until it is gone from the DOM. Under heavy load jsdom can see
 * Fluent's dialog mid-transition (inaccessible, so a role query misses it, and a click may not land); the click is
 * repeated until the dialog has closed.
 */
export async function answerDialog(user: ReturnType<typeof userEvent.setup>, buttonName: string): Promise<void> {
  await waitFor(
    async () => {
      const dialog = screen.queryByRole('alertdialog', { hidden: true });
      const button = dialog === null ? null : within(dialog).queryByRole('button', { name: buttonName, hidden: true });
      if (button !== null) await user.click(button);
      expect(screen.queryByRole('alertdialog', { hidden: true })).toBeNull();
    },
    { timeout: 5000 },
  );
}
