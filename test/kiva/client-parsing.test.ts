import fc from 'fast-check';
import { readListedLoan } from '../../src/kiva';
import { asString, snakeTop } from '../../src/kiva/wire';
import { client, harness, ok200, type FakeReply } from './fakes';
import { draftItems, journalItems, repaymentItems } from './rows';

const SNAKE_CONFIG: Record<string, unknown> = {
  activities: { as_of_date_time: '2026-01-01T00:00:00Z', activities: [{ activity_id: 61, activity: 'Agriculture' }] },
  locales: {
    as_of_date_time: '2026-01-01T00:00:00Z',
    locales: [{ currency: 'PHP', language_code: 'en', language_name: 'English', language_id: 1 }],
  },
  themes: { themes: [{ theme_type_id: 48, theme_type: 'General' }], code: 'api.success', message: 'ok' },
  locations: { locations: [{ country: 'Brazil', location: 'São Paulo', full_name: 'São Paulo: Brazil' }] },
};

const CAMEL_CONFIG: Record<string, unknown> = {
  activities: { asOfDateTime: '2026-01-02', activities: [{ activityId: '61', activity: 'Agriculture' }] },
  locales: { locales: [{ currency: 'PHP', languageCode: 'en', languageName: 'English', languageId: 1 }] },
  // An older shape: a bare array.
  themes: [{ themeTypeId: 48, themeType: 'General' }, { themeType: 'no id' }],
  locations: { data: [{ country: 'Brazil', location: 'São Paulo', fullName: 'São Paulo: Brazil' }] },
};

function configServer(lists: Record<string, unknown>) {
  return harness((request) => ok200(lists[request.path.split('/').pop() ?? '']));
}

