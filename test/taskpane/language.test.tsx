/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen } from '@testing-library/react';
import { browserLanguageChoice } from '../../src/taskpane/language-choice';
import { failing, fakeController, ok, report } from './fake-controller';
import { clickWhenEnabled, renderPane, settle } from './render';

const issue = {
  sheet: 'Loans',
  row: 7,
  column: 'F',
  code: 'amount-not-positive' as const,
  severity: 'error' as const,
  params: { value: -5 },
};

describe('languages', () => {
  it('follows Office’s display language (Spanish)', async () => {
    const controller = fakeController({ displayLanguage: 'es-MX' });
    renderPane(controller, 'send');
    await settle();
    expect(screen.getByRole('tab', { name: 'Enviar' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enviar 3 filas a Kiva' })).toBeInTheDocument();
    expect(screen.getAllByText('el entorno de pruebas de Kiva — para ensayar')[0]).toBeInTheDocument();
    expect(controller.setLanguage).toHaveBeenCalledWith('es');
  });

  it('follows Office’s display language (French)', async () => {
    const controller = fakeController({ displayLanguage: 'fr-CA' });
    renderPane(controller, 'connection');
    await settle();
    expect(screen.getByRole('button', { name: 'Tester la connexion' })).toBeInTheDocument();
    expect(screen.getByText('Id du partenaire')).toBeInTheDocument();
  });

  it('falls back to English for other languages and outside Office', async () => {
    renderPane(fakeController({ displayLanguage: '' }), 'connection');
    await settle();
    expect(screen.getByRole('button', { name: 'Test connection' })).toBeInTheDocument();
  });

  it('switches in the pane, re-wording the sheet core’s messages and telling the controller', async () => {
    const controller = fakeController({ validate: () => ok(report({ issues: [issue], errors: 1 })) });
    const { user } = renderPane(controller, 'validate');
    await settle();
    await user.click(screen.getByRole('button', { name: 'Check rows' }));
    await settle();
    expect(screen.getByText('The amount must be greater than 0 (found -5).')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Language'), 'es');
    expect(screen.getByRole('tab', { name: 'Revisar' })).toBeInTheDocument();
    expect(screen.getByText('El monto debe ser mayor que 0 (se encontró -5).')).toBeInTheDocument();
    expect(controller.setLanguage).toHaveBeenLastCalledWith('es');

    await user.selectOptions(screen.getByLabelText('Idioma'), 'fr');
    expect(screen.getByRole('tab', { name: 'Vérifier' })).toBeInTheDocument();
    expect(screen.getByText(/Le montant doit être supérieur à 0/)).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Erreurs : 1 · Avertissements : 0');
    expect(document.querySelector('[lang="fr"]')).not.toBeNull();
  });

  it('words server errors in the chosen language', async () => {
    const controller = fakeController({
      displayLanguage: 'es-ES',
      session: () => Promise.resolve({ ok: false, error: { code: 'server.unreachable', params: {} } }),
    });
    renderPane(controller, 'connection');
    await settle();
    expect(
      screen.getByText('No se puede contactar el servidor de Kiva Sheets. Revise su conexión a internet.'),
    ).toBeInTheDocument();
  });
});

/** A page's localStorage, for the language-choice store. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe('the language chosen in the pane', () => {
  it('is remembered across a reload, per user, over Office’s language', async () => {
    const storage = memoryStorage();
    const store = browserLanguageChoice(storage);
    const controller = fakeController({ displayLanguage: 'es-ES', chooseLanguage: (lang) => store.set(lang) });
    const { user, unmount } = renderPane(controller, 'connection');
    await settle();
    expect(screen.getByRole('tab', { name: 'Conexión' })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Idioma'), 'fr');
    expect(controller.chooseLanguage).toHaveBeenLastCalledWith('fr');
    expect([...storage.items.values()]).toEqual(['fr']);
    unmount();

    // Reopened: Office still says Spanish, the pane opens in the French the user chose.
    const reopened = fakeController({ displayLanguage: 'es-ES', chosenLanguage: store.get() });
    renderPane(reopened, 'connection');
    await settle();
    expect(screen.getByRole('tab', { name: 'Connexion' })).toBeInTheDocument();
    expect(reopened.setLanguage).toHaveBeenCalledWith('fr');
  });

  it('follows Office until the user chooses, and ignores what it cannot read', () => {
    const storage = memoryStorage();
    expect(browserLanguageChoice(storage).get()).toBeUndefined();
    storage.setItem('kiva-sheets.language', 'de');
    expect(browserLanguageChoice(storage).get()).toBeUndefined();
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    };
    const session = browserLanguageChoice(refusing);
    session.set('es');
    expect(session.get()).toBe('es');
  });
});

describe('an Excel older than ExcelApi 1.10', () => {
  it('is told plainly, in the user’s language, as soon as the pane reads the sheet', async () => {
    const controller = fakeController({
      displayLanguage: 'es-ES',
      detectSheet: () => failing('office.unsupported-version', { minimum: '1.10' }),
    });
    renderPane(controller, 'sheet');
    await settle();
    expect(screen.getByText(/Esta versión de Excel es demasiado antigua para Kiva Sheets/)).toHaveTextContent(
      'necesita la API de Excel 1.10',
    );
  });
});

describe('pane shell', () => {
  it('uses Fluent’s dark theme when Office is dark', async () => {
    const { container } = renderPane(fakeController({ theme: 'dark' }), 'sheet');
    await settle();
    const provider = container.querySelector('.fui-FluentProvider') as HTMLElement;
    expect(provider).not.toBeNull();
    // webDarkTheme's neutral background (#292929) is set as a CSS variable on the provider.
    const css = [...document.styleSheets]
      .flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText))
      .join('\n');
    expect(css).toMatch(/--colorNeutralBackground1:\s*#292929/);
  });

  it('has real tabs, reachable with the keyboard', async () => {
    const { user } = renderPane(fakeController(), 'sheet');
    await settle();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.getAttribute('value') ?? t.id)).toHaveLength(5);
    for (const name of ['Connection', 'Sheet', 'Check', 'Send', 'Tools']) {
      expect(screen.getByRole('tab', { name })).toBeInTheDocument();
    }
    // Real buttons: Enter on a focused tab opens it (arrow keys are Tabster's, which needs a layout engine).
    screen.getByRole('tab', { name: 'Check' }).focus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('tab', { name: 'Check' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'Check' })).toBeVisible();
  });

  it('keeps a running send alive while another tab is open', async () => {
    let finish: () => void = () => undefined;
    const controller = fakeController({
      send: () =>
        new Promise((resolve) => {
          finish = () =>
            resolve({
              ok: true,
              value: { env: 'stage', outcomes: [], skipped: { alreadySent: 0, uncertain: 0, invalid: 0 } },
            });
        }),
    });
    const { user } = renderPane(controller, 'send');
    await settle();
    await clickWhenEnabled(user, 'Send 3 rows to Kiva');
    await user.click(screen.getByRole('tab', { name: 'Check' }));
    await user.click(screen.getByRole('tab', { name: 'Send' }));
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    // No switching environment in the middle of a send.
    await user.click(screen.getByRole('tab', { name: 'Connection' }));
    expect(screen.getByRole('radio', { name: /Production/ })).toBeDisabled();
    finish();
    await settle();
    expect(screen.getByRole('radio', { name: /Production/ })).toBeEnabled();
    await user.click(screen.getByRole('tab', { name: 'Send' }));
    expect(screen.getByText('Finished')).toBeInTheDocument();
  });

  it('shows a ribbon command’s failure in a banner on any tab', async () => {
    const controller = fakeController();
    renderPane(controller, 'sheet');
    await settle();
    const { act } = await import('@testing-library/react');
    act(() =>
      controller.emit({ type: 'command-failed', command: 'sendSelection', error: { code: 'pane.busy', params: {} } }),
    );
    expect(
      screen.getByText('Kiva Sheets is still busy with the previous task. Wait for it to finish.'),
    ).toBeInTheDocument();
  });
});
