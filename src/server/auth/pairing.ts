import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * One-time pairing, for local mode where the platform cannot say which account owns a connection (Windows, macOS,
 * or a Linux connection missing from /proc/net/tcp). The server shows a short code in its own console; the pane asks
 * the user for it once and trades it for a key it keeps in its own (partitioned) storage. No page the server serves
 * carries the code or a key, so another account that can reach 127.0.0.1 gets neither: it sees no console of ours.
 *
 * Codes are single-use and fall after a few wrong tries (a new one is shown), so guessing is out of reach:
 * 8 characters of 31 is ~40 bits, at 5 guesses per code. Keys are 32 random bytes; the server keeps only their
 * SHA-256, in the audit database, so a pairing outlives restarts.
 */
export const PAIRING_KEY_HEADER = 'x-kiva-sheets-key';

/** No 0/O, 1/I/L: the user reads it off a console and types it. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
export const PAIRING_ATTEMPTS = 5;

export interface PairingKeys {
  add(keyHash: string, time: number): void;
  has(keyHash: string): boolean;
}

export interface Pairing {
  /** Shows the current code in the server's console (once per code). */
  announce(): void;
  pair(code: string): { ok: true; key: string } | { ok: false; attemptsLeft: number };
  isPaired(key: string | undefined): boolean;
}

export function createPairing(deps: { keys: PairingKeys; show: (code: string) => void; now: () => number }): Pairing {
  let code = newCode();
  let shown = false;
  let wrong = 0;
  const announce = () => {
    if (shown) return;
    shown = true;
    deps.show(`${code.slice(0, 4)}-${code.slice(4)}`);
  };
  const replace = () => {
    code = newCode();
    wrong = 0;
    shown = false;
    announce();
  };
  return {
    announce,
    pair(given) {
      const typed = Buffer.from(given.toUpperCase().replace(/[^A-Z0-9]/g, ''));
      const expected = Buffer.from(code);
      if (typed.length === expected.length && timingSafeEqual(typed, expected)) {
        const key = randomBytes(32).toString('base64url');
        deps.keys.add(hashOf(key), deps.now());
        replace();
        return { ok: true, key };
      }
      wrong += 1;
      const attemptsLeft = PAIRING_ATTEMPTS - wrong;
      if (attemptsLeft <= 0) replace();
      return { ok: false, attemptsLeft: Math.max(0, attemptsLeft) };
    },
    isPaired: (key) => key !== undefined && key !== '' && key.length <= 200 && deps.keys.has(hashOf(key)),
  };
}

function newCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

function hashOf(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
