/** @jest-environment jsdom */
/** The pane side of local-mode pairing (docs/server.md): asked once for the server's code, then the session loads. */
import '@testing-library/jest-dom';
import { screen } from '@testing-library/react';
import { failing, fakeController, ok, session } from './fake-controller';
import { renderPane, settle } from './render';

describe('pairing with a local server that cannot tell who connects', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('asks for the code while the server wants one, says a wrong code, and loads the session once paired', async () => {
    let paired = false;
    const controller = fakeController({
      session: jest.fn(() => (paired ? ok(session()) : failing('auth.pairing-required'))),
      pair: jest.fn((code: string) => {
        if (code !== 'KQ7M-3XPA') return failing<void>('auth.pairing-code', { attemptsLeft: 4 });
        paired = true;
        return ok(undefined);
      }),
    });
    const { user } = renderPane(controller);
    await settle();
    expect(screen.getByRole('heading', { name: 'Connect this pane to Kiva Sheets' })).toBeInTheDocument();
    const connect = screen.getByRole('button', { name: 'Connect' });
    expect(connect).toBeDisabled();

    await user.type(screen.getByRole('textbox', { name: 'Pairing code' }), 'WRONG-CODE');
    await user.click(connect);
    await settle();
    expect(controller.pair).toHaveBeenLastCalledWith('WRONG-CODE');
    expect(await screen.findByText(/tries left before a new code: 4/)).toBeInTheDocument();
    expect(controller.session).toHaveBeenCalledTimes(1);

    await user.clear(screen.getByRole('textbox', { name: 'Pairing code' }));
    await user.type(screen.getByRole('textbox', { name: 'Pairing code' }), '  KQ7M-3XPA ');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    await settle();
    await settle();
    expect(controller.pair).toHaveBeenLastCalledWith('KQ7M-3XPA');
    expect(controller.session).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('heading', { name: 'Connect this pane to Kiva Sheets' })).not.toBeInTheDocument();
  });

  it('never asks when the server knows the caller', async () => {
    const controller = fakeController();
    renderPane(controller);
    await settle();
    expect(screen.queryByRole('textbox', { name: 'Pairing code' })).not.toBeInTheDocument();
    expect(controller.pair).not.toHaveBeenCalled();
  });
});
