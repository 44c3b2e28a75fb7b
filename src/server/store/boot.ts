/**
 * Which boot of the machine a reservation was made in. A request's leaving mark (src/app/ledger.ts `leaving`) is
 * committed without an fsync: it is in the OS's cache, which survives the process being killed but not a power cut
 * or an OS crash. So a dead run's reservation without the mark proves its request never left only if the machine
 * has not restarted since; recovery compares the boot recorded with the submit with the machine's boot now.
 *
 * Linux names each boot (`/proc/sys/kernel/random/boot_id`), and with it goes the process's pid namespace: recovery
 * trusts a pid found dead only within one namespace (a container sharing the host's name and the ledger file sees
 * other pids; its boot id is the host's), so a reservation made in another namespace is never taken as never sent.
 * Elsewhere the boot time is the clock minus the uptime,
 * which moves with the clock: two readings are the same boot only within a margin, and only for a reservation made
 * well after the boot, so that a restart after it cannot land within the margin. Whatever cannot be told is not the
 * same boot: the reservation then becomes Uncertain, as it would have without the mark.
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { uptime } from 'node:os';

const BOOT_ID = '/proc/sys/kernel/random/boot_id';
/** How far two readings of the boot time may drift apart (clock adjustments) and still be one boot. */
export const BOOT_TIME_MARGIN_MS = 2 * 60 * 1000;

/**
 * `id:<boot id> pid:[<namespace>]` on Linux, else `time:<epoch ms of the boot>`; undefined when neither can be read.
 */
export function currentBoot(
  read: () => string = () => readFileSync(BOOT_ID, 'utf8'),
  pidNamespace: () => string = () => readlinkSync('/proc/self/ns/pid'),
): string | undefined {
  try {
    const id = read().trim();
    if (id !== '') return `id:${id} ${namespaceOf(pidNamespace)}`;
  } catch {
    // Not Linux (or /proc hidden): the boot time instead.
  }
  const seconds = uptime();
  return Number.isFinite(seconds) && seconds > 0 ? `time:${Math.round(Date.now() - seconds * 1000)}` : undefined;
}

/**
 * Whether a reservation made at `reservedAt` (epoch ms) in boot `recorded` was made in the boot `current`: true
 * only when that is certain.
 */
export function sameBoot(recorded: string | null, current: string | undefined, reservedAt: number): boolean {
  if (recorded === null || current === undefined) return false;
  if (recorded.startsWith('id:') || current.startsWith('id:'))
    return recorded === current && !current.endsWith(UNKNOWN);
  const then = bootTime(recorded);
  const now = bootTime(current);
  if (then === undefined || now === undefined || !Number.isFinite(reservedAt)) return false;
  // A restart after the reservation boots later than it: more than 2 margins after the boot recorded, so more than
  // one margin away from it even if both readings drifted.
  return Math.abs(now - then) <= BOOT_TIME_MARGIN_MS && reservedAt - then > 2 * BOOT_TIME_MARGIN_MS;
}

const UNKNOWN = 'pid:?';

/** The pid namespace as Linux names it (`pid:[4026531836]`), or `pid:?` when it cannot be read (never the same). */
function namespaceOf(read: () => string): string {
  try {
    return read().trim() || UNKNOWN;
  } catch {
    return UNKNOWN;
  }
}

function bootTime(boot: string): number | undefined {
  if (!boot.startsWith('time:')) return undefined;
  const value = Number(boot.slice('time:'.length));
  return Number.isFinite(value) ? value : undefined;
}
