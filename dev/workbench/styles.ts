/** The workbench's own look: a plain spreadsheet, so that what the add-in writes (fills, notes, lists) stands out. */
export const WORKBENCH_CSS = `
.wb-root { display: flex; flex-direction: column; height: 100vh; font-family: "Segoe UI", system-ui, sans-serif; font-size: 13px; color: #242424; }
.wb-header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 6px 12px; background: #217346; color: #fff; }
.wb-header h1 { font-size: 15px; margin: 0; font-weight: 600; }
.wb-header select { font: inherit; }
.wb-ribbon { display: flex; gap: 6px; }
.wb-ribbon button { font: inherit; padding: 3px 10px; border: 1px solid #fff8; border-radius: 3px; background: #fff; color: #217346; cursor: pointer; }
.wb-ribbon button:disabled { opacity: 0.6; cursor: default; }
.wb-note { opacity: 0.9; }
.wb-main { flex: 1; display: flex; min-height: 0; }
.wb-grid { flex: 1; display: flex; flex-direction: column; min-width: 0; }
.wb-sheet { flex: 1; overflow: auto; background: #fff; }
.wb-table { border-collapse: collapse; table-layout: fixed; }
.wb-table th, .wb-table td { border: 1px solid #e1e1e1; height: 22px; padding: 0 4px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.wb-corner, .wb-colhead, .wb-rowhead { background: #f3f3f3; color: #616161; font-weight: 400; position: sticky; z-index: 1; cursor: pointer; user-select: none; }
.wb-corner { top: 0; left: 0; z-index: 2; width: 36px; }
.wb-colhead { top: 0; min-width: 72px; max-width: 200px; }
.wb-rowhead { left: 0; text-align: right; width: 36px; }
.wb-rowhead-selected { background: #d6e8dc; color: #217346; }
.wb-cell { min-width: 72px; max-width: 320px; position: relative; cursor: cell; }
.wb-number { text-align: right; }
.wb-selected { box-shadow: inset 0 0 0 9999px rgba(33, 115, 70, 0.12); }
.wb-active { outline: 2px solid #217346; outline-offset: -2px; }
.wb-has-note::after { content: ""; position: absolute; top: 0; right: 0; border-style: solid; border-width: 0 7px 7px 0; border-color: transparent #c50f1f transparent transparent; }
.wb-error-value { color: #c50f1f; }
.wb-dropdown { position: absolute; right: 2px; top: 3px; font-size: 10px; color: #616161; }
.wb-editing input { width: 100%; box-sizing: border-box; font: inherit; border: 0; outline: 2px solid #217346; }
.wb-tabs { display: flex; align-items: center; gap: 2px; padding: 2px 8px; background: #f3f3f3; border-top: 1px solid #d1d1d1; }
.wb-tab { font: inherit; border: 0; border-bottom: 3px solid transparent; background: none; padding: 4px 12px; cursor: pointer; }
.wb-tab-active { background: #fff; border-bottom-color: #217346; color: #217346; font-weight: 600; }
.wb-hidden-tabs { margin-left: auto; color: #616161; font-style: italic; }
.wb-statusbar { display: flex; gap: 16px; padding: 2px 8px; background: #217346; color: #fff; font-size: 12px; }
.wb-pane { width: 380px; flex: none; border-left: 1px solid #d1d1d1; overflow: auto; }
`;
