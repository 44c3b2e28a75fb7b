import type { Scope } from '../../src/kiva/models';
import type { EmulatorClient } from './types';

export const ALL_SCOPES: readonly Scope[] = [
  'read:loans',
  'create:loan_draft',
  'create:journal_update',
  'create:repayment',
];

export const DEMO_CREDENTIALS = { clientId: 'demo-stage-client', clientSecret: 'demo-stage-secret', partnerId: '145' };

export const READONLY_CREDENTIALS = {
  clientId: 'demo-readonly-client',
  clientSecret: 'demo-readonly-secret',
  partnerId: '145',
};

export function defaultClients(): EmulatorClient[] {
  return [
    { ...DEMO_CREDENTIALS, scopes: [...ALL_SCOPES] },
    { ...READONLY_CREDENTIALS, scopes: ['read:loans'] },
  ];
}
