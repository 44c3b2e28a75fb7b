/**
 * `npm start`: runs what exists of the product on this machine. Today that is the local Kiva emulator, so a newcomer
 * can point the command line or curl at a Kiva that needs no credentials from Kiva. Later issues add the
 * Kiva Sheets server and the browser workbench here.
 */
import { DEMO_CREDENTIALS, startEmulator } from './kiva-emulator';

async function main(): Promise<void> {
  const port = Number(process.env.KIVA_EMULATOR_PORT ?? 4010);
  const emulator = await startEmulator({ port });
  console.log(`Kiva Sheets — local development

Local Kiva emulator (a stand-in for Kiva's stage API; nothing leaves this machine):
  API base     ${emulator.apiBase}
  token URL    ${emulator.tokenUrl}
  audience     ${emulator.audience}
  client id    ${DEMO_CREDENTIALS.clientId}
  secret       ${DEMO_CREDENTIALS.clientSecret}   (demo only)
  partner id   ${DEMO_CREDENTIALS.partnerId}

Press Ctrl+C to stop.`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
