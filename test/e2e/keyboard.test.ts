/**
 * Issue #15 item 10 in a real browser: the pane by keyboard only. Check, send, production and the column mapping
 * are done with Tab, the arrows, Enter and Escape, never a click; each step says where the focus is. The tab list has
 * one Tab stop (the open tab) and arrows move between tabs; a dialog starts on its safe answer and gives the focus
 * back to its opener; a stray Enter never sends to production; arrows in a mapping dropdown never save a mapping.
 */
import type { Emulator } from '../../dev/kiva-emulator';
import type { LoanDraft } from '../../src/kiva';
import { e2eSuite, type Workbench } from './harness';

jest.setTimeout(120_000);

const { open } = e2eSuite('keyboard');

const borrowers = (emulator: Emulator) =>
  emulator.applied
    .filter((a) => a.endpoint === 'loan_draft')
    .flatMap((a) => (a.body as LoanDraft).entreps?.map((e) => e.loan_id) ?? []);

/** The focused element as a person would name it: its tag, role and accessible name (a label for an input). */
function describeFocus(): string {
  const el = document.activeElement;
  if (el === null || el === document.body) return 'body';
  const role = el.getAttribute('role') ?? (el instanceof HTMLInputElement ? el.type : el.tagName.toLowerCase());
  const label =
    el.getAttribute('aria-label') ??
    (el instanceof HTMLInputElement
      ? (el.labels?.[0]?.innerText ?? '')
      : el instanceof HTMLElement
        ? el.innerText
        : '');
  return `${role} “${label.replace(/\s+/g, ' ').trim()}”`;
}

