import { DEMO_CREDENTIALS, READONLY_CREDENTIALS, startEmulator } from './index';

async function main(): Promise<void> {
  const port = Number(process.env.KIVA_EMULATOR_PORT ?? 4010);
  const emulator = await startEmulator({ port });
  console.log(
    [
      'Kiva emulator: a local stand-in for Kiva stage, not Kiva. Nothing sent here reaches Kiva.',
      `  API base   ${emulator.apiBase}`,
      `  token URL  ${emulator.tokenUrl}`,
      `  audience   ${emulator.audience}`,
      `  partner    ${DEMO_CREDENTIALS.partnerId}`,
      `  client     ${DEMO_CREDENTIALS.clientId} / ${DEMO_CREDENTIALS.clientSecret} (all scopes)`,
      `  read-only  ${READONLY_CREDENTIALS.clientId} / ${READONLY_CREDENTIALS.clientSecret} (read:loans)`,
    ].join('\n'),
  );
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error('kiva emulator failed to start:', e);
  process.exit(1);
});
