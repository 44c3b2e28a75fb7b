/** `kiva-sheets-server --env stage` (`npm run serve -- --env stage` in a checkout): the Kiva Sheets server against real Kiva, configured from the environment. */
import { parseServeArguments, SERVE_USAGE } from './cli-args';
import { loadServerConfig } from './config/load';
import { checkHealth } from './health-check';
import { startServer } from './server';

async function main(): Promise<number> {
  const args = parseServeArguments(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${SERVE_USAGE}\n`);
    return 0;
  }
  if (args.problems.length > 0) {
    process.stderr.write(`${args.problems.join('\n')}\n\n${SERVE_USAGE}\n`);
    return 2;
  }
  const loaded = loadServerConfig({
    overrides: args.overrides,
    ...(args.configFile !== undefined ? { configFile: args.configFile } : {}),
  });
  if (!loaded.ok) {
    // Problems name settings and files, never their values: a misplaced secret must not be echoed.
    process.stderr.write(
      `Kiva Sheets server: cannot start.\n${loaded.problems.map((p) => `  ${p.setting}: ${p.message}`).join('\n')}\n`,
    );
    return 1;
  }
  if (args.healthCheck) {
    const answer = await checkHealth(loaded.config);
    (answer.healthy ? process.stdout : process.stderr).write(
      `${answer.healthy ? 'healthy' : 'unhealthy'}: ${answer.message}\n`,
    );
    return answer.healthy ? 0 : 1;
  }
  const server = await startServer(loaded.config);
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(
      `Kiva Sheets server failed to start: ${error instanceof Error ? error.message : 'unknown error'}\n`,
    );
    process.exit(1);
  },
);
