/** `kiva-sheets-server --health-check` (the container's HEALTHCHECK) against a real server on loopback. */
import { checkHealth } from '../../src/server/health-check';
import { startHarness } from './harness';

describe('the health check', () => {
  it('is healthy while the server answers, and says why not once it has stopped', async () => {
    const h = await startHarness();
    const port = Number(new URL(h.server.listenUrl).port);
    try {
      const up = await checkHealth({ ...h.config, port });
      expect(up).toMatchObject({ healthy: true, message: expect.stringContaining('"status":"ok"') });
      // A wildcard listening address is asked on the loopback interface.
      expect(await checkHealth({ ...h.config, host: '0.0.0.0', port })).toMatchObject({ healthy: true });
    } finally {
      await h.close();
    }
    expect(await checkHealth({ ...h.config, port })).toEqual({
      healthy: false,
      message: `127.0.0.1:${port}: ECONNREFUSED`,
    });
  });

  it('refuses to guess a port when the configuration picks a free one', async () => {
    const h = await startHarness();
    try {
      expect(await checkHealth(h.config)).toMatchObject({ healthy: false, message: expect.stringMatching(/PORT=0/) });
    } finally {
      await h.close();
    }
  });
});
