import { describeKivaError, type KivaError, type RowOutcome } from '../../src/kiva';
import { client, harness, SECRET, type FakeReply, type FakeRequest } from './fakes';
import { draftItems, journalItems, repaymentItems } from './rows';

/** A hostile server that echoes whatever it received (form body, Authorization header) into its error answers. */
function echo(status: number): (request: FakeRequest) => FakeReply {
  return (request) => ({
    status,
    body: {
      code: `echo ${request.headers.Authorization ?? ''}`,
      message: `you sent ${request.body ?? ''} with ${request.headers.Authorization ?? ''}`,
      error_description: decodeURIComponent(request.body ?? ''),
    },
  });
}

describe('secrets never leave src/kiva', () => {
  it('keeps the client secret and every token out of errors, outcomes and log records', async () => {
    const shown: unknown[] = [];
    const tokensSeen: string[] = [];
    const collect = (outcomes: RowOutcome[] | { ok: boolean; error?: KivaError }): void => {
      shown.push(outcomes);
      const errors = Array.isArray(outcomes)
        ? outcomes.map((o) => (o.kind === 'failed' ? o.message : ''))
        : outcomes.error
          ? [describeKivaError(outcomes.error)]
          : [];
      shown.push(errors);
    };

    const apiReplies: [string, (request: FakeRequest) => FakeReply][] = [
      ['400 echo', echo(400)],
      ['403 echo', echo(403)],
      ['401 echo', echo(401)],
      ['500 echo', echo(500)],
      ['503 echo', echo(503)],
      ['text echo', (request) => ({ status: 422, body: `token was ${request.headers.Authorization ?? ''}` })],
    ];
    for (const [, reply] of apiReplies) {
      const h = harness(reply);
      const { kiva, tokens } = client(h, { retry: { maxAttempts: 2, baseDelayMs: 1 } });
      collect(await h.clock.run(kiva.sendRepayments(repaymentItems(2))));
      collect(await h.clock.run(kiva.createLoanDrafts(draftItems(1))));
      collect(await h.clock.run(kiva.sendJournals(journalItems(1))));
      collect(await h.clock.run(kiva.getConfigLists()));
      collect(await h.clock.run(kiva.getAllLoans({ statuses: ['payingBack'] })));
      shown.push(h.log, tokens.describe());
      tokensSeen.push(...h.issued);
    }

    const tokenReplies: ((request: FakeRequest) => FakeReply)[] = [echo(401), echo(400), echo(403), echo(500)];
    for (const reply of tokenReplies) {
      const h = harness(() => ({ status: 200 }));
      h.network.handler = reply;
      const { kiva, tokens } = client(h, {}, { retry: { maxAttempts: 2, baseDelayMs: 1 } });
      collect(await h.clock.run(tokens.getToken()));
      collect(await h.clock.run(kiva.sendRepayments(repaymentItems(1))));
      shown.push(h.log);
    }

    expect(tokensSeen.length).toBeGreaterThan(5);
    const text = JSON.stringify(shown);
    // The scan would be empty if the scenarios produced nothing to look at.
    expect(text).toContain('you sent');
    for (const secret of [SECRET, encodeURIComponent(SECRET), ...tokensSeen]) expect(text).not.toContain(secret);
    // The signature part alone is also secret.
    for (const token of tokensSeen) expect(text).not.toContain(token.split('.')[2]);
  });
});

describe('what Kiva says about accepted content', () => {
  it('is redacted too before it reaches a row', async () => {
    const h = harness((request) => ({
      status: 200,
      body: {
        upload_id: 'u1',
        message: `accepted with ${request.headers.Authorization ?? ''}`,
        problems: [{ loan_id: '1000', details: `client_secret=${SECRET}`, severity: 'warning' }],
      },
    }));
    const { kiva } = client(h);
    const outcomes = await h.clock.run(kiva.sendRepayments(repaymentItems(1)));
    const text = JSON.stringify(outcomes);
    expect(text).toContain('accepted with Bearer [redacted]');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(h.issued[0]);
  });
});
