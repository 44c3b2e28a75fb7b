/**
 * The command line's HTTP client over real sockets, against a bare HTTP/1.1 server that closes idle connections on
 * its own clock and announces nothing (as a proxy may): a connection the server may have closed is never reused,
 * a read that meets a reset connection is repeated, a POST never is.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createNodeFetch, type NodeFetch } from '../../src/cli/http';
import { exchange } from '../../src/kiva/exchange';
import { hostRuntime } from '../../src/app/host-runtime';

interface Received {
  method: string;
  path: string;
  connection: number;
  body: string;
}

interface TestServer {
  url: string;
  received: Received[];
  connections: number;
  close(): Promise<void>;
}

/**
 * Answers every request 200 with a small JSON body (gzipped with `gzip`; never, with `silent`) and keeps the
 * connection, closing it after `idleMs` without a request. `crossing`: the close is still on its way when the client's next request leaves (it is not sent; a
 * request on that connection is met with a reset), which is the race a real server's close runs with a client.
 * `resetNth`: the nth request on a connection (from 1) is met with a reset instead of an answer.
 */
async function startServer(options: {
  idleMs: number;
  crossing?: boolean;
  resetNth?: number;
  gzip?: boolean;
  silent?: boolean;
}): Promise<TestServer> {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((socket) => {
    const connection = ++connections;
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      clearTimeout(idle);
    });
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    let onConnection = 0;
    let idle: NodeJS.Timeout | undefined;
    let closed = false;
    const arm = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        closed = true;
        if (options.crossing !== true) socket.end();
      }, options.idleMs);
    };
    arm();
    socket.on('data', (data) => {
      clearTimeout(idle);
      buffer = Buffer.concat([buffer, data]);
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString('latin1').split('\r\n');
        const length = Number(/^content-length:\s*(\d+)/im.exec(head.join('\n'))?.[1] ?? 0);
        if (buffer.length < end + 4 + length) return;
        const [method = '', path = ''] = (head[0] ?? '').split(' ');
        const body = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
        buffer = buffer.subarray(end + 4 + length);
        if (closed) {
          socket.resetAndDestroy();
          return;
        }
        received.push({ method, path, connection, body });
        onConnection++;
        if (onConnection === options.resetNth) {
          socket.resetAndDestroy();
          return;
        }
        if (options.silent === true) return;
        const answer = Buffer.from(JSON.stringify({ connection, accent: 'Pagó' }), 'utf8');
        const payload = options.gzip === true ? gzipSync(answer) : answer;
        const encoding = options.gzip === true ? 'Content-Encoding: gzip\r\n' : '';
        socket.write(
          `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n${encoding}Content-Length: ${payload.length}\r\n\r\n`,
        );
        socket.write(payload);
        arm();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    received,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The event loop held, as a 100,000-row conversion holds it: no timer fires, no socket is read meanwhile. */
function busy(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // spin
  }
}

const post = (body: string) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body,
  signal: new AbortController().signal,
});
const get = () => ({ method: 'GET', headers: {}, signal: new AbortController().signal });

let server: TestServer | undefined;
let client: NodeFetch | undefined;

afterEach(async () => {
  client?.close();
  await server?.close();
  server = undefined;
  client = undefined;
});

test('a POST after the loop was busy past the server closing the idle connection goes out on a new one', async () => {
  server = await startServer({ idleMs: 1_000 });
  client = createNodeFetch();
  const first = await client(`${server.url}/v3/repayments`, post('{"n":1}'));
  expect(await first.text()).toBe('{"connection":1,"accent":"Pagó"}');
  // The server closes the idle connection after 1 s; this process cannot see it while busy.
  busy(1_500);
  const second = await client(`${server.url}/v3/repayments`, post('{"n":2}'));
  expect(second.status).toBe(200);
  expect(await second.text()).toBe('{"connection":2,"accent":"Pagó"}');
  expect(server.received.map((r) => [r.method, r.body, r.connection])).toEqual([
    ['POST', '{"n":1}', 1],
    ['POST', '{"n":2}', 2],
  ]);
});

