#!/usr/bin/env node
'use strict';
let cli;
try {
  cli = require('./launch').load('cli', 'src/cli/main.ts');
} catch (error) {
  // A broken installation (a dependency missing): said plainly, and as the JSON last line with --json, since a
  // scheduler reads only that. Same shape as src/cli/json-summary.ts; `--` ends the options.
  const message = `cannot start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  process.stderr.write(`kiva-sheets: ${message}\n`);
  const args = process.argv.slice(2);
  const end = args.indexOf('--');
  if ((end === -1 ? args : args.slice(0, end)).includes('--json')) {
    process.stdout.write(`${JSON.stringify({ error: { kind: 'internal', message }, exit: 1 })}\n`);
  }
  process.exit(1);
}
cli.run();
