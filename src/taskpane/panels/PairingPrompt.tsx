/**
 * Local mode where the server cannot tell which account connects (docs/server.md): the pane asks once for the code
 * the server's own window shows, trades it for a key it keeps, and loads the session again.
 */
import { Button, Field, Input, Spinner } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { PaneError } from '../controller';
import { usePane, useWords } from '../pane-state';
import { ErrorBar, useUiStyles } from '../ui';

export function needsPairing(error: PaneError): boolean {
  return error.code === 'auth.pairing-required';
}

export function PairingPrompt(): JSX.Element {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const { t } = words;
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PaneError>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || code.trim() === '') return;
    setBusy(true);
    setError(undefined);
    const paired = await pane.call(() => pane.controller.pair(code.trim()));
    setBusy(false);
    if (paired.ok) pane.reloadSession();
    else setError(paired.error);
  };

  return (
    <section className={ui.section} aria-labelledby="pairing-heading" data-pairing="required">
      <h3 className={ui.subheading} id="pairing-heading">
        {t.pairing.heading}
      </h3>
      <p className={ui.help}>{t.pairing.help}</p>
      <form onSubmit={(event) => void submit(event)} className={ui.row}>
        <Field label={t.pairing.label}>
          <Input value={code} autoComplete="off" spellCheck={false} onChange={(_, data) => setCode(data.value)} />
        </Field>
        <Button appearance="primary" type="submit" disabled={code.trim() === ''} disabledFocusable={busy}>
          {t.pairing.submit}
        </Button>
      </form>
      {busy && <Spinner size="tiny" label={t.pairing.connecting} />}
      {error !== undefined && <ErrorBar error={error} />}
    </section>
  );
}
