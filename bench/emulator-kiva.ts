/** The benches' way to reach the local emulator as a Kiva environment: its addresses, and tokens for it. */
import { DEMO_CREDENTIALS, type Emulator } from '../dev/kiva-emulator';
import { createTokenService, resolveEnvironment, type KivaRuntime, type TokenService } from '../src/kiva';

export function emulatorTokens(
  emulator: Pick<Emulator, 'tokenUrl' | 'audience' | 'apiBase'>,
  runtime: KivaRuntime,
): TokenService {
  const environment = resolveEnvironment({
    name: 'custom',
    tokenUrl: emulator.tokenUrl,
    audience: emulator.audience,
    apiBase: emulator.apiBase,
  });
  if (!environment.ok) throw new Error(environment.error.code);
  return createTokenService({ environment: environment.value, credentials: DEMO_CREDENTIALS, runtime });
}
