/**
 * The simulated workbook as a newcomer sees Excel: sheet tabs, column letters and row numbers, cells with their
 * fills, notes (hover, and a red corner) and dropdown lists (▾). Click a row number to select the row, Shift for a
 * range, Ctrl (⌘) to add one; click a cell to select it; double-click to type into it. Drawn from `gridView(book)`.
 */
import { useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { columnLetters, gridView, type CellBorders, type GridCell, type SimWorkbook } from '../excel-sim';
import { sheetPrefix } from '../../src/sheet';

export interface GridProps {
  book: SimWorkbook;
  /** The book's version, so React draws again when it changes. */
  version: number;
  /** The user did something the pane should notice (selection, sheet, typing). */
  onUserChange(): void;
}

type Anchor = { row: number; column: number; wholeRow: boolean };

export function Grid(props: GridProps): JSX.Element {
  const { book, onUserChange } = props;
  const view = gridView(book);
  const prefix = sheetPrefix(view.sheet);
  const anchor = useRef<Anchor>({ row: 0, column: 0, wholeRow: false });
  const [editing, setEditing] = useState<{ ref: string; text: string }>();
  const columns = view.columns.filter((c) => !c.hidden);

  const select = (area: string, event: MouseEvent, next: Anchor) => {
    let address = `${prefix}${area}`;
    if ((event.ctrlKey || event.metaKey) && view.selection !== '') address = `${view.selection},${address}`;
    else if (event.shiftKey) {
      const from = anchor.current;
      address = next.wholeRow
        ? `${prefix}${Math.min(from.row, next.row) + 1}:${Math.max(from.row, next.row) + 1}`
        : `${prefix}${columnLetters(Math.min(from.column, next.column))}${Math.min(from.row, next.row) + 1}:${columnLetters(
            Math.max(from.column, next.column),
          )}${Math.max(from.row, next.row) + 1}`;
    }
    if (!event.shiftKey) anchor.current = next;
    book.select(address);
    onUserChange();
  };

  const showSheet = (name: string) => {
    const sheet = book.sheet(name);
    book.select(sheet.selection.map((area) => sheet.address(area)).join(','));
    onUserChange();
  };

  const commit = () => {
    if (editing === undefined) return;
    book.setValue(`${prefix}${editing.ref}`, editing.text);
    setEditing(undefined);
    onUserChange();
  };

  const onEditKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
    if (event.key === 'Escape') setEditing(undefined);
  };

  return (
    <div className="wb-grid">
      <div className="wb-sheet" role="region" aria-label={`Sheet ${view.sheet}`}>
        <table className="wb-table">
          <thead>
            <tr>
              <th className="wb-corner" aria-hidden />
              {columns.map((column) => (
                <th
                  key={column.letter}
                  scope="col"
                  className="wb-colhead"
                  onClick={(e) =>
                    select(`${column.letter}:${column.letter}`, e, { row: 0, column: column.index, wholeRow: false })
                  }
                >
                  {column.letter}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.rows
              .filter((row) => !row.hidden)
              .map((row) => (
                <tr key={row.index}>
                  <th
                    scope="row"
                    className={`wb-rowhead${row.cells.some((c) => c.selected) ? ' wb-rowhead-selected' : ''}`}
                    data-row={row.label}
                    title={`Select row ${row.label} (Shift: a range, Ctrl: add a row)`}
                    onClick={(e) =>
                      select(`${row.label}:${row.label}`, e, { row: row.index, column: 0, wholeRow: true })
                    }
                  >
                    {row.label}
                  </th>
                  {row.cells
                    .filter((cell) => !view.columns[cell.column]?.hidden)
                    .map((cell) =>
                      editing?.ref === cell.ref ? (
                        <td key={cell.ref} className="wb-cell wb-editing">
                          <input
                            aria-label={`Edit ${cell.ref}`}
                            autoFocus
                            value={editing.text}
                            onChange={(e) => setEditing({ ref: cell.ref, text: e.currentTarget.value })}
                            onKeyDown={onEditKey}
                            onBlur={commit}
                          />
                        </td>
                      ) : (
                        <Cell
                          key={cell.ref}
                          cell={cell}
                          onClick={(e) => select(cell.ref, e, { row: cell.row, column: cell.column, wholeRow: false })}
                          onEdit={() => setEditing({ ref: cell.ref, text: cell.formula ?? cell.text })}
                        />
                      ),
                    )}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      <div className="wb-tabs" role="tablist" aria-label="Sheets">
        {view.tabs
          .filter((tab) => tab.visibility === 'Visible')
          .map((tab) => (
            <button
              key={tab.name}
              type="button"
              role="tab"
              aria-selected={tab.active}
              className={`wb-tab${tab.active ? ' wb-tab-active' : ''}`}
              style={tab.tabColor ? { borderBottomColor: tab.tabColor } : undefined}
              onClick={() => showSheet(tab.name)}
            >
              {tab.name}
            </button>
          ))}
        <span className="wb-hidden-tabs">
          {view.tabs.filter((tab) => tab.visibility !== 'Visible').length > 0
            ? `hidden: ${view.tabs
                .filter((tab) => tab.visibility !== 'Visible')
                .map((tab) => tab.name)
                .join(', ')}`
            : ''}
        </span>
      </div>
      <div className="wb-statusbar" aria-live="polite">
        <span data-testid="selection">Selection: {view.selection.replace(/(^|,)[^!,]*!/g, '$1') || '—'}</span>
      </div>
    </div>
  );
}

function Cell(props: { cell: GridCell; onClick(event: MouseEvent): void; onEdit(): void }): JSX.Element {
  const { cell } = props;
  const classes = ['wb-cell'];
  if (cell.selected) classes.push('wb-selected');
  if (cell.active) classes.push('wb-active');
  if (cell.note !== undefined) classes.push('wb-has-note');
  if (cell.isError) classes.push('wb-error-value');
  if (typeof cell.value === 'number') classes.push('wb-number');
  const title = [cell.note, cell.listSource !== undefined ? `List: ${cell.listSource}` : undefined]
    .filter((part) => part !== undefined)
    .join('\n');
  return (
    <td
      className={classes.join(' ')}
      data-ref={cell.ref}
      data-fill={cell.fill}
      data-note={cell.note !== undefined ? 'yes' : undefined}
      data-list={cell.listSource}
      title={title === '' ? undefined : title}
      data-border={Object.values(cell.borders)[0]}
      data-link={cell.hyperlink}
      style={{
        ...(cell.fill !== undefined ? { backgroundColor: cell.fill } : {}),
        ...borderStyle(cell.borders),
        ...(cell.fontColor !== undefined ? { color: cell.fontColor } : {}),
        ...(cell.bold ? { fontWeight: 600 } : {}),
        ...(cell.italic ? { fontStyle: 'italic' } : {}),
        ...(cell.hyperlink !== undefined ? { color: '#0563C1', textDecoration: 'underline' } : {}),
      }}
      onClick={props.onClick}
      onDoubleClick={props.onEdit}
    >
      <span className="wb-text">{cell.text}</span>
      {cell.listSource !== undefined && (
        <span className="wb-dropdown" aria-label="dropdown list">
          ▾
        </span>
      )}
    </td>
  );
}

/** Bordered edges as inset shadows: drawn inside the cell, so a border never shifts the grid. */
function borderStyle(borders: CellBorders): { boxShadow?: string } {
  const shadows = [
    borders.top !== undefined ? `inset 0 2px 0 ${borders.top}` : undefined,
    borders.bottom !== undefined ? `inset 0 -2px 0 ${borders.bottom}` : undefined,
    borders.left !== undefined ? `inset 2px 0 0 ${borders.left}` : undefined,
    borders.right !== undefined ? `inset -2px 0 0 ${borders.right}` : undefined,
  ].filter((s) => s !== undefined);
  return shadows.length === 0 ? {} : { boxShadow: shadows.join(', ') };
}
