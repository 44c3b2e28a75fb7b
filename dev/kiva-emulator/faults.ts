import type { Fault } from './types';

const APPLYING_STATUSES = [500, 502, 504];

interface Pending {
  fault: Fault;
  left: number;
}

export function checkFault(fault: Fault): void {
  if (fault.kind === 'status' && (fault.status === undefined || fault.status < 100 || fault.status > 599)) {
    throw new Error('a status fault needs a status between 100 and 599');
  }
  if (fault.kind === 'latency' && !(typeof fault.ms === 'number' && fault.ms >= 0)) {
    throw new Error('a latency fault needs ms >= 0');
  }
  if (fault.times !== undefined && !(fault.times >= 1)) throw new Error('fault.times must be at least 1');
}

/** Whether a status fault lets the request take effect before the error is answered. */
export function faultApplies(fault: Fault): boolean {
  return fault.apply ?? APPLYING_STATUSES.includes(fault.status ?? 0);
}

/** Faults in injection order; a request takes (one use of) the first that matches it. */
export class FaultQueue {
  private pending: Pending[] = [];

  add(fault: Fault): void {
    checkFault(fault);
    this.pending.push({ fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.pending = [];
  }

  /** The token endpoint is hit only by a fault whose path selects it, a preflight only by one naming OPTIONS. */
  take(method: string, path: string, isTokenEndpoint: boolean): Fault | undefined {
    const index = this.pending.findIndex((p) => matches(p.fault, method, path, isTokenEndpoint));
    const hit = this.pending[index];
    if (!hit) return undefined;
    hit.left--;
    if (hit.left <= 0) this.pending.splice(index, 1);
    return hit.fault;
  }
}

function matches(fault: Fault, method: string, path: string, isTokenEndpoint: boolean): boolean {
  const want = fault.match ?? {};
  const wantMethod = want.method?.toUpperCase();
  if (wantMethod !== undefined ? wantMethod !== method : method === 'OPTIONS') return false;
  if (want.path === undefined) return !isTokenEndpoint;
  if (typeof want.path === 'string') return path.includes(want.path);
  // A /g or /y RegExp keeps state between test() calls; matching must not depend on earlier requests.
  want.path.lastIndex = 0;
  return want.path.test(path);
}
