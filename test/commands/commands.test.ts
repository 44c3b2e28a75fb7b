import { createRibbonCommands, registerRibbonCommands, type CommandController } from '../../src/commands';
import { formatError } from '../../src/i18n';
import type { PaneEvent, PaneResult, SendOptions, SendSummary } from '../../src/taskpane/controller';

const okv = <T>(value: T): Promise<PaneResult<T>> => Promise.resolve({ ok: true, value });
const err = <T>(code: string): Promise<PaneResult<T>> => Promise.resolve({ ok: false, error: { code, params: {} } });

function fakeCommands(overrides: Partial<Record<keyof CommandController, unknown>> = {}) {
  const summary: SendSummary = {
    env: 'stage',
    outcomes: [{ kind: 'sent', row: { sheet: 'Repayments', row: 2 } }],
    skipped: { alreadySent: 0, uncertain: 0, invalid: 0 },
  };
  const controller = {
    session: jest.fn(() =>
      okv({ mode: 'local' as const, signInRequired: false, environments: [], activeEnvironment: 'stage' as const }),
    ),
    validate: jest.fn(() =>
      okv({ sheet: 'Loans', scope: 'sheet' as const, rowsChecked: 3, issues: [], errors: 0, warnings: 0 }),
    ),
    planSend: jest.fn(() =>
      okv({
        env: 'stage' as const,
        scope: 'selection' as const,
        rows: 1,
        requests: 1,
        alreadySent: 0,
        uncertain: 0,
        invalid: 0,
        missing: [],
      }),
    ),
    send: jest.fn((options: SendOptions) => {
      options.onProgress?.({ total: 1, sent: 1, rejected: 0, uncertain: 0, failed: 0, left: 0 });
      return okv(summary);
    }),
    showPane: jest.fn(() => Promise.resolve()),
    ...overrides,
  } as unknown as jest.Mocked<CommandController>;
  const events: PaneEvent[] = [];
  const commands = createRibbonCommands({ controller, publish: (e) => events.push(e) });
  const event = { completed: jest.fn() };
  return { controller, events, commands, event };
}

