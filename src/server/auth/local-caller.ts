import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { PAIRING_KEY_HEADER, type Pairing } from './pairing';
import type { Refusal } from './same-origin';
import type { OwnerLookup, SocketOwner } from './socket-owner';

/**
 * Local mode: only the account the server runs as may drive it. Where the platform names a connection's owner
 * (Linux), that decides, and nothing a page carries can change it; where it cannot (or did not for this
 * connection), a pane paired once with the code from the server's console is let in (pairing.ts).
 */
export interface LocalCallerOptions {
  /** Undefined where the platform cannot tell, or when pairing was asked for (KIVA_SHEETS_LOCAL_AUTH=pairing). */
  lookup?: OwnerLookup | undefined;
  /** The server's own uid. */
  uid?: number | undefined;
  pairing: Pairing;
  /** A connection the platform could not place: the console shows the pairing code then. */
  onUnknownOwner?: (reason: string) => void;
}

export type LocalCallerCheck = (
  socket: Socket,
  headers: IncomingHttpHeaders,
  pairingRoute: boolean,
) => Refusal | undefined;

export function createLocalCallerCheck(options: LocalCallerOptions): LocalCallerCheck {
  // A keep-alive connection keeps its owner: looked up once per socket.
  const owners = new WeakMap<Socket, SocketOwner>();
  const ownerOf = (socket: Socket): SocketOwner => {
    const known = owners.get(socket);
    if (known) return known;
    const { lookup } = options;
    const owner: SocketOwner =
      lookup &&
      options.uid !== undefined &&
      socket.remoteAddress &&
      socket.localAddress &&
      socket.remotePort &&
      socket.localPort
        ? lookup(
            { address: socket.remoteAddress, port: socket.remotePort },
            { address: socket.localAddress, port: socket.localPort },
          )
        : { known: false, reason: 'the platform does not say who owns a connection' };
    owners.set(socket, owner);
    if (!owner.known) options.onUnknownOwner?.(owner.reason);
    return owner;
  };

  return (socket, headers, pairingRoute) => {
    const owner = ownerOf(socket);
    if (owner.known) {
      if (owner.uid === options.uid) return undefined;
      return {
        status: 403,
        code: 'auth.other-user',
        message: 'this Kiva Sheets server belongs to another account on this computer; start your own',
      };
    }
    if (pairingRoute) return undefined;
    const key = headers[PAIRING_KEY_HEADER];
    if (options.pairing.isPaired(typeof key === 'string' ? key : undefined)) return undefined;
    options.pairing.announce();
    return {
      status: 401,
      code: 'auth.pairing-required',
      message: 'pair this pane once: enter the code the Kiva Sheets server shows in its window',
    };
  };
}