describe('client: tolerant reading of Kiva answers', () => {
  it.each([
    ['snake_case', SNAKE_CONFIG],
    ['camelCase, bare arrays and data', CAMEL_CONFIG],
  ])('normalises the four config lists from %s', async (_name, lists) => {
    const h = configServer(lists);
    const { kiva } = client(h);
    const result = await h.clock.run(kiva.getConfigLists());
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value).toMatchObject({
      activities: [{ activity_id: 61, activity: 'Agriculture' }],
      locales: [{ currency: 'PHP', language_code: 'en', language_name: 'English', language_id: 1 }],
      themes: [{ theme_type_id: 48, theme_type: 'General' }],
      locations: [{ country: 'Brazil', location: 'São Paulo', full_name: 'São Paulo: Brazil' }],
    });
    expect(
      h.network
        .api()
        .map((r) => r.path)
        .sort(),
    ).toEqual([
      '/v3/partner/145/config/activities',
      '/v3/partner/145/config/locales',
      '/v3/partner/145/config/locations',
      '/v3/partner/145/config/themes',
    ]);
  });

  it('counts config entries it had to skip and keeps as_of_date_time', async () => {
    const h = configServer(CAMEL_CONFIG);
    const { kiva } = client(h);
    const themes = await h.clock.run(kiva.getConfigList('themes'));
    expect(themes.ok && themes.value.skipped).toBe(1);
    const activities = await h.clock.run(kiva.getConfigList('activities'));
    expect(activities.ok && activities.value.asOf).toBe('2026-01-02');
  });

  it('says so when a config answer holds no list', async () => {
    const h = harness(() => ok200({ code: 'api.success' }));
    const { kiva } = client(h);
    const result = await h.clock.run(kiva.getConfigList('activities'));
    expect(!result.ok && result.error.code).toBe('kiva.bad-response');
  });

  it.each([
    ['totalRecords', (total: number, data: unknown[]) => ({ totalRecords: total, data })],
    ['total_records', (total: number, data: unknown[]) => ({ total_records: total, data })],
  ])('reads every page of loans with %s, status always sent, 300 a page', async (_name, shape) => {
    const all = Array.from({ length: 650 }, (_, i) => ({
      kivaId: 5000 + i,
      internalLoanId: 900 + i,
      status: 'payingBack',
      loanPrice: '125.5',
    }));
    const h = harness((request) => {
      const query = new URL(request.url).searchParams;
      const offset = Number(query.get('offset'));
      return ok200(shape(all.length, all.slice(offset, offset + Number(query.get('limit')))));
    });
    const { kiva } = client(h);
    const result = await h.clock.run(kiva.getAllLoans({ statuses: ['payingBack'] }));
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value).toHaveLength(650);
    expect(result.value[1]).toMatchObject({
      kiva_id: 5001,
      internal_loan_id: '901',
      status: 'payingBack',
      loan_price: 125.5,
    });
    expect(result.value[1]?.raw).toEqual(all[1]);
    const queries = h.network.api().map((r) => Object.fromEntries(new URL(r.url).searchParams));
    expect(queries.map((q) => q.offset).sort()).toEqual(['0', '300', '600']);
    expect(queries.every((q) => q.status === 'payingBack' && q.limit === '300')).toBe(true);
  });

  it('pages until a short page when Kiva gives no total, for each status', async () => {
    const h = harness((request) => {
      const query = new URL(request.url).searchParams;
      const offset = Number(query.get('offset'));
      const count = Math.max(0, (query.get('status') === 'defaulted' ? 2 : 5) - offset);
      return ok200({ data: Array.from({ length: Math.min(2, count) }, (_, i) => ({ kiva_id: `${offset + i}` })) });
    });
    const { kiva } = client(h);
    const result = await h.clock.run(kiva.getAllLoans({ statuses: ['payingBack', 'defaulted'], pageSize: 2 }));
    expect(result.ok && result.value.length).toBe(5 + 2);
    // The full page of 2 defaulted loans needs a last, empty page to show it was the end.
    expect(h.network.api()).toHaveLength(3 + 2);
  });

  it('stops with an error when Kiva ignores the offset and repeats a full page', async () => {
    const h = harness(() => ok200({ data: [{ kiva_id: 1 }, { kiva_id: 2 }] }));
    const { kiva } = client(h);
    const result = await h.clock.run(kiva.getAllLoans({ statuses: ['payingBack'], pageSize: 2 }));
    expect(!result.ok && result.error.code).toBe('kiva.bad-response');
  });

  it('lists the same pages lean: ids and status of each loan, in any casing, nothing else kept', async () => {
    const all = Array.from({ length: 650 }, (_, i) => ({
      kivaId: 5000 + i,
      ...(i % 2 === 0 ? { internalLoanId: 900 + i, InternalClientId: `C${i}` } : { internal_loan_id: `L${i}` }),
      status: i < 400 ? 'payingBack' : 'defaulted',
      loanPrice: '125.5',
      raw: 'not a field the check reads',
    }));
    const h = harness((request) => {
      const query = new URL(request.url).searchParams;
      const offset = Number(query.get('offset'));
      return ok200({ totalRecords: all.length, data: all.slice(offset, offset + Number(query.get('limit'))) });
    });
    const { kiva } = client(h);
    const result = await h.clock.run(kiva.listLoans({ statuses: ['payingBack'] }));
    if (!result.ok) throw new Error(result.error.code);
    expect(result.value).toHaveLength(650);
    expect(result.value[0]).toEqual({ internal_loan_id: '900', internal_client_id: 'C0', status: 'payingBack' });
    expect(result.value[1]).toEqual({ internal_loan_id: 'L1', internal_client_id: undefined, status: 'payingBack' });
    expect(result.value[401]).toEqual({ internal_loan_id: 'L401', internal_client_id: undefined, status: 'defaulted' });
    expect(h.network.api()).toHaveLength(3);
  });

  it('reads a listed loan as getAllLoans reads it, the last spelling of a key winning', () => {
    const raw = { internalLoanId: 'A', internal_loan_id: 'B', status: 7, internal_client_id: { not: 'text' } };
    expect(readListedLoan(raw)).toEqual({ internal_loan_id: 'B', internal_client_id: undefined, status: '7' });
    const keys = ['internal_loan_id', 'internalLoanId', 'InternalLoanId', 'internal_client_id', 'InternalClientId'];
    const others = ['Status', 'status', 'statusDetail', 'kivaId', 'name', 'İnternalLoanId', ''];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...keys, ...others), fc.oneof(fc.string(), fc.integer(), fc.constant(null)))),
        (entries) => {
          const loan = Object.fromEntries(entries);
          const whole = snakeTop(loan) as Record<string, unknown>;
          expect(readListedLoan(loan)).toEqual({
            internal_loan_id: asString(whole.internal_loan_id),
            internal_client_id: asString(whole.internal_client_id),
            status: asString(whole.status),
          });
        },
      ),
    );
  });

  it('stops listing with an error when Kiva ignores the offset and repeats a full page', async () => {
    const h = harness(() => ok200({ data: [{ internal_loan_id: '1' }, { internal_loan_id: '2' }] }));
    const { kiva } = client(h);
    const result = await h.clock.run(kiva.listLoans({ statuses: ['payingBack'], pageSize: 2 }));
    expect(!result.ok && result.error.code).toBe('kiva.bad-response');
  });

  it('sends one page as asked', async () => {
    const h = harness(() => ok200({ totalRecords: 1, data: [{ kiva_id: 1 }] }));
    const { kiva } = client(h);
    const page = await h.clock.run(kiva.getLoans({ status: 'defaulted', query: 'Maria', offset: 20, limit: 500 }));
    expect(page.ok && page.value).toMatchObject({ total: 1, offset: 20, limit: 300 });
    expect(h.network.api()[0]?.path).toBe('/v3/partner/145/loans?query=Maria&status=defaulted&offset=20&limit=300');
  });

  it.each<[string, FakeReply, object]>([
    [
      'JSON camelCase',
      ok200({ code: 'api.success', message: 'Created', loanDraftUuid: 'uuid-1' }),
      { loanDraftUuid: 'uuid-1', message: 'Created' },
    ],
    ['JSON snake_case', ok200({ loan_draft_uuid: 'uuid-2' }), { loanDraftUuid: 'uuid-2' }],
  ])('accepts a loan draft answered with %s', async (_name, reply, reference) => {
    const h = harness(() => reply);
    const { kiva } = client(h);
    const outcomes = await h.clock.run(kiva.createLoanDrafts(draftItems(1)));
    expect(outcomes).toEqual([
      { kind: 'sent', row: { sheet: 'Loans', row: 2 }, reference },
      { kind: 'sent', row: { sheet: 'Loans', row: 3 }, reference },
    ]);
    expect(h.network.api()[0]?.json).toEqual(draftItems(1)[0]?.body);
    expect(h.network.api()[0]?.headers['Content-Type']).toMatch(/^application\/json/);
  });

  const portal = '<html><head><title>Welcome to nginx!</title></head><body>Welcome</body></html>';
  it.each<[string, 'loan drafts' | 'repayments' | 'journals', FakeReply, RegExp]>([
    ['an HTML page', 'loan drafts', { status: 200, body: portal }, /not JSON: <html><head><title>Welcome to nginx!/],
    ['the text Success', 'loan drafts', { status: 200, body: 'Success' }, /not JSON: Success/],
    ['an empty body', 'loan drafts', { status: 200 }, /not JSON: \(empty\)/],
    ['JSON without the uuid', 'loan drafts', ok200({ code: 'api.success', message: 'ok' }), /no Kiva reference/],
    ['JSON without upload_id', 'repayments', ok200([{ code: 'api.success', problems: [] }]), /no Kiva reference/],
    ['JSON without confirm_url', 'journals', ok200({ code: 'api.success' }), /no Kiva reference/],
    [
      'a failure code',
      'repayments',
      ok200([{ code: 'api.error', message: 'nope', upload_id: 'u-1' }]),
      /code api.error is not a success code/,
    ],
  ])('never counts %s (%s) as Kiva accepting it: uncertain, raw answer logged', async (_name, kind, reply, logged) => {
    const h = harness(() => reply);
    const { kiva } = client(h);
    const send =
      kind === 'loan drafts'
        ? kiva.createLoanDrafts(draftItems(1))
        : kind === 'repayments'
          ? kiva.sendRepayments(repaymentItems(2))
          : kiva.sendJournals(journalItems(2));
    const outcomes = await h.clock.run(send);
    expect(outcomes.map((o) => o.kind)).toEqual(['uncertain', 'uncertain']);
    expect(outcomes[0]).toMatchObject({ reason: 'not-kiva' });
    // A POST whose fate is unknown is never sent again (journals go one per request by default).
    expect(h.network.api()).toHaveLength(kind === 'journals' ? 2 : 1);
    const record = h.log.find((r) => r.operation !== 'token');
    expect(record).toMatchObject({ result: 'uncertain', status: 200 });
    expect(record?.message).toMatch(logged);
  });

  const repaymentAnswer = {
    code: 'api.success',
    message: 'Uploaded',
    uploadId: 'up-1',
    problems: [
      { loanId: '1001', details: 'loan not found', code: 'loan.missing', severity: 'error' },
      { loan_id: 1002, details: 'amount higher than expected', severity: 'WARNING' },
    ],
  };

  it.each([
    ['a list', [repaymentAnswer]],
    ['a single object', repaymentAnswer],
  ])('maps repayment problems per loan when Kiva answers %s', async (_name, body) => {
    const h = harness(() => ok200(body));
    const { kiva } = client(h);
    const outcomes = await h.clock.run(kiva.sendRepayments(repaymentItems(3)));
    expect(outcomes).toEqual([
      {
        kind: 'sent',
        row: { sheet: 'Repayments', row: 2, key: '1000' },
        reference: { uploadId: 'up-1', message: 'Uploaded' },
      },
      {
        kind: 'rejected',
        row: { sheet: 'Repayments', row: 3, key: '1001' },
        code: 'loan.missing',
        message: 'loan not found',
        severity: 'error',
      },
      {
        kind: 'sent',
        row: { sheet: 'Repayments', row: 4, key: '1002' },
        reference: {
          uploadId: 'up-1',
          message: 'Uploaded',
          warnings: ['amount higher than expected'],
          warningCodes: [''],
        },
      },
    ]);
    expect(h.network.api()[0]?.json).toEqual({ repayments: repaymentItems(3).map((item) => item.repayment) });
  });

  it('shows a warning about a loan the request did not carry on every row', async () => {
    const h = harness(() =>
      ok200({ upload_id: 'u', problems: [{ loan_id: '777', details: 'odd', severity: 'warning' }] }),
    );
    const { kiva } = client(h);
    const outcomes = await h.clock.run(kiva.sendRepayments(repaymentItems(2)));
    expect(outcomes.map((o) => o.kind === 'sent' && o.reference?.warnings)).toEqual([
      ['loan 777: odd'],
      ['loan 777: odd'],
    ]);
  });

  it('makes every row of the call Uncertain when an error names a loan it did not carry (never Sent)', async () => {
    const h = harness(() =>
      ok200({ upload_id: 'u', problems: [{ loan_id: '777', details: 'amount refused', severity: 'error' }] }),
    );
    const { kiva } = client(h);
    const outcomes = await h.clock.run(kiva.sendRepayments(repaymentItems(2)));
    expect(outcomes).toEqual(
      repaymentItems(2).map((item) => ({
        kind: 'uncertain',
        row: item.row,
        reason: 'unplaced-problem',
        detail: 'loan 777: amount refused',
      })),
    );
  });

  it('places a problem whose loan id Kiva echoes without leading zeros or in another case', async () => {
    const h = harness(() =>
      ok200({
        upload_id: 'u',
        problems: [
          { loan_id: 42, details: 'amount refused', severity: 'error' },
          { loan_id: 'ab-7', details: 'late', severity: 'warning' },
        ],
      }),
    );
    const { kiva } = client(h);
    const items = ['000042', 'AB-7', '0'].map((id, index) => ({
      repayment: { loan_id: id, amount: 10 },
      row: { sheet: 'Repayments', row: index + 2, key: id },
    }));
    const outcomes = await h.clock.run(kiva.sendRepayments(items));
    expect(outcomes.map((o) => o.kind)).toEqual(['rejected', 'sent', 'sent']);
    expect(outcomes[0]).toMatchObject({ message: 'amount refused' });
    expect(outcomes[1]?.kind === 'sent' && outcomes[1].reference?.warnings).toEqual(['late']);
    expect(outcomes[2]?.kind === 'sent' && outcomes[2].reference?.warnings).toBeUndefined();
  });

  it('posts journals the documented way: /partner/, wrapped, any 2xx', async () => {
    const h = harness(() => ok200({ confirm_url: 'https://pa2.test/confirm/1' }));
    const { kiva } = client(h, { journals: { variant: 'documented' } });
    const outcomes = await h.clock.run(kiva.sendJournals(journalItems(2)));
    expect(h.network.api().map((r) => r.path)).toEqual(['/v3/partner/145/journals', '/v3/partner/145/journals']);
    expect(h.network.api()[0]?.json).toEqual({ journals: [journalItems(1)[0]?.journal] });
    expect(outcomes.map((o) => o.kind === 'sent' && o.reference)).toEqual([
      { confirmUrl: 'https://pa2.test/confirm/1' },
      { confirmUrl: 'https://pa2.test/confirm/1' },
    ]);
  });

  it("posts journals the sample's way: /partners/, bare array, 201 expected", async () => {
    let n = 0;
    const h = harness(() => ({ status: n++ === 0 ? 201 : 200, body: [{ confirmUrl: `https://pa2.test/c/${n}` }] }));
    const { kiva } = client(h, { journals: { variant: 'sample' } });
    const outcomes = await h.clock.run(kiva.sendJournals(journalItems(2)));
    expect(h.network.api()[0]?.path).toBe('/v3/partners/145/journals');
    expect(h.network.api()[0]?.json).toEqual([journalItems(1)[0]?.journal]);
    expect(outcomes.map((o) => o.kind === 'sent' && o.reference)).toEqual([
      { confirmUrl: 'https://pa2.test/c/1' },
      { confirmUrl: 'https://pa2.test/c/2', warnings: ['Kiva answered HTTP 200 where 201 was expected'] },
    ]);
  });

  it('matches confirm URLs to journals in order when several go in one request', async () => {
    const h = harness((request) =>
      ok200({ journals: (request.json as unknown[]).map((_, i) => ({ confirm_url: `https://pa2.test/c/${i}` })) }),
    );
    const { kiva } = client(h, { journals: { variant: 'sample', batchSize: 3 } });
    const outcomes = await h.clock.run(kiva.sendJournals(journalItems(4)));
    expect(h.network.api()).toHaveLength(2);
    expect(outcomes.map((o) => o.kind === 'sent' && o.reference?.confirmUrl)).toEqual([
      'https://pa2.test/c/0',
      'https://pa2.test/c/1',
      'https://pa2.test/c/2',
      'https://pa2.test/c/0',
    ]);
  });

  it("keeps Kiva's message of a 400 on every row of the request, in any error shape", async () => {
    for (const [body, message] of [
      [{ code: 'validation', message: 'theme_type_id must not be 0' }, 'theme_type_id must not be 0'],
      [{ timestamp: 1, status: 400, error: 'Bad Request', path: '/x' }, 'Bad Request'],
      ['plain words', 'plain words'],
      [{ errors: [{ field: 'amount', defaultMessage: 'must be positive' }] }, 'amount: must be positive'],
    ] as const) {
      const h = harness(() => ({ status: 400, body }));
      const { kiva } = client(h);
      const outcomes = await h.clock.run(kiva.sendRepayments(repaymentItems(2)));
      expect(outcomes.map((o) => o.kind === 'rejected' && o.message)).toEqual([message, message]);
      expect(outcomes[0]).toMatchObject({ status: 400 });
    }
  });
});
