import { startEmulator, type Emulator } from '../../../dev/kiva-emulator';
import { getToken, PARTNER } from './helpers';

describe('kiva emulator: CORS', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  const preflight = (origin: string) =>
    fetch(`${emulator.apiBase}${PARTNER}/repayments`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    });

  it('answers a preflight from an allowed origin', async () => {
    const reply = await preflight('https://localhost:3000');
    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-origin')).toBe('https://localhost:3000');
    expect(reply.headers.get('access-control-allow-methods')).toContain('POST');
    expect(reply.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type, Accept');
  });

  it('gives other origins no CORS headers', async () => {
    const reply = await preflight('https://evil.example');
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('adds Access-Control-Allow-Origin to real answers, errors included', async () => {
    const token = await getToken(emulator);
    const ok = await fetch(`${emulator.apiBase}${PARTNER}/config/themes`, {
      headers: { Origin: 'http://127.0.0.1:3000', Authorization: `Bearer ${token}` },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
    emulator.inject({ kind: 'status', status: 429 });
    const limited = await fetch(`${emulator.apiBase}${PARTNER}/config/themes`, {
      headers: { Origin: 'http://127.0.0.1:3000', Authorization: `Bearer ${token}` },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
  });

  it('allows any origin with "*"', async () => {
    const open = await startEmulator({ allowedOrigins: ['*'] });
    try {
      const reply = await fetch(`${open.apiBase}${PARTNER}/loans`, { method: 'OPTIONS', headers: { Origin: 'null' } });
      expect(reply.headers.get('access-control-allow-origin')).toBe('null');
    } finally {
      await open.close();
    }
  });
});
