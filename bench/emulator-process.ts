/** The emulator as another process (bench/emulator-child.ts): its addresses, its latency, and its end. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface EmulatorProcess {
  tokenUrl: string;
  apiBase: string;
  audience: string;
  /** Milliseconds each request waits before its answer; resolves once the child has applied it. */
  setLatency(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startEmulatorProcess(loanCount: number): Promise<EmulatorProcess> {
  // The bench's own node flags (tsx's loader) let the child run TypeScript as the bench does.
  const child = spawn(process.execPath, [...process.execArgv, join(__dirname, 'emulator-child.ts')], {
    env: { ...process.env, KIVA_EMULATOR_LOANS: String(loanCount) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      waiting.push(resolve);
      void exited.then(() => reject(new Error('the emulator process exited')));
    });
  const addresses = JSON.parse(await nextLine()) as Pick<EmulatorProcess, 'tokenUrl' | 'apiBase' | 'audience'>;
  return {
    ...addresses,
    setLatency: async (ms) => {
      const command = `latency ${ms}`;
      child.stdin.write(`${command}\n`);
      const answer = await nextLine();
      if (answer !== command) throw new Error(`the emulator process answered "${answer}" to "${command}"`);
    },
    close: () => {
      child.stdin.end();
      return exited;
    },
  };
}
