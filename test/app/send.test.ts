import { send, type SendInput } from '../../src/app';
import { CLOCK, FakeKiva, FakeWorkbook } from './fakes';

const repayments = (): FakeWorkbook =>
  new FakeWorkbook({
    Repayments: [
      ['loan_id', 'amount'],
      ['L1', 10],
      ['L2', 20],
      ['L3', -5],
      ['L4', 40],
      ['L5', 50],
    ],
  });

const input = (extra: Partial<SendInput> = {}): SendInput => ({
  scope: { kind: 'sheet', sheet: 'Repayments' },
  clock: CLOCK,
  ...extra,
});

describe('send', () => {
  it('sends every valid row, marks the invalid one, and writes everything back in one plan application', async () => {
    const workbook = repayments();
    const kiva = new FakeKiva();
    const result = await send({ workbook, kiva }, input());
    if (!result.ok) throw new Error(result.error.code);

    expect(kiva.sentRows()).toEqual(['Repayments!2', 'Repayments!3', 'Repayments!5', 'Repayments!6']);
    expect(result.value.summary).toEqual({
      sent: 4,
      invalid: 1,
      rejected: 0,
      uncertain: 0,
      failed: 0,
      cancelled: 0,
      skipped: 0,
    });
    expect(workbook.applied).toHaveLength(1);
    expect(workbook.status('Repayments', 2)).toBe('Sent · stage · 2026-11-28 14:03 · 70001');
    expect(workbook.status('Repayments', 4)).toMatch(/^Invalid: B4: /);
    expect(workbook.sheet('Repayments').marks.has('B4')).toBe(true);
    // One log line per request (two rows a call here), with the rows and Kiva's reference.
    expect(workbook.log.map((line) => [line[2], line[3], line[4], line[5]])).toEqual([
      ['repayments', 'Repayments!2–3', '200', '70001'],
      ['repayments', 'Repayments!5–6', '200', '70002'],
    ]);
    expect(workbook.log[0]?.[0]).toBe('2026-11-28 14:03');
  });

  it('sends nothing new the second time', async () => {
    const workbook = repayments();
    const kiva = new FakeKiva();
    await send({ workbook, kiva }, input());
    const before = kiva.received.length;
    const again = await send({ workbook, kiva }, input());
    if (!again.ok) throw new Error(again.error.code);
    expect(kiva.received).toHaveLength(before);
    expect(again.value.summary).toMatchObject({ sent: 0, skipped: 4, invalid: 1 });
    expect(again.value.notices.map((n) => n.code)).toEqual(['already-sent-skipped', 'nothing-to-send']);
    // Nothing needed Kiva: no token was asked for.
    expect(kiva.connects).toBe(1);
  });

  it('writes nothing at all when a re-run changes nothing', async () => {
    const workbook = new FakeWorkbook({
      Repayments: [
        ['loan_id', 'amount'],
        ['L1', 10],
      ],
    });
    const kiva = new FakeKiva();
    await send({ workbook, kiva }, input());
    await send({ workbook, kiva }, input());
    await send({ workbook, kiva }, input());
    expect(workbook.applied).toHaveLength(1);
  });

  it('re-sends rejected and failed rows on the next run, and only them', async () => {
    const workbook = repayments();
    const kiva = new FakeKiva();
    kiva.rule = (row) => (row.row === 3 ? 'rejected' : row.row === 5 ? 'failed' : 'sent');
    const first = await send({ workbook, kiva }, input());
    if (!first.ok) throw new Error(first.error.code);
    expect(first.value.summary).toMatchObject({ sent: 2, rejected: 1, failed: 1 });
    expect(workbook.status('Repayments', 3)).toBe('Error: Loan not found');

    kiva.received.length = 0;
    kiva.rule = () => 'sent';
    await send({ workbook, kiva }, input());
    expect(kiva.sentRows()).toEqual(['Repayments!3', 'Repayments!5']);
  });

  it('skips Uncertain rows with a message to check PA2, and re-sends them only with resend', async () => {
    const workbook = repayments();
    const kiva = new FakeKiva();
    kiva.rule = (row) => (row.row === 5 || row.row === 6 ? 'uncertain' : 'sent');
    await send({ workbook, kiva }, input());
    expect(workbook.status('Repayments', 5)).toMatch(/^Uncertain: .* — check PA2 before resending$/);

    kiva.received.length = 0;
    kiva.rule = () => 'sent';
    const skipped = await send({ workbook, kiva }, input());
    if (!skipped.ok) throw new Error(skipped.error.code);
    expect(kiva.received).toHaveLength(0);
    expect(skipped.value.notices[0]).toEqual({
      code: 'uncertain-skipped',
      params: { count: 2, rows: 'Repayments!5–6' },
    });

    const resent = await send({ workbook, kiva }, input({ resend: true }));
    if (!resent.ok) throw new Error(resent.error.code);
    // resend sends the Sent rows again too: the user asked for it.
    expect(kiva.sentRows()).toEqual(['Repayments!2', 'Repayments!3', 'Repayments!5', 'Repayments!6']);
    expect(workbook.status('Repayments', 5)).toMatch(/^Sent · stage/);
  });

  it('sends to production a row that went to stage, only once confirmed', async () => {
    const workbook = repayments();
    await send({ workbook, kiva: new FakeKiva('stage') }, input());
    const production = new FakeKiva('production');

    const refused = await send({ workbook, kiva: production }, input());
    expect(refused).toEqual({
      ok: false,
      error: { code: 'production-not-confirmed', params: { environment: 'production' } },
    });
    expect(workbook.reads).toHaveLength(1);
    expect(production.received).toHaveLength(0);

    const confirmed = await send({ workbook, kiva: production }, input({ confirmProduction: true }));
    if (!confirmed.ok) throw new Error(confirmed.error.code);
    expect(production.sentRows()).toHaveLength(4);
    expect(workbook.status('Repayments', 2)).toMatch(/^Sent · production · /);
  });

  it('cancels: requests not started end cancelled, their rows stay pending and go out next time', async () => {
    const workbook = repayments();
    const kiva = new FakeKiva();
    const controller = new AbortController();
    kiva.afterRequest = () => controller.abort();
    const result = await send({ workbook, kiva }, input({ signal: controller.signal }));
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.summary).toMatchObject({ sent: 2, cancelled: 2, invalid: 1 });
    expect(workbook.status('Repayments', 5)).toBe('');
    expect(workbook.applied).toHaveLength(1);

    kiva.received.length = 0;
    kiva.afterRequest = () => undefined;
    await send({ workbook, kiva }, input());
    expect(kiva.sentRows()).toEqual(['Repayments!5', 'Repayments!6']);
  });

  it('sends nothing and writes nothing when already cancelled', async () => {
    const workbook = repayments();
    const kiva = new FakeKiva();
    const controller = new AbortController();
    controller.abort();
    const result = await send({ workbook, kiva }, input({ signal: controller.signal }));
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.summary).toMatchObject({ sent: 0, cancelled: 4 });
    expect(kiva.received).toHaveLength(0);
    expect(workbook.status('Repayments', 2)).toBe('');
  });

  it('stops before sending or writing when the credentials are refused', async () => {
    const workbook = repayments();
    const kiva = new FakeKiva();
    kiva.connectResult = {
      ok: false,
      error: { code: 'kiva', params: {}, cause: { code: 'auth.bad-credentials', params: { status: 401 } } },
    };
    const result = await send({ workbook, kiva }, input());
    expect(result.ok).toBe(false);
    expect(kiva.received).toHaveLength(0);
    expect(workbook.applied).toHaveLength(0);
  });

  it('never calls a row unsent when the port throws: its rows are Uncertain', async () => {
    const workbook = repayments();
    const kiva = new FakeKiva();
    kiva.throwOnSend = true;
    const result = await send({ workbook, kiva }, input());
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.summary).toMatchObject({ uncertain: 4 });
    expect(workbook.status('Repayments', 2)).toMatch(/^Uncertain: /);
  });

  it('keeps the plan when the statuses cannot be written after rows reached Kiva', async () => {
    const workbook = repayments();
    workbook.failWrites = true;
    const kiva = new FakeKiva();
    const result = await send({ workbook, kiva }, input());
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.written).toBe(false);
    expect(result.value.writeError?.code).toBe('workbook-write-failed');
    expect(result.value.plan.sheets[0]?.statuses.filter((s) => s.text.startsWith('Sent'))).toHaveLength(4);
  });

  it('reports a failed write as an error when nothing reached Kiva', async () => {
    const workbook = new FakeWorkbook({
      Repayments: [
        ['loan_id', 'amount'],
        ['L1', -1],
      ],
    });
    workbook.failWrites = true;
    const result = await send({ workbook, kiva: new FakeKiva() }, input());
    expect(result.ok).toBe(false);
  });

  it('returns the confirm_url of each journal update', async () => {
    const workbook = new FakeWorkbook({
      Journals: [
        ['internal_loan_id', 'body'],
        ['L1', 'Ana planted maize.'],
        ['L2', 'Luis opened a shop.'],
      ],
    });
    const result = await send({ workbook, kiva: new FakeKiva() }, input({ scope: { kind: 'workbook' } }));
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value.confirmUrls.map((c) => [c.row.row, c.url])).toEqual([
      [2, 'https://pa2.example/confirm/2'],
      [3, 'https://pa2.example/confirm/3'],
    ]);
    expect(result.value.notices.map((n) => n.code)).toContain('journals-to-confirm');
  });

  it('sends sheets in workbook order and reports progress over every row', async () => {
    const workbook = new FakeWorkbook({
      Journals: [
        ['internal_loan_id', 'body'],
        ['L1', 'Ana planted maize.'],
      ],
      Repayments: [
        ['loan_id', 'amount'],
        ['L1', 10],
        ['L2', 20],
        ['L3', 30],
      ],
    });
    const kiva = new FakeKiva();
    const progress: string[] = [];
    await send(
      { workbook, kiva },
      input({
        scope: { kind: 'workbook' },
        onProgress: (p) => progress.push(p.done === undefined ? p.phase : `${p.done}/${p.total}`),
      }),
    );
    expect(kiva.received.map((r) => r.endpoint)).toEqual(['journals', 'repayments', 'repayments']);
    expect(progress).toEqual(['reading', 'checking', '0/4', '1/4', '3/4', '4/4', 'writing']);
  });

  it('writes statuses in the user’s language', async () => {
    const workbook = repayments();
    await send({ workbook, kiva: new FakeKiva() }, input({ settings: { language: 'es' } }));
    const rows = workbook.sheet('Repayments').rows;
    const column = (rows[0] ?? []).indexOf('Estado Kiva');
    expect(column).toBeGreaterThan(0);
    expect(rows[1]?.[column]).toBe('Enviado · pruebas (stage) · 2026-11-28 14:03 · 70001');
    expect(rows[3]?.[column]).toMatch(/^No válido: B4: /);
  });
});
