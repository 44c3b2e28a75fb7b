/**
 * The emulator in a process of its own, for benches that must not share their event loop (or their JIT and GC)
 * with Kiva's side: a real Kiva is another machine. Started by bench/emulator-process.ts.
 *
 * Env: KIVA_EMULATOR_LOANS (seeded loans). Prints one JSON line with its addresses, then reads commands on stdin,
 * one a line, and answers each with the same line once applied:
 *   latency <ms>   milliseconds each request waits before its answer
 * Exits when its stdin closes, so a parent that crashes (or forgets to close it) never leaves it running.
 */
import { createInterface } from 'node:readline';
import { startEmulator } from '../dev/kiva-emulator';

async function main(): Promise<void> {
  const loanCount = Number(process.env.KIVA_EMULATOR_LOANS ?? 1000);
  const emulator = await startEmulator({ loanCount });
  const { tokenUrl, apiBase, audience } = emulator;
  process.stdout.write(`${JSON.stringify({ tokenUrl, apiBase, audience })}\n`);
  const commands = createInterface({ input: process.stdin });
  commands.on('line', (line) => {
    const latency = /^latency (\d+)$/.exec(line.trim());
    if (latency === null) {
      process.stdout.write(`unknown ${line}\n`);
      return;
    }
    emulator.setLatency(Number(latency[1]));
    process.stdout.write(`${line.trim()}\n`);
  });
  commands.on('close', () => {
    // Keep-alive sockets may hold close() open: the parent is gone, so do not wait for them long.
    setTimeout(() => process.exit(0), 500).unref();
    void emulator.close().finally(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  console.error('emulator child failed to start:', e);
  process.exit(1);
});