/** Waits until the focus is on an element whose description matches; fails naming where it is instead. */
async function expectFocus(bench: Workbench, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 5_000;
  let seen = '';
  for (;;) {
    seen = await bench.page.evaluate(describeFocus);
    if (pattern.test(seen)) return;
    if (Date.now() > deadline) throw new Error(`the focus is on ${seen}, not ${pattern}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the focused control can act (a Send button is focusable but inert while the plan is worked out). */
async function focusedReady(bench: Workbench): Promise<void> {
  await bench.page.waitForFunction(() => document.activeElement?.getAttribute('aria-disabled') !== 'true');
}

async function press(bench: Workbench, ...keys: string[]): Promise<void> {
  for (const key of keys) await bench.page.keyboard.press(key);
}

/** A keyboard user arriving at the pane lands on the open tab (its one Tab stop). */
async function enterTabs(bench: Workbench): Promise<void> {
  await bench.pane.getByRole('tab', { selected: true }).focus();
}

describe('the pane by keyboard only', () => {
  it('tabs: one Tab stop, arrows move round, Home and End; the open tab is the one focused', async () => {
    const { bench } = await open('loans');
    await enterTabs(bench);
    await expectFocus(bench, /^tab “Sheet”$/);
    const tabIndexes = () =>
      bench.pane
        .getByRole('tab')
        .evaluateAll((tabs) => tabs.map((t) => `${(t as HTMLElement).innerText}:${(t as HTMLElement).tabIndex}`));
    await expect(tabIndexes()).resolves.toEqual(['Connection:-1', 'Sheet:0', 'Check:-1', 'Send:-1', 'Tools:-1']);
    await press(bench, 'ArrowRight');
    await expectFocus(bench, /^tab “Check”$/);
    await bench.pane.getByRole('tab', { name: 'Check', selected: true }).waitFor();
    await press(bench, 'End');
    await expectFocus(bench, /^tab “Tools”$/);
    await press(bench, 'ArrowRight');
    await expectFocus(bench, /^tab “Connection”$/);
    await press(bench, 'ArrowLeft', 'ArrowLeft');
    await expectFocus(bench, /^tab “Send”$/);
    await bench.pane.getByRole('tab', { name: 'Send', selected: true }).waitFor();
    await expect(tabIndexes()).resolves.toEqual(['Connection:-1', 'Sheet:-1', 'Check:-1', 'Send:0', 'Tools:-1']);
    // Tab leaves the tab list for the open panel; Shift+Tab comes back to the open tab, not to the first one.
    await press(bench, 'Tab');
    await expectFocus(bench, /^radio “All rows not yet sent”$/);
    await press(bench, 'Shift+Tab');
    await expectFocus(bench, /^tab “Send”$/);
    // No focusable element hides from assistive technology (tabster's sentinels were such).
    const hiddenFocusable = await bench.page.evaluate(
      () =>
        document.querySelectorAll('aside [aria-hidden="true"][tabindex="0"], aside [aria-hidden="true"] [tabindex="0"]')
          .length,
    );
    expect(hiddenFocusable).toBe(0);
  });

  it('check: run the check and go to a problem’s cell', async () => {
    const { bench } = await open('loans');
    await enterTabs(bench);
    await press(bench, 'ArrowRight');
    await expectFocus(bench, /^tab “Check”$/);
    await press(bench, 'Tab');
    await expectFocus(bench, /^radio “Whole sheet”$/);
    await press(bench, 'Tab');
    await expectFocus(bench, /^button “Check rows”$/);
    await press(bench, 'Enter');
    await bench.pane
      .getByRole('status')
      .filter({ hasText: /Errors: \d+/ })
      .waitFor();
    await expectFocus(bench, /^button “Check rows”$/);
    // The first problem's button takes the sheet's selection to its cell.
    await press(bench, 'Tab');
    await expectFocus(bench, /^button “[A-Z]+\d+ (Error|Warning) /);
    const address = await bench.page.evaluate(
      () => /^([A-Z]+\d+)/.exec((document.activeElement as HTMLElement | null)?.innerText ?? '')?.[1],
    );
    await press(bench, 'Enter');
    await bench.page.locator(`td.wb-selected[data-ref="${address}"]`).waitFor();
  });

  it('send: all pending rows to stage; the focus follows to Cancel, then to the summary', async () => {
    const { bench, site } = await open('loans');
    await enterTabs(bench);
    await press(bench, 'ArrowRight', 'ArrowRight');
    await expectFocus(bench, /^tab “Send”$/);
    // All rows not yet sent is the default: one Tab reaches it, the next the Send button.
    await press(bench, 'Tab');
    await expectFocus(bench, /^radio “All rows not yet sent”$/);
    await press(bench, 'Tab');
    await expectFocus(bench, /^button “Send 11 rows to Kiva”$/);
    await focusedReady(bench);
    await press(bench, 'Enter');
    await bench.pane.getByText(/Sent: 9 loans \(11 rows\) ·/).waitFor();
    // The summary takes the focus when the send ends, so a screen reader reads it.
    await bench.page.waitForFunction(() => /Sent: 9 loans \(11 rows\)/.test(document.activeElement?.textContent ?? ''));
    await bench.cellText('O2', /^Sent · stage · /);
    expect(borrowers(site.stack.stage as Emulator)).toHaveLength(11);
  });

  it('production: choosing it and sending to it start on Go back, which gives the focus back; Enter Enter sends nothing', async () => {
    const { bench, site } = await open('loans');
    const production = site.stack.production as Emulator;
    await enterTabs(bench);
    await press(bench, 'Home');
    await expectFocus(bench, /^tab “Connection”$/);
    await press(bench, 'Tab');
    await expectFocus(bench, /^radio “Stage/);
    // An arrow onto Production asks first; the dialog starts on Go back; Enter there keeps stage.
    await press(bench, 'ArrowDown');
    const dialog = bench.page.getByRole('alertdialog');
    await dialog.getByText('Use Kiva production?').waitFor();
    await expectFocus(bench, /^button “Go back”$/);
    await press(bench, 'Enter');
    await dialog.waitFor({ state: 'detached' });
    await expectFocus(bench, /^radio “Stage/);
    await expect(bench.pane.getByRole('radio', { name: /^Stage/ }).isChecked()).resolves.toBe(true);
    // Asked again, Tab to Use production and Enter: production is active and the focus on it.
    await press(bench, 'ArrowDown');
    await expectFocus(bench, /^button “Go back”$/);
    await press(bench, 'Tab');
    await expectFocus(bench, /^button “Use production”$/);
    await press(bench, 'Enter');
    await bench.page.locator('div[data-environment="production"]').waitFor();
    await expectFocus(bench, /^radio “Production/);

    // The Send tab, all pending rows; Enter on Send opens the confirmation on Go back: a second Enter goes back.
    await press(bench, 'Shift+Tab');
    await expectFocus(bench, /^tab “Connection”$/);
    await press(bench, 'End', 'ArrowLeft');
    await expectFocus(bench, /^tab “Send”$/);
    await press(bench, 'Tab', 'Tab');
    await expectFocus(bench, /^button “Send 11 rows to Kiva”$/);
    await focusedReady(bench);
    await press(bench, 'Enter');
    await dialog.getByText(/^9 loans \(11 rows\), PEN\s[\d,.]+, to Kiva PRODUCTION — not a test\.$/).waitFor();
    await expectFocus(bench, /^button “Go back”$/);
    await press(bench, 'Enter');
    await dialog.waitFor({ state: 'detached' });
    await expectFocus(bench, /^button “Send 11 rows to Kiva”$/);
    expect(borrowers(production)).toEqual([]);
    // Escape goes back too.
    await press(bench, 'Enter');
    await expectFocus(bench, /^button “Go back”$/);
    await press(bench, 'Escape');
    await dialog.waitFor({ state: 'detached' });
    await expectFocus(bench, /^button “Send 11 rows to Kiva”$/);
    expect(borrowers(production)).toEqual([]);
    // Sending takes a deliberate Tab to the red button.
    await press(bench, 'Enter');
    await expectFocus(bench, /^button “Go back”$/);
    await press(bench, 'Tab');
    await expectFocus(bench, /^button “Send 11 rows to production”$/);
    await press(bench, 'Enter');
    await bench.cellText('O2', /^Sent · production · /);
    expect(borrowers(production)).toHaveLength(11);
    expect(borrowers(site.stack.stage as Emulator)).toEqual([]);
  });

  it('mapping: arrows and Escape change nothing, Enter saves and the focus stays on the dropdown', async () => {
    const { bench } = await open('loans');
    const saved = bench.pane.getByText('Saved in this workbook.');
    await enterTabs(bench);
    await expectFocus(bench, /^tab “Sheet”$/);
    // The first steps come first: 1 Check → 2 Send, then the sheet's own controls.
    await press(bench, 'Tab');
    await expectFocus(bench, /^button “1 Check”$/);
    await press(bench, 'Tab');
    await expectFocus(bench, /^button “2 Send”$/);
    await press(bench, 'Tab');
    await expectFocus(bench, /^combobox/);
    await press(bench, 'Tab');
    const first = await bench.page.evaluate(describeFocus);
    expect(first).toMatch(/^combobox “Kiva field for column A \(/);
    const value = await bench.page.evaluate(() => document.activeElement?.textContent);
    await press(bench, 'ArrowDown', 'ArrowDown', 'ArrowDown');
    await bench.page.getByRole('listbox').waitFor();
    await press(bench, 'Escape');
    await bench.page.getByRole('listbox').waitFor({ state: 'detached' });
    await expectFocus(bench, new RegExp(`^${escape(first)}$`));
    await expect(bench.page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(value);
    // Tab out of an open list leaves the mapping as it was too.
    await press(bench, 'ArrowDown', 'ArrowDown');
    await bench.page.getByRole('listbox').waitFor();
    await press(bench, 'Tab');
    await bench.page.getByRole('listbox').waitFor({ state: 'detached' });
    await press(bench, 'Shift+Tab');
    await expectFocus(bench, new RegExp(`^${escape(first)}$`));
    await expect(bench.page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(value);
    expect(await saved.count()).toBe(0);
    // Enter on another option saves it; the focus stays on the same dropdown.
    await press(bench, 'ArrowDown', 'ArrowDown', 'Enter');
    await saved.waitFor();
    await expectFocus(bench, new RegExp(`^${escape(first)}$`));
    await expect(bench.page.evaluate(() => document.activeElement?.textContent)).resolves.not.toBe(value);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
