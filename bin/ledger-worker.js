'use strict';
// Not a command: the thread the command line's delivery ledger runs in (src/cli/ledger-thread.ts starts it). A
// worker is a fresh thread, outside the main thread's tsx hook and outside jest's transform, so it loads its code
// the way the commands do: the TypeScript sources through tsx in a checkout, lib/ledger-worker.js once installed.
require('./launch').load('ledger-worker', 'src/cli/ledger-worker.ts');
