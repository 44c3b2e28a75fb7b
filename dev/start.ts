/**
 * `npm start`: the product on this machine, with nothing from Kiva needed (dev/stack.ts), plus the workbench: the
 * real task pane beside a simulated workbook, for whoever has no Excel at hand. The workbench is rebuilt whenever
 * the code changes; reload the page to see it.
 *
 * KIVA_SHEETS_DEMO_PRODUCTION=1 adds a `production` environment backed by a second emulator, to try the production
 * confirmations without any real Kiva.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CREDENTIALS } from './kiva-emulator';
import { explainStartError } from './start-errors';
import { canOpenBrowser, openBrowser } from './open-browser';
import { startLocalStack } from './stack';
import { watchWorkbench, workbenchHooks } from './workbench/serve';
import { dataDirectory } from '../src/server';

const PORTS = { server: Number(process.env.PORT ?? 3000), emulator: Number(process.env.KIVA_EMULATOR_PORT ?? 4010) };

async function main(): Promise<void> {
  const stack = await startLocalStack({
    port: PORTS.server,
    emulatorPort: PORTS.emulator,
    // Apart from the real audit log: loans sent to the emulator must never hold back real stage sends.
    databasePath:
      process.env.KIVA_SHEETS_DB ??
      join(dataDirectory({ platform: process.platform, env: process.env, homedir: homedir() }), 'demo.sqlite'),
    production: process.env.KIVA_SHEETS_DEMO_PRODUCTION === '1',
    hooks: workbenchHooks(),
    // Only what a local demo may take from the environment: never real credentials or an Entra tenant.
    settings: {
      HOME: process.env.HOME,
      APPDATA: process.env.APPDATA,
      XDG_DATA_HOME: process.env.XDG_DATA_HOME,
      KIVA_SHEETS_TLS_CERT: process.env.KIVA_SHEETS_TLS_CERT,
      KIVA_SHEETS_TLS_KEY: process.env.KIVA_SHEETS_TLS_KEY,
    },
  });
  const { server, stage, production } = stack;
  console.log(`
Kiva Sheets — local development (nothing leaves this machine)

  No Excel here? Open the workbench: the task pane beside a simulated workbook
    workbench          ${server.url}/workbench.html

  Kiva Sheets server   ${server.url}   (local mode: this computer only)
    task pane          ${server.url}/taskpane.html
    add-in manifest    ${server.url}/manifest.xml   (Excel: npm run start:excel)
    health             ${server.url}/api/health
  Kiva emulator        ${stage.apiBase}   (stands in for Kiva stage; partner ${DEMO_CREDENTIALS.partnerId})
    token URL          ${stage.tokenUrl}
    demo client id     ${DEMO_CREDENTIALS.clientId}${
      production ? `\n  Kiva emulator        ${production.apiBase}   (stands in for Kiva production)` : ''
    }
  Audit log            ${stack.config.databasePath}

Building the workbench…`);
  let first = true;
  const watching = watchWorkbench((result) => {
    if ('error' in result) console.error(`\nThe workbench did not build:\n${result.error}`);
    else
      console.log(
        `Workbench ${first ? 'built' : 'rebuilt'} in ${result.seconds.toFixed(1)} s: ${server.url}/workbench.html`,
      );
    if (first && !('error' in result) && canOpenBrowser()) openBrowser(`${server.url}/workbench.html`);
    if (first) console.log('\nPress Ctrl+C to stop.');
    first = false;
  });
  const stop = (): void => {
    void Promise.allSettled([new Promise<void>((resolve) => watching.close(() => resolve())), stack.close()]).then(() =>
      process.exit(0),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(explainStartError(error, PORTS));
  process.exit(1);
});
