import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';

/**
 * Which operating-system account owns the other end of a loopback TCP connection, where the platform can tell.
 *
 * Linux lists every socket of the network namespace in /proc/net/tcp and /proc/net/tcp6 with the uid of the process
 * that created it. The client's socket is the line whose local address is the connection's remote end and whose
 * remote address is our end; its uid is the caller's account. Only ESTABLISHED lines count: a socket in TIME_WAIT has
 * no owner any more and is listed with uid 0, which must never read as "root called".
 *
 * Windows keeps the same fact in its TCP table (GetExtendedTcpTable, TCP_TABLE_OWNER_PID: the owning process, then
 * its token's user); Node offers no way to read it without a native module, so there (and on macOS) the server falls
 * back to pairing (docs/server.md).
 */
export interface Endpoint {
  address: string;
  port: number;
}

export type SocketOwner = { known: true; uid: number } | { known: false; reason: string };

export type OwnerLookup = (client: Endpoint, server: Endpoint) => SocketOwner;

const ESTABLISHED = '01';

/** Undefined where the platform cannot tell (not Linux, or /proc not mounted). */
export function procNetOwnerLookup(
  read: (path: string) => string = (path) => readFileSync(path, 'latin1'),
  platform: NodeJS.Platform = process.platform,
): OwnerLookup | undefined {
  if (platform !== 'linux') return undefined;
  try {
    read('/proc/net/tcp');
  } catch {
    return undefined;
  }
  return (client, server) => {
    const want = { local: canonical(client), remote: canonical(server) };
    if (want.local === undefined || want.remote === undefined)
      return { known: false, reason: 'address not understood' };
    for (const path of ['/proc/net/tcp', '/proc/net/tcp6']) {
      let table: string;
      try {
        table = read(path);
      } catch {
        continue;
      }
      for (const line of table.split('\n').slice(1)) {
        const fields = line.trim().split(/\s+/);
        // sl local_address rem_address st tx:rx tr:tm retrnsmt uid timeout inode
        const [, local, remote, state, , , , uid, , inode] = fields;
        if (local === undefined || remote === undefined || uid === undefined) continue;
        if (state !== ESTABLISHED || inode === '0') continue;
        if (parseEndpoint(local) === want.local && parseEndpoint(remote) === want.remote) {
          const owner = Number(uid);
          return Number.isInteger(owner) ? { known: true, uid: owner } : { known: false, reason: 'uid unreadable' };
        }
      }
    }
    return { known: false, reason: 'connection not found in /proc/net/tcp' };
  };
}

/** `127.0.0.1:5000`; IPv4-mapped IPv6 (`::ffff:127.0.0.1`) as its IPv4 address, so both tables compare alike. */
function canonical(endpoint: Endpoint): string | undefined {
  const address = endpoint.address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(address)) return `${address}:${endpoint.port}`;
  if (address === '::1') return `::1:${endpoint.port}`;
  return undefined;
}

/**
 * `0100007F:1F90` (IPv4) or 32 hex digits (IPv6), each 32-bit word in the kernel's byte order, then the port in
 * big-endian hex.
 */
export function parseEndpoint(text: string, order: 'LE' | 'BE' = endianness()): string | undefined {
  const [hex, portHex] = text.split(':');
  if (hex === undefined || portHex === undefined) return undefined;
  const port = parseInt(portHex, 16);
  const words = hex.match(/.{8}/g)?.map((word) => {
    const bytes = word.match(/../g)?.map((byte) => parseInt(byte, 16)) ?? [];
    return order === 'LE' ? bytes.reverse() : bytes;
  });
  if (words === undefined) return undefined;
  const bytes = words.flat();
  if (bytes.length === 4) return `${bytes.join('.')}:${port}`;
  if (bytes.length !== 16) return undefined;
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    return `${bytes.slice(12).join('.')}:${port}`;
  }
  if (bytes.slice(0, 15).every((b) => b === 0) && bytes[15] === 1) return `::1:${port}`;
  return `${bytes.map((b) => b.toString(16).padStart(2, '0')).join('')}:${port}`;
}
