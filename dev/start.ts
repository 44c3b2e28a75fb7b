/**
 * `npm start`: the product on this machine, with nothing from Kiva needed. The local Kiva emulator stands in for
 * Kiva's stage API and the Kiva Sheets server runs in local mode against it with the demo credentials. The browser
 * workbench (a later issue) mounts itself on the same server through `hooks` below.
 */
import { DEMO_CREDENTIALS, startEmulator } from './kiva-emulator';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { dataDirectory, loadServerConfig, startServer, type ServerHooks } from '../src/server';

/** Where later dev tools hang off the server: extra static folders (`mounts`) and routes. */
const hooks: ServerHooks = { mounts: [] };

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: Number(process.env.KIVA_EMULATOR_PORT ?? 4010) });
  // Only what a local demo may take from the environment: never real credentials or an Entra tenant.
  const loaded = loadServerConfig({
    env: {
      HOME: process.env.HOME,
      APPDATA: process.env.APPDATA,
      XDG_DATA_HOME: process.env.XDG_DATA_HOME,
      PORT: process.env.PORT,
      // Apart from the real audit log: loans sent to the emulator must never hold back real stage sends.
      KIVA_SHEETS_DB:
        process.env.KIVA_SHEETS_DB ??
        join(dataDirectory({ platform: process.platform, env: process.env, homedir: homedir() }), 'demo.sqlite'),
      KIVA_SHEETS_TLS_CERT: process.env.KIVA_SHEETS_TLS_CERT,
      KIVA_SHEETS_TLS_KEY: process.env.KIVA_SHEETS_TLS_KEY,
      KIVA_SHEETS_ENVIRONMENTS: 'stage',
      KIVA_STAGE_CLIENT_ID: DEMO_CREDENTIALS.clientId,
      KIVA_STAGE_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
      KIVA_STAGE_TOKEN_URL: emulator.tokenUrl,
      KIVA_STAGE_AUDIENCE: emulator.audience,
      KIVA_STAGE_API_URL: emulator.apiBase,
    },
    configFile: undefined,
  });
  if (!loaded.ok) {
    await emulator.close();
    throw new Error(loaded.problems.map((problem) => `${problem.setting}: ${problem.message}`).join('\n'));
  }
  const server = await startServer(loaded.config, { hooks });
  console.log(`
Kiva Sheets — local development (nothing leaves this machine)

  Kiva Sheets server   ${server.url}   (local mode: this computer only)
    task pane          ${server.url}/taskpane.html
    add-in manifest    ${server.url}/manifest.xml
    health             ${server.url}/api/health
  Kiva emulator        ${emulator.apiBase}   (stands in for Kiva stage; partner ${DEMO_CREDENTIALS.partnerId})
    token URL          ${emulator.tokenUrl}
    demo client id     ${DEMO_CREDENTIALS.clientId}
  Audit log            ${loaded.config.databasePath}

Press Ctrl+C to stop.`);
  const stop = (): void => {
    void Promise.allSettled([server.close(), emulator.close()]).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
