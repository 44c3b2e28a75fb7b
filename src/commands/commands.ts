/**
 * The ribbon's buttons (manifest.xml: validateSheet, sendSelection, sendAllPending) as plain functions over a
 * controller, so they are tested without Office. They run in the shared runtime, next to the pane: their outcome
 * goes to the workbook (status column, through the controller), to the pane (events), and the pane is brought
 * into view whenever the user has something to read or to confirm.
 */
import {
  settle,
  type PaneController,
  type PaneError,
  type PaneEvent,
  type RibbonCommand,
  type SendScope,
} from '../taskpane/controller';

export type CommandController = Pick<PaneController, 'session' | 'validate' | 'planSend' | 'send' | 'showPane'>;

/** What Office passes to an ExecuteFunction command. */
export interface CommandEvent {
  completed(): void;
}

export interface CommandDeps {
  controller: CommandController;
  publish(event: PaneEvent): void;
}

export type RibbonCommands = Record<RibbonCommand, (event: CommandEvent) => Promise<void>>;

export function createRibbonCommands(deps: CommandDeps): RibbonCommands {
  const { controller, publish } = deps;
  let running: RibbonCommand | undefined;

  const failed = async (command: RibbonCommand, error: PaneError) => {
    publish({ type: 'command-failed', command, error });
    await controller.showPane().catch(() => undefined);
  };

  /** One command at a time, `completed()` always, and no rejection ever escapes into Office. */
  const guarded =
    (command: RibbonCommand, body: () => Promise<void>) =>
    async (event: CommandEvent): Promise<void> => {
      try {
        if (running !== undefined) {
          await failed(command, { code: 'pane.busy', params: {} });
          return;
        }
        running = command;
        publish({ type: 'command-started', command });
        await body();
      } catch (cause) {
        await failed(command, { code: 'pane.unexpected', params: { detail: describe(cause) } });
      } finally {
        if (running === command) running = undefined;
        event.completed();
      }
    };

  const validateSheet = async () => {
    const result = await settle(controller.validate('sheet'));
    if (!result.ok) return failed('validateSheet', result.error);
    publish({ type: 'command-validated', command: 'validateSheet', report: result.value });
    // The list of problems (or the word that there are none) is the answer the user asked for.
    await controller.showPane();
  };

  const send = (command: RibbonCommand, scope: SendScope) => async () => {
    const session = await settle(controller.session());
    if (!session.ok) return failed(command, session.error);
    if (session.value.signInRequired) return failed(command, { code: 'auth.sign-in-required', params: {} });
    const env = session.value.activeEnvironment;
    // The ribbon never resends and never sends uncertain rows: both need a choice made in the pane.
    const request = { scope, env, resend: false, includeUncertain: false };
    const plan = await settle(controller.planSend(request));
    if (!plan.ok) return failed(command, plan.error);
    if (plan.value.missing.length > 0) {
      return failed(command, { code: 'sheet.columns-missing', params: { fields: plan.value.missing.join(', ') } });
    }
    if (plan.value.rows === 0) {
      if (scope === 'selection' && plan.value.alreadySent > 0) {
        // The rows are there, they were sent before: resending is the pane's explicit "Resend" choice.
        return failed(command, { code: 'sheet.selection-already-sent', params: { env } });
      }
      return failed(command, {
        code: scope === 'selection' ? 'sheet.nothing-selected' : 'sheet.nothing-to-send',
        params: {},
      });
    }
    if (env === 'production') {
      // Every production send is confirmed with its row count, and only the pane can ask.
      publish({ type: 'send-requested', command, scope });
      await controller.showPane();
      return;
    }
    const summary = await settle(
      controller.send({
        ...request,
        signal: new AbortController().signal,
        onProgress: (progress) => publish({ type: 'command-progress', command, progress }),
      }),
    );
    if (!summary.ok) return failed(command, summary.error);
    publish({ type: 'command-sent', command, summary: summary.value });
    const attention = summary.value.outcomes.some((o) => o.kind !== 'sent');
    if (attention) await controller.showPane();
  };

  return {
    validateSheet: guarded('validateSheet', validateSheet),
    sendSelection: guarded('sendSelection', send('sendSelection', 'selection')),
    sendAllPending: guarded('sendAllPending', send('sendAllPending', 'pending')),
  };
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.name : typeof cause;
}
