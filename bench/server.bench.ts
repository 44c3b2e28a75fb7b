/**
 * The Kiva Sheets server under the load of test/server/load.test.ts: 50 concurrent clients × 20 submits on loopback,
 * the emulator behind. The baseline sends the same Kiva requests straight to the emulator from 50 clients, with no
 * server in between, in the same run: the ratio is what the server (checks, guard, audit, bounded Kiva
 * concurrency) costs per submit. Both share this one Node process with the emulator, as they would share a core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CREDENTIALS, startEmulator, type Emulator } from '../dev/kiva-emulator';
import type { RowOutcome } from '../src/kiva';
import { loadServerConfig, startServer } from '../src/server';
import { buildLoad, driveLoad, type LoadRequest } from '../test/server/load-clients';

const CLIENTS = 50;
const SUBMITS_PER_CLIENT = 20;

export async function run(): Promise<void> {
  const emulator = await startEmulator({ loanCount: 3000 });
  const dir = mkdtempSync(join(tmpdir(), 'kiva-sheets-bench-'));
  try {
    const token = await emulatorToken(emulator);
    const loanIds = await repayableLoanIds(emulator, token);
    const loads = ['warm-', 'base-', 'server-'].map((prefix, round) =>
      buildLoad(CLIENTS, SUBMITS_PER_CLIENT, loanIds.slice(round * 200, (round + 1) * 200), prefix),
    );
    const [warm = [], baseLoad = [], serverLoad = []] = loads;

    const loaded = loadServerConfig({
      env: {
        PORT: '0',
        KIVA_SHEETS_DB: join(dir, 'audit.sqlite'),
        KIVA_SHEETS_RATE_LIMIT: '1000000',
        KIVA_SHEETS_ENVIRONMENTS: 'stage',
        KIVA_STAGE_CLIENT_ID: DEMO_CREDENTIALS.clientId,
        KIVA_STAGE_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
        KIVA_STAGE_TOKEN_URL: emulator.tokenUrl,
        KIVA_STAGE_AUDIENCE: emulator.audience,
        KIVA_STAGE_API_URL: emulator.apiBase,
      },
      homedir: dir,
    });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const server = await startServer(loaded.config, { log: () => undefined });
    try {
      const throughServer = (load: LoadRequest[][]) =>
        driveLoad(load, async (item) => {
          const answer = await post(`${server.listenUrl}${item.path}`, item.body, {});
          return {
            status: answer.status,
            outcomes: (JSON.parse(answer.text) as { outcomes?: RowOutcome[] }).outcomes ?? [],
          };
        });
      const straight = (load: LoadRequest[][]) => driveLoad(load, (item) => sendStraight(emulator, token, item));

      await throughServer(warm);
      await straight(warm);
      const base = await straight(baseLoad);
      const served = await throughServer(serverLoad);

      const requests = CLIENTS * SUBMITS_PER_CLIENT;
      const failures = served.answers.filter((answer) => answer.status !== 200).length;
      const baseRate = (requests / base.ms) * 1000;
      const serverRate = (requests / served.ms) * 1000;
      console.log(
        `${CLIENTS} clients × ${SUBMITS_PER_CLIENT} submits (${requests} requests, drafts and repayments, Kiva concurrency ` +
          `${loaded.config.limits.kivaConcurrency})`,
      );
      console.log(
        `  straight to the emulator  ${base.ms.toFixed(0)} ms  ${baseRate.toFixed(0)} requests/s  (baseline)`,
      );
      console.log(
        `  through the server        ${served.ms.toFixed(0)} ms  ${serverRate.toFixed(0)} requests/s  ` +
          `p95 ${p95(served.answers.map((answer) => answer.ms)).toFixed(0)} ms` +
          (failures > 0 ? `, ${failures} NOT answered 200` : ''),
      );
      console.log(`  ratio server / baseline   ${(serverRate / baseRate).toFixed(3)}× the baseline's throughput`);
      console.log(
        `  server cost per request   ${((served.ms - base.ms) / requests).toFixed(2)} ms of this one process ` +
          '(emulator, clients and server share it; Kiva itself answers in hundreds of ms)',
      );
    } finally {
      await server.close();
    }
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.95)] ?? 0;
}

/** What the server would send to Kiva for this submit, sent directly (one request per draft, one per repayment batch). */
async function sendStraight(
  emulator: Emulator,
  token: string,
  item: LoadRequest,
): Promise<{ status: number; outcomes: RowOutcome[] }> {
  const headers = { authorization: `Bearer ${token}` };
  const base = `${emulator.apiBase}/v3/partner/${DEMO_CREDENTIALS.partnerId}`;
  if (item.path === '/api/submit/repayments') {
    const repayments = item.body.items.map((entry) => (entry as { repayment: unknown }).repayment);
    return { status: (await post(`${base}/repayments`, { repayments }, headers)).status, outcomes: [] };
  }
  const answers = await Promise.all(
    item.body.items.map((entry) => post(`${base}/loan_draft`, (entry as { body: unknown }).body, headers)),
  );
  return { status: Math.max(...answers.map((answer) => answer.status)), outcomes: [] };
}

async function emulatorToken(emulator: Emulator): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    audience: emulator.audience,
    client_id: DEMO_CREDENTIALS.clientId,
    client_secret: DEMO_CREDENTIALS.clientSecret,
  });
  const answer = await fetch(emulator.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  return ((await answer.json()) as { access_token: string }).access_token;
}

async function repayableLoanIds(emulator: Emulator, token: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 300) {
    const answer = await fetch(
      `${emulator.apiBase}/v3/partner/${DEMO_CREDENTIALS.partnerId}/loans?status=payingBack&offset=${offset}&limit=300`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const page = ((await answer.json()) as { data: { internal_loan_id: string }[] }).data;
    ids.push(...page.map((loan) => loan.internal_loan_id));
    if (page.length < 300) return ids;
  }
}

function post(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'content-length': payload.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
