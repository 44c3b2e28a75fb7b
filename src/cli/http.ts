/**
 * The command line's HTTP client, src/kiva's `FetchLike` over Node's own http/https with a keep-alive agent
 * (not the global fetch, undici), so that an idle connection is never reused after the server may have closed it.
 *
 * A server or proxy closes an idle connection after its own timeout (Node's servers after 5 s, many proxies
 * sooner). A request written into a connection the server has just closed fails after it may have left; for a
 * POST its rows are then Uncertain (that is the truth: the client cannot know whether Kiva read it). undici keeps
 * idle connections 4 s, but counts them in ticks of a 500 ms timer wheel that stands still while the event loop is
 * busy (converting 100,000 rows, writing a ledger): a connection idle for 6 s of real time still looked fresh, and
 * 1,000 rows of a bench send turned Uncertain (UND_ERR_SOCKET). Here:
 * - an idle connection is closed after `idleMs` of real time (4 s, below Node's 5 s server default; Node's agent
 *   also retires it a second before the timeout a server announces in its Keep-Alive header);
 * - a request that comes after the event loop was held (no turn for a quarter of a second) first lets it turn, so
 *   that the timers of expired idle connections fire and connections the server closed meanwhile are seen closed,
 *   before one is picked (not before every request: under load each turn carries other requests' work, and
 *   waiting for three of them halved the requests in flight);
 * - a GET (idempotent) that fails on a reused connection before any answer is repeated once on a new connection;
 *   a POST never is: it may have reached Kiva, and src/kiva settles its rows Uncertain.
 */
import http from 'node:http';
import https from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { FetchInitLike, FetchLike, FetchResponseLike } from '../kiva';

export interface NodeFetchOptions {
  /** How long an idle connection is kept for the next request. */
  idleMs?: number;
  /** A connection not established by then fails as never sent (undici's default too). */
  connectTimeoutMs?: number;
}

export const IDLE_MS = 4_000;
export const CONNECT_TIMEOUT_MS = 10_000;
/** The error code of a connection that could not be established in time: nothing was sent (src/kiva/exchange.ts). */
export const CONNECT_TIMEOUT_CODE = 'CONNECT_TIMEOUT';

export interface NodeFetch extends FetchLike {
  /** Closes the idle connections (the process also exits with them open: their sockets are unreferenced). */
  close(): void;
}

export function createNodeFetch(options: NodeFetchOptions = {}): NodeFetch {
  const idleMs = options.idleMs ?? IDLE_MS;
  const connectTimeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  // `fifo`: the connection idle longest is picked first, and one found closed at the head of the list is skipped.
  const agentOptions = { keepAlive: true, timeout: idleMs, scheduling: 'fifo' as const };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };

  const once = (url: URL, init: FetchInitLike, agent: http.Agent | false): Promise<Answer> =>
    new Promise<Answer>((resolve) => {
      const body = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
      const headers: Record<string, string> = { ...init.headers };
      if (body !== undefined) headers['Content-Length'] = String(body.length);
      const request = (url.protocol === 'https:' ? https : http).request(url, {
        method: init.method,
        headers,
        agent,
        signal: init.signal,
      });
      let answered = false;
      request.on('socket', (socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(() => request.destroy(connectTimeout(connectTimeoutMs)), connectTimeoutMs);
        // Over TLS the connection is usable once the handshake is done, as with undici's connect timeout.
        socket.once('encrypted' in socket ? 'secureConnect' : 'connect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      });
      request.on('response', (response) => {
        answered = true;
        resolve({ kind: 'response', response });
      });
      request.on('error', (error) => {
        if (answered) return;
        // Failed before any answer on a connection used before: the server may have closed it as it was picked.
        resolve({ kind: 'error', error, reused: request.reusedSocket });
      });
      request.end(body);
    }).then((answer) => {
      if (answer.kind === 'error' && !(answer.reused && isReset(answer.error))) return Promise.reject(answer.error);
      return answer;
    });

  const fetchLike = async (address: string, init: FetchInitLike): Promise<FetchResponseLike> => {
    const url = new URL(address);
    if (loopWasHeld()) await loopTurns();
    const agent = url.protocol === 'https:' ? agents.https : agents.http;
    let answer = await once(url, init, agent);
    if (answer.kind === 'error') {
      // Only a reset on a reused connection reaches here. A read is repeated once, on a connection of its own.
      if (init.method !== 'GET' || init.signal.aborted) throw answer.error;
      answer = await once(url, init, false);
      if (answer.kind === 'error') throw answer.error;
    }
    return responseLike(answer.response, init.signal);
  };
  return Object.assign(fetchLike, {
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  });
}

type Answer = { kind: 'response'; response: http.IncomingMessage } | { kind: 'error'; error: Error; reused: boolean };

/** When the event loop last turned, as seen by a timer that runs at every turn it can. */
let lastTurn = 0;
let turnTimer: NodeJS.Timeout | undefined;
const TURN_MS = 50;
const HELD_MS = 250;

function loopWasHeld(): boolean {
  const now = Date.now();
  if (turnTimer === undefined) {
    turnTimer = setInterval(() => (lastTurn = Date.now()), TURN_MS);
    turnTimer.unref();
    lastTurn = now;
  }
  return now - lastTurn > HELD_MS;
}

/**
 * Three turns of the event loop: timers (an idle connection past its time is destroyed), a poll (a close the
 * server sent while the loop was busy is read), the close callbacks (the agent forgets the closed connection).
 * A few microseconds when the loop is free.
 */
async function loopTurns(): Promise<void> {
  for (let k = 0; k < 3; k++) await new Promise<void>((resolve) => setImmediate(resolve));
}

function isReset(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ECONNRESET' || code === 'EPIPE';
}

function connectTimeout(ms: number): Error {
  return Object.assign(new Error(`no connection within ${ms} ms`), { code: CONNECT_TIMEOUT_CODE });
}

function responseLike(response: http.IncomingMessage, signal: AbortSignal): FetchResponseLike {
  return {
    status: response.statusCode ?? 0,
    headers: {
      get(name) {
        const value = response.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    text: () => readText(decoded(response), signal),
  };
}

/** The body as sent (fetch decodes the same encodings; none is asked for, but a server may use one anyway). */
function decoded(response: http.IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : undefined;
  if (decoder === undefined) return response;
  response.on('error', (error) => decoder.destroy(error));
  return response.pipe(decoder);
}

/**
 * UTF-8 text as fetch's `text()` gives it: invalid bytes replaced, a leading byte order mark dropped. Decoded once,
 * whole, by Buffer's own decoder (V8's, WHATWG replacement as TextDecoder): on a 150 KB page of 300 loans it took
 * 453 µs against TextDecoder's 563, and JSON.parse read its string in 560 µs against 664 (a one-byte string);
 * decoding chunk by chunk is cheaper alone (312 µs) but leaves JSON.parse a rope to flatten (782 µs).
 */
async function readText(body: Readable, signal: AbortSignal): Promise<string> {
  if (signal.aborted) throw signal.reason;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(chunk);
  const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
  return text.charCodeAt(0) === BYTE_ORDER_MARK ? text.slice(1) : text;
}

const BYTE_ORDER_MARK = 0xfeff;