describe('ribbon commands', () => {
  it('validateSheet checks the whole sheet, tells the pane, shows it, and completes', async () => {
    const { controller, events, commands, event } = fakeCommands();
    await commands.validateSheet(event);
    expect(controller.validate).toHaveBeenCalledWith('sheet');
    expect(events.map((e) => e.type)).toEqual(['command-started', 'command-validated']);
    expect(controller.showPane).toHaveBeenCalled();
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it('sendSelection sends the selection to stage, never resending, reporting progress', async () => {
    const { controller, events, commands, event } = fakeCommands();
    await commands.sendSelection(event);
    expect(controller.send).toHaveBeenCalledWith(
      expect.objectContaining({ scope: 'selection', env: 'stage', resend: false, includeUncertain: false }),
    );
    expect(events.map((e) => e.type)).toEqual(['command-started', 'command-progress', 'command-sent']);
    // Everything went: the status column says so, no need to pull the pane open.
    expect(controller.showPane).not.toHaveBeenCalled();
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it('sendAllPending sends the pending rows and opens the pane when rows need attention', async () => {
    const { controller, events, commands, event } = fakeCommands({
      send: jest.fn(() =>
        okv({
          env: 'stage',
          outcomes: [{ kind: 'uncertain', row: { sheet: 'Repayments', row: 3 }, reason: 'timeout' }],
          skipped: { alreadySent: 0, uncertain: 0, invalid: 0 },
        }),
      ),
    });
    await commands.sendAllPending(event);
    expect(controller.send).toHaveBeenCalledWith(expect.objectContaining({ scope: 'pending' }));
    expect(events.at(-1)?.type).toBe('command-sent');
    expect(controller.showPane).toHaveBeenCalled();
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it('never sends to production from the ribbon: the pane asks for confirmation instead', async () => {
    const { controller, events, commands, event } = fakeCommands({
      session: jest.fn(() =>
        okv({ mode: 'local', signInRequired: false, environments: [], activeEnvironment: 'production' }),
      ),
    });
    await commands.sendAllPending(event);
    expect(controller.send).not.toHaveBeenCalled();
    expect(events.at(-1)).toEqual({ type: 'send-requested', command: 'sendAllPending', scope: 'pending' });
    expect(controller.showPane).toHaveBeenCalled();
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it('refuses to send with missing required columns, saying which', async () => {
    const { controller, events, commands, event } = fakeCommands({
      planSend: jest.fn(() =>
        okv({
          env: 'stage',
          scope: 'selection',
          rows: 2,
          requests: 2,
          alreadySent: 0,
          uncertain: 0,
          invalid: 0,
          missing: ['amount'],
        }),
      ),
    });
    await commands.sendSelection(event);
    expect(controller.send).not.toHaveBeenCalled();
    expect(events.at(-1)).toEqual({
      type: 'command-failed',
      command: 'sendSelection',
      error: { code: 'sheet.columns-missing', params: { fields: 'amount' } },
    });
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it('says when nothing is selected or pending', async () => {
    const noRows = jest.fn(() =>
      okv({
        env: 'stage',
        scope: 'selection',
        rows: 0,
        requests: 0,
        alreadySent: 0,
        uncertain: 0,
        invalid: 0,
        missing: [],
      }),
    );
    const { events, commands, event } = fakeCommands({ planSend: noRows });
    await commands.sendSelection(event);
    expect(events.at(-1)).toMatchObject({ type: 'command-failed', error: { code: 'sheet.nothing-selected' } });
    await commands.sendAllPending(event);
    expect(events.at(-1)).toMatchObject({ type: 'command-failed', error: { code: 'sheet.nothing-to-send' } });
    expect(event.completed).toHaveBeenCalledTimes(2);
  });

  it('says the selected rows were already sent (and how to resend) rather than asking for a selection', async () => {
    const allSent = jest.fn(() =>
      okv({
        env: 'stage',
        scope: 'selection',
        rows: 0,
        requests: 0,
        alreadySent: 4,
        uncertain: 0,
        invalid: 0,
        missing: [],
      }),
    );
    const { controller, events, commands, event } = fakeCommands({ planSend: allSent });
    await commands.sendSelection(event);
    const last = events.at(-1);
    expect(last).toMatchObject({
      type: 'command-failed',
      error: { code: 'sheet.selection-already-sent', params: { env: 'stage' } },
    });
    expect(controller.send).not.toHaveBeenCalled();
    expect(controller.showPane).toHaveBeenCalled();
    const error = (last as Extract<PaneEvent, { type: 'command-failed' }>).error;
    expect(formatError(error, 'en')).toBe(
      'The selected rows were already sent to Kiva Stage. To send them again, choose “Resend” on the pane’s Send tab.',
    );
    for (const lang of ['es', 'fr'] as const) {
      expect(formatError(error, lang)).toContain(lang === 'es' ? '«Reenviar»' : '«\u00a0Renvoyer\u00a0»');
    }
    // All pending rows: already-sent rows are not pending, so there is simply nothing to send.
    await commands.sendAllPending(event);
    expect(events.at(-1)).toMatchObject({ type: 'command-failed', error: { code: 'sheet.nothing-to-send' } });
  });

  it('asks for a sign-in first when the server requires one', async () => {
    const { controller, events, commands, event } = fakeCommands({
      session: jest.fn(() =>
        okv({ mode: 'entra', signInRequired: true, environments: [], activeEnvironment: 'stage' }),
      ),
    });
    await commands.sendSelection(event);
    expect(controller.planSend).not.toHaveBeenCalled();
    expect(events.at(-1)).toMatchObject({ type: 'command-failed', error: { code: 'auth.sign-in-required' } });
    expect(controller.showPane).toHaveBeenCalled();
  });

  it('completes the event on an error result and on a controller that throws', async () => {
    const failing = fakeCommands({ validate: jest.fn(() => err('office.failed')) });
    await failing.commands.validateSheet(failing.event);
    expect(failing.events.at(-1)).toMatchObject({ type: 'command-failed', error: { code: 'office.failed' } });
    expect(failing.event.completed).toHaveBeenCalledTimes(1);

    const throwing = fakeCommands({
      session: jest.fn(() => {
        throw new TypeError('boom');
      }),
      showPane: jest.fn(() => Promise.reject(new Error('no pane'))),
    });
    await expect(throwing.commands.sendSelection(throwing.event)).resolves.toBeUndefined();
    expect(throwing.events.at(-1)).toMatchObject({
      type: 'command-failed',
      error: { code: 'pane.unexpected', params: { detail: 'TypeError' } },
    });
    expect(throwing.event.completed).toHaveBeenCalledTimes(1);

    const rejecting = fakeCommands({ send: jest.fn(() => Promise.reject(new Error('lost'))) });
    await rejecting.commands.sendSelection(rejecting.event);
    expect(rejecting.events.at(-1)).toMatchObject({ type: 'command-failed', error: { code: 'pane.unexpected' } });
    expect(rejecting.event.completed).toHaveBeenCalledTimes(1);
  });

  it('runs one command at a time', async () => {
    let release: () => void = () => undefined;
    const report = { sheet: 'L', scope: 'sheet' as const, rowsChecked: 0, issues: [], errors: 0, warnings: 0 };
    const validate = jest
      .fn()
      .mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve({ ok: true, value: report }))))
      .mockImplementation(() => okv(report));
    const { events, commands } = fakeCommands({ validate });
    const first = { completed: jest.fn() };
    const second = { completed: jest.fn() };
    const running = commands.validateSheet(first);
    await commands.sendSelection(second);
    expect(second.completed).toHaveBeenCalledTimes(1);
    expect(events.at(-1)).toMatchObject({
      type: 'command-failed',
      command: 'sendSelection',
      error: { code: 'pane.busy' },
    });
    release();
    await running;
    expect(first.completed).toHaveBeenCalledTimes(1);
    // Free again afterwards.
    const third = { completed: jest.fn() };
    await commands.validateSheet(third);
    expect(events.at(-1)).toMatchObject({ type: 'command-validated' });
  });
});

describe('registration with Office', () => {
  it('associates exactly the functions manifest.xml names', () => {
    const associate = jest.fn();
    const { controller } = fakeCommands();
    expect(registerRibbonCommands({ controller, publish: () => undefined }, associate)).toBe(true);
    expect(associate.mock.calls.map((c) => c[0]).sort()).toEqual(['sendAllPending', 'sendSelection', 'validateSheet']);

    const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
    const manifest = fs.readFileSync(`${__dirname}/../../manifest.xml`, 'utf8');
    const named = [...manifest.matchAll(/<FunctionName>(\w+)<\/FunctionName>/g)].map((m) => m[1]).sort();
    expect(named).toEqual(['sendAllPending', 'sendSelection', 'validateSheet']);
  });

  it('the associated function completes the Office event', async () => {
    const associate = jest.fn();
    const { controller } = fakeCommands();
    registerRibbonCommands({ controller, publish: () => undefined }, associate);
    const [, fn] = associate.mock.calls.find((c) => c[0] === 'validateSheet') as [
      string,
      (e: { completed(): void }) => void,
    ];
    const event = { completed: jest.fn() };
    fn(event);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it('does nothing outside a host that runs add-in commands', () => {
    const { controller } = fakeCommands();
    expect(registerRibbonCommands({ controller, publish: () => undefined }, undefined)).toBe(false);
    expect(registerRibbonCommands({ controller, publish: () => undefined })).toBe(false);
  });
});
