import { act, render, type RenderResult } from '@testing-library/react';
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
