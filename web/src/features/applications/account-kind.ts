import type { Role } from '../../../../src/contracts/accounts.schema';
import type { ApplicationKind } from './applications-api';

/** Individuals apply for individual products, enterprises for enterprise ones. */
export function applicationKindOf(role: Role): ApplicationKind {
  return role === 'borrower_enterprise' ? 'enterprise' : 'individual';
}
