/**
 * The connection check's port over src/kiva: the command line and the server both build it from the token service
 * and a Kiva client they already hold. Only reads pass through it.
 */
import type { KivaClient, LoanStatus, Result, TokenService } from '../kiva';
import type { DoctorPort, TokenFacts } from './doctor';

export interface KivaDoctorPortOptions {
  tokens: TokenService;
  client: KivaClient;
  /** Wraps each Kiva read (the server's per-environment gate); default: run it as it is. */
  gate?: <T>(read: () => Promise<T>) => Promise<T>;
}

export function kivaDoctorPort(options: KivaDoctorPortOptions): DoctorPort {
  const { tokens, client } = options;
  const gate = options.gate ?? (<T>(read: () => Promise<T>) => read());
  const { name, tokenUrl, audience, apiBase } = tokens.environment;
  return {
    environment: { name, tokenUrl, audience, apiBase },
    async freshToken(signal): Promise<Result<TokenFacts>> {
      const token = await tokens.getToken({ fresh: true, ...(signal !== undefined ? { signal } : {}) });
      if (!token.ok) return token;
      const { partnerId, grantedScopes, obtainedAt, expiresAt } = token.value;
      return { ok: true, value: { partnerId, ...(grantedScopes ? { grantedScopes } : {}), obtainedAt, expiresAt } };
    },
    configLists: (signal) => gate(() => client.getConfigLists(signal !== undefined ? { signal } : {})),
    async countLoans(status: LoanStatus, signal): Promise<Result<number>> {
      const readOptions = signal !== undefined ? { signal } : {};
      const page = await gate(() => client.getLoans({ status, offset: 0, limit: 1 }, readOptions));
      if (!page.ok) return page;
      if (page.value.total !== undefined) return { ok: true, value: page.value.total };
      // Kiva did not say its total: count them the long way.
      const all = await gate(() => client.getAllLoans({ statuses: [status] }, readOptions));
      return all.ok ? { ok: true, value: all.value.length } : all;
    },
    journalRoute() {
      const route = client.journalRoute();
      return { variant: route.variant.name, known: route.known };
    },
  };
}
