import type { RowOutcome } from '../../src/kiva';
import { individualDraft, kinds } from './fixtures';
import { startHarness } from './harness';

function withPhoto(loanId: string, bytes: number) {
  const draft = individualDraft(loanId, 2);
  draft.body.image_encoded = `data:image/jpeg;base64,${Buffer.alloc(bytes, 7).toString('base64')}`;
  return draft;
}

describe('limits', () => {
  it('caps the request body (413, nothing sent) yet takes a few MB of photo by default', async () => {
    const small = await startHarness({ settings: { KIVA_SHEETS_BODY_LIMIT_MB: '0.05' } });
    try {
      const answer = await small.api('/api/submit/loan-drafts', {
        body: { env: 'stage', items: [withPhoto('L-big', 100_000)] },
      });
      expect(answer.status).toBe(413);
      expect(answer.json()).toMatchObject({ error: { code: 'request.too-large' } });
      expect(small.emulator.applied).toEqual([]);
    } finally {
      await small.close();
    }
    const normal = await startHarness();
    try {
      const answer = await normal.api('/api/submit/loan-drafts', {
        body: { env: 'stage', items: [withPhoto('L-photo', 3 * 1024 * 1024)] },
      });
      expect(answer.status).toBe(200);
      expect(kinds(answer.json<{ outcomes: RowOutcome[] }>().outcomes)).toEqual(['sent']);
    } finally {
      await normal.close();
    }
  });

  it('limits requests per user per minute, health aside', async () => {
    const h = await startHarness({ settings: { KIVA_SHEETS_RATE_LIMIT: '5' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await h.api('/api/session')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const limited = await h.api('/api/config-lists?env=stage');
      expect(limited.json()).toMatchObject({ error: { code: 'request.rate-limited' } });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await h.api('/api/health')).status).toBe(200);
      // Refused callers are not let through by the limit, nor do they eat the user's allowance.
      expect((await h.api('/api/session', { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    } finally {
      await h.close();
    }
  });

  it('bounds the requests in flight toward Kiva, across every caller', async () => {
    const h = await startHarness({ settings: { KIVA_SHEETS_KIVA_CONCURRENCY: '3' }, emulator: { loanCount: 1500 } });
    try {
      await h.api('/api/session');
      h.emulator.setLatency(40);
      h.kivaInFlight.max = 0;
      const submits = Array.from({ length: 4 }, (_, client) =>
        h.api('/api/submit/loan-drafts', {
          body: {
            env: 'stage',
            items: Array.from({ length: 6 }, (_, i) => individualDraft(`B-${client}-${i}`, i + 2)),
          },
        }),
      );
      const reads = [h.api('/api/loans?env=stage&status=payingBack,defaulted'), h.api('/api/config-lists?env=stage')];
      const answers = await Promise.all([...submits, ...reads]);
      expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200));
      expect(h.emulator.applied).toHaveLength(24);
      expect(h.kivaInFlight.max).toBe(3);
    } finally {
      await h.close();
    }
  });
});
