/**
 * "Add a Photo column", offered on the Sheet tab and beside the photo action when the active sheet is a loans sheet
 * without one. The column goes after the last column; the pane reads the sheet again and the offer goes away.
 */
import { Button } from '@fluentui/react-components';
import { useState } from 'react';
import type { PaneError, PhotoColumnAdded, SheetInfo } from '../controller';
import { usePane, useWords } from '../pane-state';
import { ErrorBar, Note, useUiStyles } from '../ui';

/** A loans sheet none of whose columns is the photo. */
export function lacksPhotoColumn(info: SheetInfo | undefined): boolean {
  return info !== undefined && info.kind === 'loans' && !info.columns.some((c) => c.field === 'photo');
}

export function PhotoColumnOffer(): JSX.Element | null {
  const pane = usePane();
  const words = useWords();
  const ui = useUiStyles();
  const { t } = words;
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<PhotoColumnAdded>();
  const [error, setError] = useState<PaneError>();
  const info = pane.sheet.status === 'ready' ? pane.sheet.value : undefined;
  const lacking = lacksPhotoColumn(info);

  const add = async () => {
    setBusy(true);
    setError(undefined);
    const result = await pane.call(() => pane.controller.addPhotoColumn());
    setBusy(false);
    if (result.ok) setAdded(result.value);
    else setError(result.error);
  };

  if (!lacking && added === undefined && error === undefined) return null;
  return (
    <div className={ui.section}>
      {lacking && (
        <>
          <p className={ui.help}>{t.photos.noColumn}</p>
          <div>
            <Button disabledFocusable={busy} onClick={() => void add()}>
              {t.photos.addColumn}
            </Button>
          </div>
        </>
      )}
      <div aria-live="polite">
        {error !== undefined && <ErrorBar error={error} />}
        {added !== undefined && (
          <Note intent="success">
            {words.fill(t.photos.columnAdded, { column: added.column, header: added.header })}
          </Note>
        )}
      </div>
    </div>
  );
}