test('an idle connection is retired after idleMs of real time, busy loop or not, before the server closes it', async () => {
  // The server's close crosses the next request (its timeout 1 s; this client's 0.8 s, as 4 s is below 5 s).
  server = await startServer({ idleMs: 1_000, crossing: true });
  client = createNodeFetch({ idleMs: 800 });
  await (await client(`${server.url}/v3/repayments`, post('{"n":1}'))).text();
  // Reused while fresh: keep-alive is kept.
  await new Promise((resolve) => setTimeout(resolve, 50));
  await (await client(`${server.url}/v3/repayments`, post('{"n":2}'))).text();
  busy(1_200);
  expect((await client(`${server.url}/v3/repayments`, post('{"n":3}'))).status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  expect((await client(`${server.url}/v3/repayments`, post('{"n":4}'))).status).toBe(200);
  expect(server.received.map((r) => [r.body, r.connection])).toEqual([
    ['{"n":1}', 1],
    ['{"n":2}', 1],
    ['{"n":3}', 2],
    ['{"n":4}', 3],
  ]);
});

test('a read met by a reset on a reused connection is repeated once on a new connection', async () => {
  server = await startServer({ idleMs: 60_000, resetNth: 2 });
  client = createNodeFetch();
  await (await client(`${server.url}/loans?offset=0`, get())).text();
  const again = await client(`${server.url}/loans?offset=300`, get());
  expect(again.status).toBe(200);
  expect(server.received.map((r) => [r.path, r.connection])).toEqual([
    ['/loans?offset=0', 1],
    ['/loans?offset=300', 1],
    ['/loans?offset=300', 2],
  ]);
});

test('a POST met by a reset on a reused connection is not repeated: it reached the server, its fate is unknown', async () => {
  server = await startServer({ idleMs: 60_000, resetNth: 2 });
  client = createNodeFetch();
  const runtime = hostRuntime(client);
  const request = (body: string) =>
    exchange(runtime, { method: 'POST', url: `${server?.url}/v3/repayments`, headers: {}, body, timeoutMs: 5_000 });
  expect((await request('{"n":1}')).kind).toBe('answered');
  const lost = await request('{"n":2}');
  expect(lost).toEqual({ kind: 'lost', reason: 'connection-lost', detail: 'ECONNRESET' });
  expect(server.received.map((r) => r.body)).toEqual(['{"n":1}', '{"n":2}']);
});

test('a server that accepts no connection is never sent anything: the failure says so', async () => {
  server = await startServer({ idleMs: 60_000 });
  const url = server.url;
  await server.close();
  server = undefined;
  client = createNodeFetch();
  const answer = await exchange(hostRuntime(client), {
    method: 'POST',
    url: `${url}/v3/repayments`,
    headers: {},
    body: '{}',
    timeoutMs: 5_000,
  });
  expect(answer).toEqual({ kind: 'not-sent', detail: 'ECONNREFUSED' });
});

test('a gzipped answer reads as its text, and one that never comes ends as a timeout: the POST is Uncertain', async () => {
  server = await startServer({ idleMs: 60_000, gzip: true });
  client = createNodeFetch();
  expect(await (await client(`${server.url}/v3/loans`, get())).text()).toBe('{"connection":1,"accent":"Pagó"}');
  await server.close();
  server = await startServer({ idleMs: 60_000, silent: true });
  const answer = await exchange(hostRuntime(client), {
    method: 'POST',
    url: `${server.url}/v3/repayments`,
    headers: {},
    body: '{}',
    timeoutMs: 200,
  });
  expect(answer).toEqual({ kind: 'lost', reason: 'timeout', detail: 'no answer within 200 ms' });
  expect(server.received).toHaveLength(1);
});

test('a body reads as TextDecoder reads it: its byte order mark dropped, a character split across chunks whole, invalid bytes replaced', async () => {
  // BOM, "Pagó" with the ó's two bytes in two writes, a lone continuation byte, a truncated three-byte sequence.
  const parts = [
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from('{"name":"Pag', 'utf8'),
    Buffer.from([0xc3]),
    Buffer.from([0xb3, 0x80]),
    Buffer.from('x', 'utf8'),
    Buffer.from([0xe2, 0x82]),
    Buffer.from('"}', 'utf8'),
  ];
  const expected = new TextDecoder('utf-8').decode(Buffer.concat(parts));
  expect(expected).toBe('{"name":"Pagó\uFFFDx\uFFFD"}');
  const chunked = createHttpServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    const next = (k: number): void => {
      if (k === parts.length) return void response.end();
      response.write(parts[k], () => setTimeout(() => next(k + 1), 2));
    };
    next(0);
  });
  await new Promise<void>((resolve) => chunked.listen(0, '127.0.0.1', resolve));
  try {
    client = createNodeFetch();
    const { port } = chunked.address() as AddressInfo;
    expect(await (await client(`http://127.0.0.1:${port}/v3/loans`, get())).text()).toBe(expected);
  } finally {
    client?.close();
    await new Promise<void>((resolve) => chunked.close(() => resolve()));
  }
});
